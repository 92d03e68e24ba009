import { Testing } from "cdktf";
import { loadEnvironments } from "../environments";
import { dev } from "../environments/dev";
import { poc } from "../environments/poc";
import { StateBucket } from "../modules/state";
import { addEnvironmentStacks } from "../stacks/app";
import { Json, resource, synthJson } from "./helpers";

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
    const json = synthJson((scope) => new StateBucket(scope, "state", { bucketName: "acme-tfstate", region: "us-east-1" }));
    expect(resource(json, "aws_s3_bucket", "bucket").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(json, "aws_s3_bucket_versioning", "versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(resource(json, "aws_s3_bucket_public_access_block", "public-access-block")).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(JSON.parse(resource(json, "aws_s3_bucket_policy", "policy").policy).Statement.map((s: Json) => s.Sid)).toEqual(["AllowSSLRequestsOnly"]);
    expect(resource(json, "aws_s3_bucket_lifecycle_configuration", "lifecycle").rule[0]).toMatchObject({
      status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  test("protectData puts prevent_destroy on the root bucket and the workspace", () => {
    const { json } = synthApp([{ ...poc, protectData: true }]);
    const stack = json("poc-workspace");
    expect(resource(stack, "aws_s3_bucket", "root-bucket").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(stack, "databricks_mws_workspaces", "workspace").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(synthApp([poc]).json("poc-workspace"), "aws_s3_bucket", "root-bucket").lifecycle).toBeUndefined();
  });
});
