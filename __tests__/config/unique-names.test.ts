import { App, TerraformStack } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Catalog } from "@cdktf/provider-databricks/lib/catalog";
import { Credential } from "@cdktf/provider-databricks/lib/credential";
import { Group } from "@cdktf/provider-databricks/lib/group";
import { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import { nameCollisions } from "../../modules/core/unique-names";
import { withContext } from "../helpers";

/** An app with one stack per account/region, each holding the named resources `build` adds. */
function app(stacks: Array<{ account: string; region?: string; build: (s: TerraformStack) => void }>): App {
  const a = new App();
  stacks.forEach(({ account, region, build }, i) => {
    const stack = new TerraformStack(a, `s${i}`);
    withContext(stack, { awsAccountId: account, ...(region ? { region } : {}) });
    build(stack);
  });
  return a;
}

const summary = (a: App) => nameCollisions(a).map((c) => [c.field.what, c.value, c.scope, c.resources.map((r) => r.path)]);

describe("names unique across the app", () => {
  test("bucket names collide across accounts; role names only within one account", () => {
    const role = (name: string) => (s: TerraformStack) => new IamRole(s, "role", { name, assumeRolePolicy: "{}" });
    const bucket = (name: string) => (s: TerraformStack) => new S3Bucket(s, "bucket", { bucket: name });
    const a = app([
      { account: "111111111111", build: (s) => { role("ops")(s); bucket("data")(s); } },
      { account: "222222222222", build: (s) => { role("ops")(s); bucket("data")(s); } },
      { account: "222222222222", build: role("ops") },
    ]);
    expect(summary(a)).toEqual([
      ["S3 bucket name", "data", "globally", ["s0/bucket", "s1/bucket"]],
      ["IAM role name", "ops", "AWS account 222222222222", ["s1/role", "s2/role"]],
    ]);
  });

  test("regional names collide only within one account and region; tokens are skipped", () => {
    const alias = (name: string) => (s: TerraformStack) => new KmsAlias(s, "alias", { name, targetKeyId: "k" });
    const a = app([
      { account: "111111111111", region: "us-east-1", build: alias("alias/x") },
      { account: "111111111111", region: "us-west-2", build: alias("alias/x") },
      { account: "111111111111", region: "us-west-2", build: alias("alias/x") },
      { account: "111111111111", region: "us-west-2", build: (s) => new S3Bucket(s, "bucket", { bucket: new IamRole(s, "r", { assumeRolePolicy: "{}" }).name }) },
      { account: "111111111111", region: "us-west-2", build: (s) => new S3Bucket(s, "bucket", { bucket: new IamRole(s, "r", { assumeRolePolicy: "{}" }).name }) },
    ]);
    expect(summary(a)).toEqual([["KMS alias", "alias/x", "AWS account 111111111111, us-west-2", ["s1/alias", "s2/alias"]]]);
  });

  // Issue 19 items 15, 16.
  test("account groups collide within a Databricks account; catalogs and credentials (storage and service alike) within a metastore", () => {
    const a = new App();
    const stack = (i: number, databricksAccountId: string, region: string, build: (s: TerraformStack) => void) => {
      const s = new TerraformStack(a, `s${i}`);
      withContext(s, { databricksAccountId, region });
      build(s);
    };
    const one = "0a1b2c3d-0000-4000-8000-000000000001";
    const two = "0a1b2c3d-0000-4000-8000-000000000002";
    stack(0, one, "us-east-1", (s) => { new Group(s, "g", { displayName: "data-engineers" }); new Catalog(s, "c", { name: "main" }); new StorageCredential(s, "sc", { name: "shared" }); });
    stack(1, one, "us-west-2", (s) => { new Group(s, "g", { displayName: "data-engineers" }); new Catalog(s, "c", { name: "main" }); });
    stack(2, two, "us-east-1", (s) => { new Catalog(s, "c", { name: "main" }); });
    stack(3, one, "us-east-1", (s) => { new Catalog(s, "c", { name: "main" }); new Credential(s, "cr", { name: "shared", purpose: "SERVICE" }); });
    expect(summary(a)).toEqual([
      ["Databricks account group name", "data-engineers", `Databricks account ${one}`, ["s0/g", "s1/g"]],
      ["Unity Catalog catalog name", "main", `the metastore of Databricks account ${one} in us-east-1`, ["s0/c", "s3/c"]],
      ["Unity Catalog credential name", "shared", `the metastore of Databricks account ${one} in us-east-1`, ["s0/sc", "s3/cr"]],
    ]);
  });
});
