import { endpointAllowListProblems, WorkspaceVpc, WorkspaceVpcProps } from "../../modules/network";
import { kinesisEndpointPolicy, s3EndpointPolicy, stsEndpointPolicy } from "../../modules/network/endpoint-policies";
import { workspaceVpcProblems } from "../../modules/network/validation";
import { Json, resource, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const BASE: WorkspaceVpcProps = { availabilityZones: ["us-east-1a", "us-east-1b"], vpcCidr: "10.0.0.0/16" };
const ALLOW = {
  s3: { trustedAccountIds: ["444455556666"], buckets: ["partner-share.eu", "marketplace-provider-data"] },
  kinesis: { streamArns: ["arn:aws:kinesis:us-east-1:444455556666:stream/orders"] },
  sts: { roleArns: ["arn:aws:iam::444455556666:role/lake-reader"] },
};

describe("endpoint allow-lists", () => {
  test("empty or absent lists leave the policies exactly as strict as before", () => {
    for (const policy of [s3EndpointPolicy, stsEndpointPolicy, kinesisEndpointPolicy]) {
      expect(policy(TEST_CONTEXT, {})).toEqual(policy(TEST_CONTEXT));
      expect(policy(TEST_CONTEXT, { s3: { trustedAccountIds: [], buckets: [] }, kinesis: { streamArns: [] }, sts: { roleArns: [] } })).toEqual(policy(TEST_CONTEXT));
    }
  });

  test("each list adds its statements (STS two: assume the roles, and let them call), after the default ones, scoped to exactly what it names", () => {
    const json: Json = synthJson((scope) => {
      withContext(scope);
      new WorkspaceVpc(scope, "network", { ...BASE, endpointAllowLists: ALLOW });
    });
    const doc = (fragment: string) => JSON.parse(resource(json, "aws_vpc_endpoint", fragment).policy);
    const s3 = doc("s3-endpoint").Statement;
    expect(s3.map((s: Json) => s.Sid)).toEqual(["CustomerAccountBuckets", "DatabricksArtifacts", "DatabricksSampleData", "DatabricksSystemTables", "DatabricksLogDelivery", "TrustedAccountBuckets", "NamedBuckets"]);
    expect(s3[5]).toMatchObject({ Principal: "*", Resource: "*", Condition: { StringEquals: { "s3:ResourceAccount": ["444455556666"] } } });
    expect(s3[5].Action).toEqual(s3[0].Action);
    expect(s3[6].Resource).toEqual([
      "arn:aws:s3:::partner-share.eu", "arn:aws:s3:::partner-share.eu/*", "arn:aws:s3:::marketplace-provider-data", "arn:aws:s3:::marketplace-provider-data/*",
    ]);
    const kinesis = doc("kinesis-endpoint").Statement;
    expect(kinesis[2]).toEqual({ Sid: "NamedStreams", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: kinesis[1].Action, Resource: ALLOW.kinesis.streamArns });
    expect(doc("sts-endpoint").Statement.slice(3)).toEqual([
      { Sid: "AssumeTrustedRoles", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["sts:AssumeRole", "sts:TagSession"], Resource: ALLOW.sts.roleArns },
      { Sid: "TrustedRoles", Effect: "Allow", Principal: { AWS: ALLOW.sts.roleArns }, Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession"], Resource: "*" },
    ]);
  });

  test("validation: each entry must be what its list holds, once; the lists need the restrictive policies", () => {
    expect(endpointAllowListProblems(ALLOW, "us-east-1")).toEqual([]);
    const bad = {
      s3: { trustedAccountIds: ["4444-5555-6666", "444455556666", "444455556666"], buckets: ["arn:aws:s3:::partner", "Partner_Bucket"] },
      kinesis: { streamArns: ["arn:aws:kinesis:eu-west-1:444455556666:stream/orders"] },
      sts: { roleArns: ["arn:aws:iam::444455556666:user/bob"] },
    };
    expect(endpointAllowListProblems(bad, "us-east-1").map((p) => `${p.path} = ${JSON.stringify(p.value)}: ${p.message}`)).toEqual([
      's3.trustedAccountIds[0] = "4444-5555-6666": is not a 12-digit AWS account id',
      's3.trustedAccountIds[2] = "444455556666": is listed twice',
      's3.buckets[0] = "arn:aws:s3:::partner": is not an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens; not an ARN)',
      's3.buckets[1] = "Partner_Bucket": is not an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens; not an ARN)',
      'kinesis.streamArns[0] = "arn:aws:kinesis:eu-west-1:444455556666:stream/orders": is not a Kinesis stream ARN in us-east-1 (arn:aws:kinesis:us-east-1:<account>:stream/<name>)',
      'sts.roleArns[0] = "arn:aws:iam::444455556666:user/bob": is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
    ]);
    const problems = workspaceVpcProblems({ ...BASE, restrictiveEndpointPolicies: false, endpointAllowLists: ALLOW }, { region: "us-east-1" }).problems;
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "endpointAllowLists: has no effect with restrictiveEndpointPolicies: false (AWS' default endpoint policies allow everything)",
    ]);
  });
});
