import * as fs from "fs";
import * as path from "path";
import { sharedSynthDir } from "../app-synth";
import { loadConfig } from "../../environments";
import { REQUIRED_TAGS } from "../../modules/core/tags";
import { Json } from "../helpers";

/** Whether the AWS provider's resource type has tags (its cdktf class has a `tagsInput`), so default_tags reach it. */
function taggable(type: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(`@cdktf/provider-aws/lib/${type.replace(/^aws_/, "").replace(/_/g, "-")}`) as Record<string, { tfResourceType?: string; prototype: object }>;
  const resource = Object.values(lib).find((cls) => cls.tfResourceType === type);
  if (!resource) throw new Error(`no resource class for ${type}`);
  return "tagsInput" in resource.prototype;
}

describe("tags reach every taggable AWS resource of every stack", () => {
  const config = loadConfig(undefined, undefined, {});
  const envs = [...config.environments, config.account!];
  // The real synth output (global-setup.js).
  const outdir = sharedSynthDir();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const stacks = Object.values<Json>(manifest.stacks).map((s) => ({
    id: s.name as string, json: JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), "utf8")) as Json,
  }));
  const types = new Set(stacks.flatMap(({ json }) => Object.keys(json.resource ?? {}).filter((t) => t.startsWith("aws_"))));
  const taggableTypes = [...types].filter(taggable).sort();

  // Every shipped stack has AWS resources (the workspace-config stacks: the Unity Catalog storage).
  const awsStacks = stacks.filter((s) => s.json.provider?.aws);
  test("every stack with AWS resources has the AWS provider", () => {
    for (const s of stacks.filter((x) => !x.json.provider?.aws)) expect(Object.keys(s.json.resource).every((t) => t.startsWith("databricks_"))).toBe(true);
    expect(awsStacks.map((s) => s.id)).toEqual(expect.arrayContaining(["dev-workspace-config", "poc-workspace-config", "prod-workspace-config"]));
  });

  test.each(awsStacks.map((s) => [s.id, s] as const))("%s: the AWS provider's default_tags carry the environment's required tags", (_id, { id, json }) => {
    const env = envs.find((e) => id.startsWith(`${e.name}-`))!;
    const defaults = json.provider.aws[0].default_tags[0].tags;
    for (const key of REQUIRED_TAGS) expect(defaults[key]).toBe(env.tags[key]);
  });

  test("no resource overrides a required tag with another value", () => {
    for (const { json } of awsStacks) {
      for (const type of taggableTypes) {
        for (const body of Object.values<Json>(json.resource?.[type] ?? {})) {
          for (const key of REQUIRED_TAGS) if (body.tags && key in body.tags) expect(body.tags[key]).toBe(json.provider.aws[0].default_tags[0].tags[key]);
        }
      }
    }
  });

  test("the resource types that cannot be tagged are exactly these (a new one must be looked at)", () => {
    expect([...types].filter((t) => !taggable(t)).sort()).toEqual([
      "aws_cloudwatch_log_metric_filter", "aws_iam_role_policy", "aws_kms_alias", "aws_lb_target_group_attachment", "aws_network_acl_rule", "aws_route", "aws_route_table_association",
      "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
      "aws_sns_topic_policy", "aws_sns_topic_subscription", "aws_vpc_endpoint_service_allowed_principal",
    ]);
    expect(taggableTypes.length).toBeGreaterThan(15);
  });

  test("the workspace's custom_tags (EC2 and EBS Databricks launches) carry them too", () => {
    for (const { id, json } of stacks.filter((s) => s.id.endsWith("-workspace"))) {
      const env = config.environments.find((e) => id.startsWith(`${e.name}-`))!;
      const workspace = Object.values<Json>(json.resource.databricks_mws_workspaces)[0];
      for (const key of REQUIRED_TAGS) expect(workspace.custom_tags[key]).toBe(env.tags[key]);
    }
  });
});
