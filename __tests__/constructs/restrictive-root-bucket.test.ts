import { Testing, TerraformStack } from "cdktf";
import { loadConfig } from "../../environments";
import { RootBucket } from "../../modules/storage";
import { WorkspaceStack } from "../../stacks/workspace-stack";
import { Json, resource, synthJson, withContext } from "../helpers";

const { localCopy, PLACEHOLDER } = require("../../scripts/tf-check/local-copy.js");
const BUCKET = "arn:aws:s3:::dbx-test-123456789012-root";

describe("root bucket: the SRA's restrictive policy once the workspace exists", () => {
  const prod = loadConfig().environments.find((e) => e.name === "prod")!;
  const stack = new WorkspaceStack(Testing.app(), prod);
  const json: Json = stack.toTerraform();
  const ws = Object.keys(json.resource.databricks_mws_workspaces)[0];
  const wsId = `\${databricks_mws_workspaces.${ws}.workspace_id}`;
  const policyBlock = resource(json, "aws_s3_bucket_policy", "root-bucket");
  const bucketBlock = resource(json, "aws_s3_bucket", "root-bucket");

  test("prod (protectData): Databricks reads the bucket, writes only the workspace's prefixes, over TLS only", () => {
    const doc = JSON.parse(policyBlock.policy);
    const root = "arn:aws:s3:::databricks-prod-333333333333-root";
    const condition = { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": ["00000000-0000-4000-8000-000000000000"] } };
    expect(doc.Statement).toEqual([
      { Sid: "GrantDatabricksReadAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::414351767826:root" },
        Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"], Resource: [root, `${root}/*`], Condition: condition },
      { Sid: "GrantDatabricksWriteAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::414351767826:root" }, Action: ["s3:PutObject", "s3:DeleteObject"],
        Resource: [`${root}/nvirginia-prod/0_databricks_dev`, `${root}/ephemeral/nvirginia-prod/${wsId}/*`, `${root}/nvirginia-prod/${wsId}.*/*`, `${root}/nvirginia-prod/${wsId}/*`],
        Condition: condition },
      { Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"], Resource: [root, `${root}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ]);
  });

  test("one deploy: the full grant is created with the bucket and never rewritten; registration waits for it, not for the restrictive policy", () => {
    expect(JSON.parse(bucketBlock.policy).Statement.map((s: Json) => s.Sid)).toEqual(["GrantDatabricksAccess", "AllowSSLRequestsOnly"]);
    expect(bucketBlock.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["policy"] });
    const storage = Object.values(json.resource.databricks_mws_storage_configurations)[0] as Json;
    expect(storage.depends_on).toEqual([`aws_s3_bucket.${Object.keys(json.resource.aws_s3_bucket).find((k) => k.startsWith("root-bucket"))}`]);
    // Exactly one aws_s3_bucket_policy on the root bucket: the restrictive one, after the workspace (it names its id).
    expect(Object.values(json.resource.aws_s3_bucket_policy as Json).filter((p: Json) => String(p.bucket).includes("root-bucket"))).toHaveLength(1);
    expect(policyBlock.policy).toContain(wsId);
  });

  test("the offline plan stands a placeholder in for the workspace id in that policy only", () => {
    const copy = localCopy(json, { "registry.terraform.io/hashicorp/aws": ["5.100.0"], "registry.terraform.io/hashicorp/time": ["0.13.1"] });
    expect(copy.substituted).toEqual([`aws_s3_bucket_policy.${Object.keys(json.resource.aws_s3_bucket_policy).find((k) => k.startsWith("root-bucket"))} <- databricks_mws_workspaces.${ws}`]);
    const offline = Object.entries(copy.json.resource.aws_s3_bucket_policy as Json).find(([k]) => k.startsWith("root-bucket"))![1] as Json;
    expect(JSON.parse(offline.policy).Statement[1].Resource[3]).toBe(`arn:aws:s3:::databricks-prod-333333333333-root/nvirginia-prod/${PLACEHOLDER}/*`);
    // Unmarked blocks that read Databricks values are still an error.
    const unmarked = structuredClone(json);
    resource(unmarked, "aws_s3_bucket", "root-bucket").tags = { ws: wsId };
    expect(() => localCopy(unmarked, { "registry.terraform.io/hashicorp/aws": ["5.100.0"], "registry.terraform.io/hashicorp/time": ["0.13.1"] })).toThrow(/aws_s3_bucket\.root-bucket.*databricks_mws_workspaces/);
  });

  test("without protectData (poc, dev) the policy keeps the full grant and the bucket no inline policy; restrictToWorkspace is a no-op", () => {
    const plain = synthJson((scope) => {
      withContext(scope);
      new RootBucket(scope, "root-bucket").restrictToWorkspace("12345");
    });
    expect(resource(plain, "aws_s3_bucket", "root-bucket").policy).toBeUndefined();
    expect(JSON.parse(resource(plain, "aws_s3_bucket_policy", "policy").policy).Statement[0]).toMatchObject({
      Sid: "GrantDatabricksAccess", Resource: [BUCKET, `${BUCKET}/*`],
    });
  });

  test("the restrictive policy without a workspace id fails the synth, naming the call", () => {
    const scope = new TerraformStack(Testing.app(), "s");
    withContext(scope, { protectData: true });
    new RootBucket(scope, "root-bucket");
    expect(() => Testing.synth(scope, true)).toThrow(/restrictiveBucketPolicy is on but restrictToWorkspace\(workspaceId\) was never called/);
  });
});
