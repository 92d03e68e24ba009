import { App, TerraformStack } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
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
});
