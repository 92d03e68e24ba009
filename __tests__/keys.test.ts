import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { TerraformOutput, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { REGIONS } from "../modules/core/constants";
import { managedServicesKeyPolicy, storageKeyPolicy, WorkspaceKeys, WorkspaceKeysProps } from "../modules/keys";
import { ValidationError } from "../modules/core/problems";
import { databricksAccountProvider } from "../modules/workspace";
import { Json, refTo, resource, resources, synthJson } from "./helpers";

const ACCOUNT = "0a1b2c3d-0000-4000-8000-000000000000";
const AWS_ACCOUNT = "123456789012";
const ROLE = "arn:aws:iam::123456789012:role/dbx-test-cross-account";
const GOV_ROLE = "arn:aws-us-gov:iam::123456789012:role/dbx-test-cross-account";

type KeysProps = Omit<WorkspaceKeysProps, "accountProvider">;
const BASE: KeysProps = {
  namePrefix: "dbx-test",
  region: "us-east-1",
  awsAccountId: AWS_ACCOUNT,
  databricksAccountId: ACCOUNT,
  crossAccountRoleArn: ROLE,
};

/** Builds the keys in a fresh stack with the account-level provider, as the stacks do. */
function addKeys(scope: Construct, props: Partial<WorkspaceKeysProps> = {}): WorkspaceKeys {
  const all = { ...BASE, ...props };
  // The provider needs a known region; an unknown one is for WorkspaceKeys' validation to report.
  const providerRegion = REGIONS[all.region] ? all.region : BASE.region;
  const accountProvider = databricksAccountProvider(scope, { region: providerRegion, databricksAccountId: ACCOUNT });
  return new WorkspaceKeys(scope, "keys", { accountProvider, ...all });
}
const synthKeys = (props: Partial<WorkspaceKeysProps> = {}): Json => synthJson((scope) => addKeys(scope, props));

const KEY = "aws_kms_key";
const ALIAS = "aws_kms_alias";
const CMK = "databricks_mws_customer_managed_keys";
const policyOf = (json: Json, fragment: string): Json => JSON.parse(resource(json, KEY, fragment).policy);
const address = (json: Json, type: string, fragment: string) => `${type}.${Object.keys(json.resource[type]).find((k) => k.includes(fragment))}`;
const TAG = (account: string) => ({ StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [account] } });

describe("WorkspaceKeys: keys and aliases", () => {
  const json = synthKeys();

  test("two keys, rotation on, 30-day deletion window, a description each; no data sources", () => {
    expect(resources(json, KEY)).toHaveLength(2);
    expect(resource(json, KEY, "managed-services-key")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      description: "Databricks managed services (notebooks, secrets, queries in the control plane) of dbx-test",
    });
    expect(resource(json, KEY, "storage-key")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      description: "Databricks workspace storage (root bucket, cluster EBS volumes) of dbx-test",
    });
    expect(json.data).toBeUndefined();
  });

  test("aliases alias/<prefix>-managed-services-key and alias/<prefix>-workspace-storage-key, on their keys' key_id", () => {
    expect(resources(json, ALIAS)).toHaveLength(2);
    expect(resource(json, ALIAS, "managed-services-alias")).toEqual({
      name: "alias/dbx-test-managed-services-key", target_key_id: refTo(json, KEY, "managed-services-key", "key_id"),
    });
    expect(resource(json, ALIAS, "storage-alias")).toEqual({
      name: "alias/dbx-test-workspace-storage-key", target_key_id: refTo(json, KEY, "storage-key", "key_id"),
    });
  });

  test("deletionWindowInDays reaches both keys", () => {
    for (const key of resources(synthKeys({ deletionWindowInDays: 7 }), KEY)) expect(key.deletion_window_in_days).toBe(7);
  });

  test("no lifecycle by default; preventDestroy puts prevent_destroy on both keys (not on aliases or registrations)", () => {
    for (const key of resources(json, KEY)) expect(key.lifecycle).toBeUndefined();
    const guarded = synthKeys({ preventDestroy: true });
    for (const key of resources(guarded, KEY)) expect(key.lifecycle).toEqual({ prevent_destroy: true });
    for (const type of [ALIAS, CMK]) for (const r of resources(guarded, type)) expect(r.lifecycle).toBeUndefined();
  });
});

describe("WorkspaceKeys: key policies (reference §C.7 with the SRA principal-tag hardening)", () => {
  test.each([
    ["us-east-1", "aws", "414351767826", ROLE],
    ["us-gov-west-1", "aws-us-gov", "044793339203", GOV_ROLE],
  ])("%s: managed services key policy, exactly", (region, partition, databricksAws, role) => {
    expect(policyOf(synthKeys({ region, crossAccountRoleArn: role }), "managed-services-key")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EnableKeyAdministration", Effect: "Allow",
          Principal: { AWS: [`arn:${partition}:iam::${AWS_ACCOUNT}:root`] },
          Action: ["kms:*"], Resource: "*",
        },
        {
          Sid: "AllowDatabricksUseForManagedServices", Effect: "Allow",
          Principal: { AWS: `arn:${partition}:iam::${databricksAws}:root` },
          Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [ACCOUNT] } },
        },
      ],
    });
  });

  test.each([
    ["us-east-1", "aws", "414351767826", ROLE],
    ["us-gov-west-1", "aws-us-gov", "044793339203", GOV_ROLE],
  ])("%s: storage key policy, exactly", (region, partition, databricksAws, role) => {
    const databricks = `arn:${partition}:iam::${databricksAws}:root`;
    expect(policyOf(synthKeys({ region, crossAccountRoleArn: role }), "storage-key")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EnableKeyAdministration", Effect: "Allow",
          Principal: { AWS: [`arn:${partition}:iam::${AWS_ACCOUNT}:root`] },
          Action: ["kms:*"], Resource: "*",
        },
        {
          Sid: "AllowDatabricksUseForDBFS", Effect: "Allow", Principal: { AWS: databricks },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [ACCOUNT] } },
        },
        {
          Sid: "AllowDatabricksGrantsForDBFS", Effect: "Allow", Principal: { AWS: databricks },
          Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*",
          Condition: {
            StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [ACCOUNT] },
            Bool: { "kms:GrantIsForAWSResource": "true" },
          },
        },
        {
          Sid: "AllowCrossAccountRoleUseForEBS", Effect: "Allow", Principal: { AWS: role },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"], Resource: "*",
          Condition: { "ForAnyValue:StringLike": { "kms:ViaService": "ec2.*.amazonaws.com" } },
        },
      ],
    });
  });

  test.each(["us-east-1", "us-gov-west-1"])("%s: no statement for Databricks' account lacks the principal-tag condition", (region) => {
    const json = synthKeys({ region, crossAccountRoleArn: region === "us-east-1" ? ROLE : GOV_ROLE });
    let databricksStatements = 0;
    for (const fragment of ["managed-services-key", "storage-key"]) {
      for (const s of policyOf(json, fragment).Statement) {
        if (!/:iam::(414351767826|044793339203|170661010020):/.test(JSON.stringify(s.Principal))) continue;
        databricksStatements++;
        expect(s.Condition.StringEquals).toEqual(TAG(ACCOUNT).StringEquals);
      }
    }
    expect(databricksStatements).toBe(3);
  });

  test("GovCloud: no commercial ARN anywhere in either policy", () => {
    const json = synthKeys({ region: "us-gov-west-1", crossAccountRoleArn: GOV_ROLE });
    for (const fragment of ["managed-services-key", "storage-key"]) {
      expect(JSON.stringify(policyOf(json, fragment))).not.toMatch(/arn:aws:|414351767826/);
    }
  });

  test("every statement is on Resource * (the key itself) and no action is granted to \"*\"", () => {
    const json = synthKeys();
    for (const fragment of ["managed-services-key", "storage-key"]) {
      for (const s of policyOf(json, fragment).Statement) {
        expect(s.Resource).toBe("*");
        expect(s.Principal).not.toBe("*");
        expect(JSON.stringify(s.Principal)).not.toContain('"*"');
      }
    }
  });

  test("the principal tag follows the Databricks account id", () => {
    const other = "ffffffff-1111-4222-8333-444444444444";
    const json = synthKeys({ databricksAccountId: other });
    expect(policyOf(json, "managed-services-key").Statement[1].Condition).toEqual(TAG(other));
    expect(policyOf(json, "storage-key").Statement[1].Condition).toEqual(TAG(other));
    expect(policyOf(json, "storage-key").Statement[2].Condition.StringEquals).toEqual(TAG(other).StringEquals);
  });

  test("keyAdminArns replace the account root in both admin statements", () => {
    const admins = ["arn:aws:iam::123456789012:role/kms-admins", "arn:aws:iam::210987654321:user/ops/alice"];
    const json = synthKeys({ keyAdminArns: admins });
    for (const fragment of ["managed-services-key", "storage-key"]) {
      const doc = policyOf(json, fragment);
      expect(doc.Statement[0]).toEqual({ Sid: "EnableKeyAdministration", Effect: "Allow", Principal: { AWS: admins }, Action: ["kms:*"], Resource: "*" });
      expect(JSON.stringify(doc)).not.toContain(":root\"]");
    }
  });

  test("the cross-account role may be a reference to the role (the key then orders after it)", () => {
    const json = synthJson((scope) => {
      const role = new IamRole(scope, "cross-account", { assumeRolePolicy: "{}" });
      addKeys(scope, { crossAccountRoleArn: role.arn });
    });
    const ebs = policyOf(json, "storage-key").Statement[3];
    expect(ebs.Principal).toEqual({ AWS: refTo(json, "aws_iam_role", "cross-account", "arn") });
  });

  test("the keys hold what the pure builders return; the construct exposes those documents", () => {
    let keys: WorkspaceKeys | undefined;
    const json = synthJson((scope) => { keys = addKeys(scope); });
    const common = { region: "us-east-1", databricksAccountId: ACCOUNT, keyAdminArns: [`arn:aws:iam::${AWS_ACCOUNT}:root`] };
    expect(policyOf(json, "managed-services-key")).toEqual(managedServicesKeyPolicy(common));
    expect(policyOf(json, "storage-key")).toEqual(storageKeyPolicy({ ...common, crossAccountRoleArn: ROLE }));
    expect(keys!.managedServicesKeyPolicyDocument).toEqual(managedServicesKeyPolicy(common));
    expect(keys!.storageKeyPolicyDocument).toEqual(storageKeyPolicy({ ...common, crossAccountRoleArn: ROLE }));
  });
});

describe("WorkspaceKeys: Account API registrations", () => {
  const json = synthKeys();

  test.each([
    ["managed-services", "MANAGED_SERVICES", "alias/dbx-test-managed-services-key"],
    ["storage", "STORAGE", "alias/dbx-test-workspace-storage-key"],
  ])("%s: account provider, account id, key ARN + alias + region, use case %s, after the alias", (name, useCase) => {
    expect(resource(json, CMK, `${name}-registration`)).toEqual({
      provider: "databricks.mws",
      account_id: ACCOUNT,
      aws_key_info: {
        key_arn: refTo(json, KEY, `${name}-key`, "arn"),
        key_alias: refTo(json, ALIAS, `${name}-alias`, "name"),
        key_region: "us-east-1",
      },
      use_cases: [useCase],
      depends_on: [address(json, ALIAS, `${name}-alias`)],
    });
  });

  test("the account provider is the accounts host of the partition", () => {
    expect(json.provider.databricks).toEqual([{ alias: "mws", host: "https://accounts.cloud.databricks.com", account_id: ACCOUNT }]);
    const gov = synthKeys({ region: "us-gov-west-1", crossAccountRoleArn: GOV_ROLE });
    expect(gov.provider.databricks[0].host).toBe("https://accounts.cloud.databricks.us");
    for (const r of resources(gov, CMK)) expect(r).toMatchObject({ provider: "databricks.mws", aws_key_info: { key_region: "us-gov-west-1" } });
  });

  test("managedServicesKeyId / storageKeyId are the registrations' customer_managed_key_id (never id); storageKeyArn is the key's ARN", () => {
    const out = synthJson((scope) => {
      const keys = addKeys(scope);
      new TerraformOutput(scope, "ms", { value: keys.managedServicesKeyId, staticId: true });
      new TerraformOutput(scope, "st", { value: keys.storageKeyId, staticId: true });
      new TerraformOutput(scope, "arn", { value: keys.storageKeyArn, staticId: true });
    });
    expect(out.output.ms.value).toBe(refTo(out, CMK, "managed-services-registration", "customer_managed_key_id"));
    expect(out.output.st.value).toBe(refTo(out, CMK, "storage-registration", "customer_managed_key_id"));
    expect(out.output.ms.value).not.toBe(refTo(out, CMK, "managed-services-registration", "id"));
    expect(out.output.arn.value).toBe(refTo(out, KEY, "storage-key", "arn"));
  });

  test("storageKeyArn can feed a bucket's SSE-KMS in the same stack", () => {
    const out = synthJson((scope) => {
      const keys = addKeys(scope);
      new S3Bucket(scope, "bucket", { bucket: "dbx-test-root", tags: { key: keys.storageKeyArn! } });
    });
    expect(resource(out, "aws_s3_bucket", "bucket").tags.key).toBe(refTo(out, KEY, "storage-key", "arn"));
  });
});

describe("WorkspaceKeys: toggles", () => {
  test("managedServices: false → only the storage key, alias and registration", () => {
    let keys: WorkspaceKeys | undefined;
    const json = synthJson((scope) => { keys = addKeys(scope, { managedServices: false }); });
    for (const type of [KEY, ALIAS, CMK]) expect(resources(json, type)).toHaveLength(1);
    expect(resources(json, CMK)[0].use_cases).toEqual(["STORAGE"]);
    expect(resources(json, ALIAS)[0].name).toBe("alias/dbx-test-workspace-storage-key");
    expect(keys!.managedServicesKey).toBeUndefined();
    expect(keys!.managedServicesKeyId).toBeUndefined();
    expect(keys!.managedServicesRegistration).toBeUndefined();
    expect(keys!.storageKeyId).toBeDefined();
  });

  test("storage: false → only the managed services key; no cross-account role needed", () => {
    let keys: WorkspaceKeys | undefined;
    const json = synthJson((scope) => { keys = addKeys(scope, { storage: false, crossAccountRoleArn: undefined }); });
    for (const type of [KEY, ALIAS, CMK]) expect(resources(json, type)).toHaveLength(1);
    expect(resources(json, CMK)[0].use_cases).toEqual(["MANAGED_SERVICES"]);
    expect(resources(json, ALIAS)[0].name).toBe("alias/dbx-test-managed-services-key");
    expect(keys!.storageKey).toBeUndefined();
    expect(keys!.storageKeyId).toBeUndefined();
    expect(keys!.storageKeyArn).toBeUndefined();
    expect(keys!.storageRegistration).toBeUndefined();
    expect(keys!.managedServicesKeyId).toBeDefined();
  });
});

describe("WorkspaceKeys: validation names the prop, the value and what is allowed", () => {
  const build = (props: Partial<WorkspaceKeysProps>) => () => synthKeys(props);
  const SUPPORTED = "ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ca-central-1, eu-central-1, " +
    "eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2, us-gov-west-1";

  test.each<[string, Partial<WorkspaceKeysProps>, string]>([
    ['awsAccountId: "12345678901"', { awsAccountId: "12345678901" }, 'awsAccountId = "12345678901": must be an AWS account id: exactly 12 digits'],
    ['databricksAccountId: "0A1B2C3D-0000-4000-8000-000000000000"', { databricksAccountId: "0A1B2C3D-0000-4000-8000-000000000000" },
      'databricksAccountId = "0A1B2C3D-0000-4000-8000-000000000000": must be a Databricks account id: a lowercase UUID like 0a1b2c3d-0000-4000-8000-000000000000 (the principal-tag condition is case-sensitive)'],
    ['region: "mars-north-1"', { region: "mars-north-1" }, `region = "mars-north-1": unknown region; supported regions: ${SUPPORTED}`],
    ['managedServices: false, storage: false', { managedServices: false, storage: false },
      "managedServices = false: is false and so is storage: turn on at least one of managedServices and storage (there is nothing to create otherwise)"],
    ["crossAccountRoleArn missing, storage on", { crossAccountRoleArn: undefined },
      "crossAccountRoleArn: is required when storage is on: the storage key policy lets the cross-account role use the key for cluster EBS volumes"],
    ['crossAccountRoleArn: "arn:aws:iam::123456789012:user/alice"', { crossAccountRoleArn: "arn:aws:iam::123456789012:user/alice" },
      'crossAccountRoleArn = "arn:aws:iam::123456789012:user/alice": is not an IAM role ARN of the region\'s partition: arn:aws:iam::<12 digits>:role/<optional path/><role name>'],
    ["a commercial role ARN in GovCloud", { region: "us-gov-west-1" },
      `crossAccountRoleArn = "${ROLE}": is not an IAM role ARN of the region's partition: arn:aws-us-gov:iam::<12 digits>:role/<optional path/><role name>`],
    ['keyAdminArns: ["*"]', { keyAdminArns: ["*"] },
      'keyAdminArns[0] = "*": must not be "*": anyone in any AWS account could then manage, use and delete the keys; list the administrators\' ARNs'],
    ['keyAdminArns: ["arn:aws:iam::123456789012:role/admins-*"]', { keyAdminArns: ["arn:aws:iam::123456789012:role/admins-*"] },
      'keyAdminArns[0] = "arn:aws:iam::123456789012:role/admins-*": must not contain wildcards (* or ?): key policy principals are exact ARNs'],
    ['keyAdminArns: ["arn:aws-us-gov:iam::123456789012:root"]', { keyAdminArns: ["arn:aws-us-gov:iam::123456789012:root"] },
      'keyAdminArns[0] = "arn:aws-us-gov:iam::123456789012:root": is not an IAM principal ARN of the region\'s partition: arn:aws:iam::<12 digits>:root, …:user/<optional path/><name> or …:role/<optional path/><name>'],
    ['keyAdminArns: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"]', { keyAdminArns: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"] },
      'keyAdminArns[1] = "arn:aws:iam::123456789012:root": is listed twice'],
    ['keyAdminArns: []', { keyAdminArns: [] },
      "keyAdminArns = []: must list at least one principal: nobody could manage the keys otherwise (KMS rejects such a policy); omit it for the account root"],
    ['deletionWindowInDays: 6', { deletionWindowInDays: 6 }, "deletionWindowInDays = 6: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)"],
    ['deletionWindowInDays: 31', { deletionWindowInDays: 31 }, "deletionWindowInDays = 31: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)"],
    ['deletionWindowInDays: 7.5', { deletionWindowInDays: 7.5 }, "deletionWindowInDays = 7.5: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)"],
    ['namePrefix: ""', { namePrefix: "" }, 'namePrefix = "": must not be empty'],
    ['namePrefix: "dbx test.1"', { namePrefix: "dbx test.1" },
      'namePrefix = "dbx test.1": may contain only letters, digits, / _ and - (KMS alias names match alias/[a-zA-Z0-9/_-]+); found " ", "."'],
    ['namePrefix: "aws/dbx"', { namePrefix: "aws/dbx" }, 'namePrefix = "aws/dbx": must not start with "aws/": alias/aws/ is reserved for AWS managed keys'],
    ['namePrefix: 229 characters', { namePrefix: "a".repeat(229) },
      `namePrefix = "${"a".repeat(40)}…" (229 characters): makes the alias name alias/<prefix>-workspace-storage-key 257 characters long; KMS allows 256, so the prefix may have at most 228`],
  ])("%s", (_label, props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test("boundaries are accepted: a 228-character prefix (256-character alias), 7 and 30 days, a user and a pathed role as admins", () => {
    const json = synthKeys({ namePrefix: "a".repeat(228), deletionWindowInDays: 7 });
    expect(resource(json, ALIAS, "storage-alias").name).toHaveLength(256);
    expect(build({ deletionWindowInDays: 30 })).not.toThrow();
    expect(build({ keyAdminArns: ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/team/kms-admin"] })).not.toThrow();
    expect(build({ region: "us-gov-west-1", crossAccountRoleArn: GOV_ROLE, keyAdminArns: ["arn:aws-us-gov:iam::123456789012:root"] })).not.toThrow();
  });

  test("all problems at once, under the construct's path", () => {
    expect(build({ awsAccountId: "x", namePrefix: "aws/x", deletionWindowInDays: 0, keyAdminArns: ["*"], crossAccountRoleArn: undefined })).toThrow(
      "WorkspaceKeys stack/keys: invalid props:\n" +
        '  - namePrefix = "aws/x": must not start with "aws/": alias/aws/ is reserved for AWS managed keys\n' +
        '  - awsAccountId = "x": must be an AWS account id: exactly 12 digits\n' +
        "  - crossAccountRoleArn: is required when storage is on: the storage key policy lets the cross-account role use the key for cluster EBS volumes\n" +
        '  - keyAdminArns[0] = "*": must not be "*": anyone in any AWS account could then manage, use and delete the keys; list the administrators\' ARNs\n' +
        "  - deletionWindowInDays = 0: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)",
    );
  });

  test("tokens skip the format checks; a token region or a list token of admins does not", () => {
    const json = synthJson((scope) => {
      const account = new TerraformVariable(scope, "databricks_account_id", { type: "string" });
      const aws = new TerraformVariable(scope, "aws_account_id", { type: "string" });
      const prefix = new TerraformVariable(scope, "prefix", { type: "string" });
      addKeys(scope, {
        databricksAccountId: account.stringValue, awsAccountId: aws.stringValue, namePrefix: prefix.stringValue,
        crossAccountRoleArn: Token.asString({ Ref: "role" }), keyAdminArns: [Token.asString({ Ref: "admin" })],
      });
    });
    expect(resource(json, ALIAS, "storage-alias").name).toBe("alias/${var.prefix}-workspace-storage-key");
    expect(resource(json, CMK, "storage-registration").account_id).toBe("${var.databricks_account_id}");
    expect(policyOf(json, "storage-key").Statement[1].Condition).toEqual(TAG("${var.databricks_account_id}"));

    const defaultAdmin = synthJson((scope) => {
      const aws = new TerraformVariable(scope, "aws_account_id", { type: "string" });
      addKeys(scope, { awsAccountId: aws.stringValue });
    });
    expect(policyOf(defaultAdmin, "managed-services-key").Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::${var.aws_account_id}:root"] });

    expect(build({ region: Token.asString({ Ref: "region" }) })).toThrow(
      "must be a literal region, not a token: it picks the partition of the key policies' ARNs at synth time",
    );
    expect(build({ keyAdminArns: Token.asList({ Ref: "admins" }) })).toThrow(
      'keyAdminArns = "<list token>": must be a literal list (its elements may be tokens): the key policies list each administrator',
    );
  });
});
