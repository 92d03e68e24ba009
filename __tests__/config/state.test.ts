import { Testing } from "cdktf";
import { loadEnvironments } from "../../environments";
import { dev } from "../../environments/dev";
import { poc } from "../../environments/poc";
import { StateBucket } from "../../modules/state";
import { addEnvironmentStacks } from "../../stacks/app";
import { Json, resource, resources, synthJson, withContext } from "../helpers";

function synthApp(configs: unknown[]) {
  const app = Testing.app();
  addEnvironmentStacks(app, loadEnvironments(configs as never, {}));
  const stacks = Object.fromEntries(app.node.children.map((s) => [s.node.id, s]));
  return { stacks, json: (id: string): Json => JSON.parse(Testing.synth(stacks[id] as never)) };
}

describe("state", () => {
  test("poc keeps local state (relative path, same on every machine), no state stack", () => {
    const { stacks, json } = synthApp([poc]);
    expect(Object.keys(stacks)).toEqual(["poc-workspace", "poc-workspace-config"]);
    expect(json("poc-workspace-config").terraform.backend).toEqual({ local: { path: "../../../terraform.poc-workspace-config.tfstate" } });
    expect(json("poc-workspace").terraform.backend).toEqual({ local: { path: "../../../terraform.poc-workspace.tfstate" } });
  });

  test("dev: S3 backend with key <env>/<stack>.tfstate, encryption and S3-native locking; a dev-state stack deployed first", () => {
    const { stacks, json } = synthApp([dev]);
    expect(Object.keys(stacks).sort()).toEqual(["dev-state", "dev-workspace", "dev-workspace-config"]);
    expect(json("dev-workspace").terraform.backend).toEqual({
      s3: { bucket: "databricks-dev-222222222222-tfstate", key: "dev/dev-workspace.tfstate", region: "us-east-1", encrypt: true, use_lockfile: true },
    });
    const deps = (id: string) => (stacks[id] as never as { dependencies: Array<{ node: { id: string } }> }).dependencies.map((d) => d.node.id);
    expect(deps("dev-workspace")).toEqual(["dev-state"]);
    expect(deps("dev-workspace-config")).toContain("dev-state");
    expect(json("dev-state").terraform.backend).toEqual({ local: { path: "../../../terraform.dev-state.tfstate" } });
  });

  test("createBucket: false uses an existing bucket and adds no state stack", () => {
    const { stacks } = synthApp([{ ...dev, state: { backend: "s3", bucket: "shared-tfstate-bucket", createBucket: false } }]);
    expect(Object.keys(stacks)).toEqual(["dev-workspace", "dev-workspace-config"]);
  });

  test("the state bucket is versioned, hardened, expires old versions and cannot be destroyed", () => {
    const json = synthJson((scope) => {
      withContext(scope);
      new StateBucket(scope, "state", { bucketName: "acme-tfstate" });
    });
    expect(resources(json, "aws_s3_bucket")).toEqual([{ bucket: "acme-tfstate", force_destroy: false, lifecycle: { prevent_destroy: true } }]);
    expect(resource(json, "aws_s3_bucket_versioning", "versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(resource(json, "aws_s3_bucket_public_access_block", "public-access-block")).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(JSON.parse(resource(json, "aws_s3_bucket_policy", "policy").policy).Statement.map((s: Json) => s.Sid)).toEqual(["AllowSSLRequestsOnly"]);
    expect(resource(json, "aws_s3_bucket_lifecycle_configuration", "lifecycle").rule[0]).toMatchObject({
      status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  test("the policy's ARNs take the context's partition", () => {
    const json = synthJson((scope) => {
      withContext(scope, { region: "us-gov-west-1" });
      new StateBucket(scope, "state", { bucketName: "acme-tfstate", noncurrentVersionDays: 30 });
    });
    expect(JSON.parse(resource(json, "aws_s3_bucket_policy", "policy").policy).Statement[0].Resource)
      .toEqual(["arn:aws-us-gov:s3:::acme-tfstate", "arn:aws-us-gov:s3:::acme-tfstate/*"]);
    expect(resource(json, "aws_s3_bucket_lifecycle_configuration", "lifecycle").rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });

  test("preventDestroy is on whatever the context's protectData; only an explicit false turns it off", () => {
    const lifecycle = (preventDestroy: boolean | undefined, protectData: boolean) => resource(synthJson((scope) => {
      withContext(scope, { protectData });
      new StateBucket(scope, "state", { bucketName: "acme-tfstate", preventDestroy });
    }), "aws_s3_bucket", "bucket").lifecycle;
    expect(lifecycle(undefined, false)).toEqual({ prevent_destroy: true });
    expect(lifecycle(undefined, true)).toEqual({ prevent_destroy: true });
    expect(lifecycle(false, true)).toBeUndefined();
    expect(lifecycle(true, false)).toEqual({ prevent_destroy: true });
  });

  test("validation: the bucket name and the version days", () => {
    expect(() => synthJson((scope) => {
      withContext(scope);
      new StateBucket(scope, "state", { bucketName: "Acme", noncurrentVersionDays: 0 });
    })).toThrow(
      "StateBucket stack/state: invalid props:\n" +
        '  - bucketName = "Acme": may contain only lowercase letters, digits, dots and hyphens (S3 bucket naming rule); found "A"\n' +
        "  - noncurrentVersionDays = 0: must be an integer from 1 to 3650",
    );
  });

  test("without a DeploymentContext it throws the context's message", () => {
    expect(() => synthJson((scope) => new StateBucket(scope, "state", { bucketName: "acme-tfstate" }))).toThrow(
      "stack/state: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });

  test("protectData puts prevent_destroy on the root bucket and the workspace", () => {
    const { json } = synthApp([{ ...poc, protectData: true }]);
    const stack = json("poc-workspace");
    // (protectData also turns on the restrictive root-bucket policy: the bucket's inline full grant is never rewritten.)
    expect(resource(stack, "aws_s3_bucket", "root-bucket").lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["policy"] });
    expect(resource(stack, "databricks_mws_workspaces", "workspace").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(synthApp([poc]).json("poc-workspace"), "aws_s3_bucket", "root-bucket").lifecycle).toBeUndefined();
  });
});
