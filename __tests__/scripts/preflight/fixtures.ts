// Answers in the documented shapes of each API the preflight and verify call. Each shape cites its reference.

export const AWS_ACCOUNT = "123456789012";
export const DBX_ACCOUNT = "0d1e2f3a-1111-4222-8333-444455556666";
export const METASTORE_ID = "9a8b7c6d-1111-4222-8333-444455556666";
export const CLIENT_ID = "7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff";
export const SP_APPLICATION_ID = "5c4b3a29-aaaa-4bbb-8ccc-ddddeeeeffff";
/** Sentinels: none may ever appear in any output. */
export const SECRETS = {
  awsSecret: "SENTINEL-aws-secret-key-0123456789",
  awsSession: "SENTINEL-aws-session-token-0123456789",
  clientSecret: "SENTINEL-dbx-client-secret-0123456789",
  accessToken: "SENTINEL-dbx-access-token-0123456789",
  wsToken: "SENTINEL-dbx-workspace-token-0123456789",
};

// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (Examples)
export const stsIdentity = (account = AWS_ACCOUNT) => `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::${account}:assumed-role/deployer/preflight</Arn>
    <UserId>AROACKCEVSQ6C2EXAMPLE:preflight</UserId>
    <Account>${account}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;

// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (query protocol error shape)
export const stsError = (code: string, message: string) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`;

const ec2 = (action: string, inner: string) =>
  `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>${inner}</${action}Response>`;
const items = (set: string, rows: string[]) => `<${set}>${rows.map((r) => `<item>${r}</item>`).join("")}</${set}>`;

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html
export const ec2Zones = (zones: string[]) => ec2("DescribeAvailabilityZones", items("availabilityZoneInfo",
  zones.map((z, i) => `<zoneName>${z}</zoneName><zoneState>available</zoneState><regionName>us-east-1</regionName><zoneId>use1-az${i + 1}</zoneId>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
export const ec2Vpcs = (vpcs: Array<[string, string]>) => ec2("DescribeVpcs", items("vpcSet", vpcs.map(([id, cidr]) => `<vpcId>${id}</vpcId><cidrBlock>${cidr}</cidrBlock><state>available</state>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html
export const ec2Igws = (n: number) => ec2("DescribeInternetGateways", items("internetGatewaySet", Array.from({ length: n }, (_, i) => `<internetGatewayId>igw-${i}</internetGatewayId>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAddresses.html
export const ec2Addresses = (n: number) => ec2("DescribeAddresses", items("addressesSet", Array.from({ length: n }, (_, i) => `<publicIp>198.51.100.${i + 1}</publicIp><allocationId>eipalloc-${i}</allocationId><domain>vpc</domain>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html
export const ec2Nats = (subnets: string[]) => ec2("DescribeNatGateways", items("natGatewaySet", subnets.map((s, i) => `<natGatewayId>nat-${i}</natGatewayId><subnetId>${s}</subnetId><state>available</state><vpcId>vpc-0</vpcId>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html
export const ec2Subnets = (subnets: Array<[string, string, string]>) => ec2("DescribeSubnets", items("subnetSet", subnets.map(([id, vpc, az]) => `<subnetId>${id}</subnetId><vpcId>${vpc}</vpcId><availabilityZone>${az}</availabilityZone><state>available</state>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
export const ec2Groups = (groups: Array<[string, string]>) => ec2("DescribeSecurityGroups", items("securityGroupInfo", groups.map(([id, vpc]) => `<groupId>${id}</groupId><vpcId>${vpc}</vpcId><groupName>${id}</groupName>`)));
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html (error response structure)
export const ec2Error = (code: string, message: string) => `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>1</RequestID></Response>`;

// https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html
export const quota = (service: string, code: string, value: number) => ({ Quota: { ServiceCode: service, QuotaCode: code, QuotaName: code, Value: value, Unit: "None", Adjustable: true, GlobalQuota: false } });

// https://docs.databricks.com/aws/en/dev-tools/auth/oauth-m2m (token response)
export const tokenAnswer = (token: string) => ({ access_token: token, token_type: "Bearer", expires_in: 3600, scope: "all-apis" });
// https://docs.databricks.com/api/account/workspaces/list
export const workspace = (over: Record<string, unknown> = {}) => ({
  workspace_id: 1234567890123456, workspace_name: "databricks-dev", deployment_name: "dbc-0a1b2c3d-4e5f", aws_region: "us-east-1",
  workspace_status: "RUNNING", pricing_tier: "ENTERPRISE", account_id: DBX_ACCOUNT, ...over,
});
// https://docs.databricks.com/api/account/metastores/get
export const metastore = (over: Record<string, unknown> = {}) => ({ metastore_info: { metastore_id: METASTORE_ID, name: "us-east-1", region: "us-east-1", owner: CLIENT_ID, ...over } });
// https://docs.databricks.com/api/account/accountgroups/list (SCIM ListResponse)
export const scimList = (resources: unknown[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });
// https://docs.databricks.com/api/workspace/workspaceconf/getstatus
export const workspaceConf = (on: boolean) => ({ enableIpAccessLists: String(on) });
// https://docs.databricks.com/api/workspace/ipaccesslists/list
export const ipLists = (allow: string[]) => ({ ip_access_lists: [{ list_id: "1", label: "allow", list_type: "ALLOW", ip_addresses: allow, address_count: allow.length, enabled: true }] });
// https://docs.databricks.com/api/workspace/clusterpolicies/list
export const policies = (names: string[]) => ({ policies: names.map((name, i) => ({ policy_id: `ABC${i}`, name })) });
// https://docs.databricks.com/api/workspace/clusterpolicies/getpermissions
export const policyPermissions = (appIds: string[]) => ({
  object_id: "/cluster-policies/ABC0", object_type: "cluster-policy",
  access_control_list: appIds.map((a) => ({ service_principal_name: a, all_permissions: [{ permission_level: "CAN_USE", inherited: false }] })),
});
// The 403 an address outside the list gets, as reported in omnigent-ai/omnigent issue #4463 (error_code 403).
export const ipBlocked = (ip: string) => ({ error_code: 403, message: `Source IP address: ${ip} is blocked by Databricks IP ACL for workspace: 1234567890123456` });
