// The restrictive endpoint policies, argument by argument: the environment's named buckets and streams (issue 19,
// item 11), the Databricks buckets of the SRA (databricks/terraform-databricks-sra:aws/tf/privatelink.tf), STS
// scoped to this account's roles. The wide form (no names) is covered in network.test.ts.
import * as fs from "fs";
import * as path from "path";
import { kinesisEndpointPolicy, s3EndpointPolicy, stsEndpointPolicy } from "../../modules/network/endpoint-policies";
import { endpointDataPaths } from "../../stacks/workspace-stack";
import { prod } from "../../environments/prod";
import { poc } from "../../environments/poc";
import { loadEnvironments } from "../../environments";
import { sharedSynthDir } from "../app-synth";
import { Json, TEST_CONTEXT } from "../helpers";

const CTX = { region: "us-east-1", awsAccountId: "123456789012" };
const PATHS = { rootBucket: "dbx-test-root", buckets: ["dbx-test-data", "dbx-test-catalog"], streamNames: ["events", "dbx-test-demo"] };
const RW = [
  "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation", "s3:PutObject", "s3:DeleteObject",
  "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload",
];
const objects = (...buckets: string[]) => buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]);

describe("endpoint policies scoped to the environment's data paths", () => {
  test("S3: the root bucket for Databricks' principals, the data and catalog buckets for this account's; no bucket of the account beyond them", () => {
    const doc = s3EndpointPolicy(CTX, undefined, PATHS);
    expect(doc.Statement.slice(0, 2)).toEqual([
      { Sid: "WorkspaceRootBucket", Effect: "Allow", Principal: "*", Action: RW, Resource: objects("dbx-test-root"),
        Condition: { StringEquals: { "aws:PrincipalAccount": "414351767826", "s3:ResourceAccount": "123456789012" } } },
      { Sid: "EnvironmentBuckets", Effect: "Allow", Principal: "*", Action: RW, Resource: objects("dbx-test-data", "dbx-test-catalog"),
        Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012", "s3:ResourceAccount": "123456789012" } } },
    ]);
    expect(doc.Statement.map((s) => s.Sid)).toEqual(["WorkspaceRootBucket", "EnvironmentBuckets", "DatabricksArtifacts", "DatabricksSampleData", "DatabricksSystemTables", "DatabricksLogDelivery"]);
    // Nothing grants a resource "*" any more: every statement names its buckets.
    expect(doc.Statement.filter((s) => s.Resource === "*")).toEqual([]);
    // Only a root bucket: no empty statement; a bucket listed twice (or the root again) appears once.
    expect(s3EndpointPolicy(CTX, undefined, { rootBucket: "r-bucket" }).Statement.map((s) => s.Sid)[1]).toBe("DatabricksArtifacts");
    expect(s3EndpointPolicy(CTX, undefined, { rootBucket: "r-bucket", buckets: ["d-bucket", "d-bucket", "r-bucket"] }).Statement[1].Resource).toEqual(objects("d-bucket"));
  });

  test("Kinesis: read (and enhanced fan-out) on the named streams only, no writes; Databricks' log streams as in the SRA", () => {
    const doc = kinesisEndpointPolicy(CTX, undefined, PATHS);
    expect(doc.Statement).toEqual([
      { Sid: "DatabricksLogStreams", Effect: "Allow", Principal: { AWS: "arn:aws:iam::414351767826:root" },
        Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], Resource: "arn:aws:kinesis:us-east-1:414351767826:stream/*" },
      { Sid: "EnvironmentStreams", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"],
        Resource: [
          "arn:aws:kinesis:us-east-1:123456789012:stream/events", "arn:aws:kinesis:us-east-1:123456789012:stream/dbx-test-demo",
          "arn:aws:kinesis:us-east-1:123456789012:stream/events/consumer/*", "arn:aws:kinesis:us-east-1:123456789012:stream/dbx-test-demo/consumer/*",
        ] },
    ]);
    // No streams configured: only Databricks' statement.
    expect(kinesisEndpointPolicy(CTX, undefined, { rootBucket: "r-bucket" }).Statement.map((s) => s.Sid)).toEqual(["DatabricksLogStreams"]);
    // The allow list widens: named streams, read and write.
    const wide = kinesisEndpointPolicy(CTX, { kinesis: { streamArns: ["arn:aws:kinesis:us-east-1:444455556666:stream/orders"] } }, PATHS).Statement[2];
    expect(wide).toMatchObject({ Sid: "NamedStreams", Resource: ["arn:aws:kinesis:us-east-1:444455556666:stream/orders"] });
    expect(wide.Action).toEqual(expect.arrayContaining(["kinesis:GetRecords", "kinesis:PutRecord", "kinesis:PutRecords"]));
  });

  test("STS: this account's principals assume roles of this account only; roles elsewhere only through the allow list", () => {
    expect(stsEndpointPolicy(CTX).Statement).toEqual([
      { Sid: "CustomerAccountRoles", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: ["sts:AssumeRole", "sts:TagSession"], Resource: "arn:aws:iam::123456789012:role/*" },
      { Sid: "CustomerAccountSessions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: ["sts:GetAccessKeyInfo", "sts:GetSessionToken", "sts:DecodeAuthorizationMessage"], Resource: "*" },
      { Sid: "DatabricksSampleDataUser", Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::414351767826:user/databricks-datasets-readonly-user-prod", "arn:aws:iam::414351767826:root"] },
        Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession"], Resource: "*" },
    ]);
    const role = "arn:aws:iam::444455556666:role/lake-reader";
    expect(stsEndpointPolicy(CTX, { sts: { roleArns: [role] } }).Statement.slice(3)).toEqual([
      { Sid: "AssumeTrustedRoles", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["sts:AssumeRole", "sts:TagSession"], Resource: [role] },
      { Sid: "TrustedRoles", Effect: "Allow", Principal: { AWS: [role] }, Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession"], Resource: "*" },
    ]);
    // No statement lets this account's principals assume an arbitrary role ("*" is only for the resource-less calls).
    for (const s of stsEndpointPolicy(CTX).Statement.filter((s) => JSON.stringify(s.Principal).includes("123456789012"))) {
      expect({ sid: s.Sid, assumesAnywhere: s.Resource === "*" && (s.Action as string[]).includes("sts:AssumeRole") }).toEqual({ sid: s.Sid, assumesAnywhere: false });
    }
  });
});

describe("the stack names the environment's buckets and streams (not the state bucket)", () => {
  test("prod: its root, data and catalog buckets and its stream, from the config", () => {
    const [env] = loadEnvironments([prod], {});
    expect(endpointDataPaths(env, { resourcePrefix: "databricks-prod", awsAccountId: "333333333333" })).toEqual({
      rootBucket: "databricks-prod-333333333333-root",
      buckets: ["databricks-prod-333333333333-data", "databricks-prod-333333333333-catalog"],
      streamNames: ["prod-events"],
    });
    const [p] = loadEnvironments([poc], {});
    expect(endpointDataPaths(p, { ...TEST_CONTEXT, resourcePrefix: "databricks-poc", awsAccountId: "111111111111" }).streamNames).toEqual(["databricks-poc-demo"]);
  });

  test("the synthesized prod-workspace S3 endpoint policy names exactly those buckets of the account; the state bucket is not reachable", () => {
    const outdir = sharedSynthDir();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const json: Json = JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks["prod-workspace"].synthesizedStackPath), "utf8"));
    const endpoint = Object.values(json.resource.aws_vpc_endpoint as Record<string, Json>).find((e) => e.vpc_endpoint_type === "Gateway")!;
    const doc = JSON.parse(endpoint.policy);
    const ownBuckets = doc.Statement.filter((s: Json) => JSON.stringify(s.Condition ?? {}).includes("333333333333")).flatMap((s: Json) => s.Resource);
    expect(ownBuckets).toEqual(objects("databricks-prod-333333333333-root", "databricks-prod-333333333333-data", "databricks-prod-333333333333-catalog"));
    expect(endpoint.policy).not.toContain("tfstate");
  });
});
