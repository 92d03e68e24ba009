import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { TerraformOutput, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import { managedServicesKeyPolicy, storageKeyPolicy, WorkspaceKeys, WorkspaceKeysProps, workspaceKeysProblems } from "../../modules/keys";
import { ValidationError } from "../../modules/core/problems";
import { databricksAccountProvider } from "../../modules/workspace";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const ACCOUNT = TEST_CONTEXT.databricksAccountId;
const AWS_ACCOUNT = TEST_CONTEXT.awsAccountId;
const ROLE = "arn:aws:iam::123456789012:role/dbx-test-cross-account";
const GOV_ROLE = "arn:aws-us-gov:iam::123456789012:role/dbx-test-cross-account";

const BASE: WorkspaceKeysProps = { crossAccountRoleArn: ROLE };
type Context = Partial<DeploymentContextProps>;
const GOV: Context = { region: "us-gov-west-1" };

/** Builds the keys in a fresh stack whose context (TEST_CONTEXT, `context` over it) has the account-level provider, as the stacks do. */
function addKeys(scope: Construct, props: Partial<WorkspaceKeysProps> = {}, context: Context = {}): WorkspaceKeys {
  const region = context.region ?? TEST_CONTEXT.region;
  const accountProvider = databricksAccountProvider(scope, { region, databricksAccountId: context.databricksAccountId ?? ACCOUNT });
  withContext(scope, { accountProvider, ...context });
  return new WorkspaceKeys(scope, "keys", { ...BASE, ...props });
}
const synthKeys = (props: Partial<WorkspaceKeysProps> = {}, context: Context = {}): Json => synthJson((scope) => addKeys(scope, props, context));

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
    for (const r of resources(guarded, ALIAS)) expect(r.lifecycle).toBeUndefined();
    for (const r of resources(guarded, CMK)) expect(r.lifecycle).toEqual({ create_before_destroy: true });
  });

  test("preventDestroy defaults to the context's protectData; an explicit value wins", () => {
    const lifecycles = (props: Partial<WorkspaceKeysProps>, protectData: boolean) =>
      resources(synthKeys(props, { protectData }), KEY).map((k) => k.lifecycle);
    expect(lifecycles({}, true)).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }]);
    expect(lifecycles({}, false)).toEqual([undefined, undefined]);
    expect(lifecycles({ preventDestroy: false }, true)).toEqual([undefined, undefined]);
    expect(lifecycles({ preventDestroy: true }, false)).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }]);
  });

  test("the aliases and descriptions follow the context's prefix", () => {
    const other = synthKeys({}, { resourcePrefix: "acme-prod" });
    expect(resources(other, ALIAS).map((a) => a.name)).toEqual(["alias/acme-prod-managed-services-key", "alias/acme-prod-workspace-storage-key"]);
    expect(resource(other, KEY, "storage-key").description).toBe("Databricks workspace storage (root bucket, cluster EBS volumes) of acme-prod");
  });
});

describe("WorkspaceKeys: key policies (the provider doc mws_customer_managed_keys.md with the SRA principal-tag hardening)", () => {
  test.each([
    ["us-east-1", "aws", "414351767826", ROLE],
    ["us-gov-west-1", "aws-us-gov", "044793339203", GOV_ROLE],
  ])("%s: managed services key policy, exactly", (region, partition, databricksAws, role) => {
    expect(policyOf(synthKeys({ crossAccountRoleArn: role }, { region }), "managed-services-key")).toEqual({
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
    expect(policyOf(synthKeys({ crossAccountRoleArn: role }, { region }), "storage-key")).toEqual({
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
    const json = synthKeys({ crossAccountRoleArn: region === "us-east-1" ? ROLE : GOV_ROLE }, { region });
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
    const json = synthKeys({ crossAccountRoleArn: GOV_ROLE }, GOV);
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
    const json = synthKeys({}, { databricksAccountId: other });
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
      // Every argument is ForceNew and the workspace switches keys in place: the new registration comes first.
      lifecycle: { create_before_destroy: true },
    });
  });

  test("the account provider is the accounts host of the partition", () => {
    expect(json.provider.databricks).toEqual([{ alias: "mws", host: "https://accounts.cloud.databricks.com", account_id: ACCOUNT, audience: ACCOUNT }]);
    const gov = synthKeys({ crossAccountRoleArn: GOV_ROLE }, GOV);
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
    const json = synthJson((scope) => {
      keys = addKeys(scope, { managedServices: false });
      new TerraformOutput(scope, "st", { value: keys.storageKeyId, staticId: true });
      new TerraformOutput(scope, "arn", { value: keys.storageKeyArn, staticId: true });
    });
    for (const type of [KEY, ALIAS, CMK]) expect(resources(json, type)).toHaveLength(1);
    expect(resources(json, CMK)[0].use_cases).toEqual(["STORAGE"]);
    expect(resources(json, ALIAS)[0].name).toBe("alias/dbx-test-workspace-storage-key");
    expect(keys!.managedServicesKey).toBeUndefined();
    expect(keys!.managedServicesKeyId).toBeUndefined();
    expect(keys!.managedServicesRegistration).toBeUndefined();
    expect(json.output.st.value).toBe(refTo(json, CMK, "storage-registration", "customer_managed_key_id"));
    expect(json.output.arn.value).toBe(refTo(json, KEY, "storage-key", "arn"));
  });

  test("storage: false → only the managed services key; no cross-account role needed", () => {
    let keys: WorkspaceKeys | undefined;
    const json = synthJson((scope) => {
      keys = addKeys(scope, { storage: false, crossAccountRoleArn: undefined });
      new TerraformOutput(scope, "ms", { value: keys.managedServicesKeyId, staticId: true });
    });
    for (const type of [KEY, ALIAS, CMK]) expect(resources(json, type)).toHaveLength(1);
    expect(resources(json, CMK)[0].use_cases).toEqual(["MANAGED_SERVICES"]);
    expect(resources(json, ALIAS)[0].name).toBe("alias/dbx-test-managed-services-key");
    expect(keys!.storageKey).toBeUndefined();
    expect(keys!.storageKeyId).toBeUndefined();
    expect(keys!.storageKeyArn).toBeUndefined();
    expect(keys!.storageRegistration).toBeUndefined();
    expect(json.output.ms.value).toBe(refTo(json, CMK, "managed-services-registration", "customer_managed_key_id"));
  });
});

describe("WorkspaceKeys: validation names the prop, the value and what is allowed", () => {
  const build = (props: Partial<WorkspaceKeysProps>, context: Context = {}) => () => synthKeys(props, context);

  test.each<[string, Partial<WorkspaceKeysProps>, Context, string]>([
    ['managedServices: false, storage: false', { managedServices: false, storage: false }, {},
      "managedServices = false: is false and so is storage: turn on at least one of managedServices and storage (there is nothing to create otherwise)"],
    ["crossAccountRoleArn missing, storage on", { crossAccountRoleArn: undefined }, {},
      "crossAccountRoleArn: is required when storage is on: the storage key policy lets the cross-account role use the key for cluster EBS volumes"],
    ['crossAccountRoleArn: "arn:aws:iam::123456789012:user/alice"', { crossAccountRoleArn: "arn:aws:iam::123456789012:user/alice" }, {},
      'crossAccountRoleArn = "arn:aws:iam::123456789012:user/alice": is not an IAM role ARN of the region\'s partition: arn:aws:iam::<12 digits>:role/<optional path/><role name>'],
    ["a commercial role ARN in GovCloud", {}, GOV,
      `crossAccountRoleArn = "${ROLE}": is not an IAM role ARN of the region's partition: arn:aws-us-gov:iam::<12 digits>:role/<optional path/><role name>`],
    ['keyAdminArns: ["*"]', { keyAdminArns: ["*"] }, {},
      'keyAdminArns[0] = "*": must not be "*": anyone in any AWS account could then manage, use and delete the keys; list the administrators\' ARNs'],
    ['keyAdminArns: ["arn:aws:iam::123456789012:role/admins-*"]', { keyAdminArns: ["arn:aws:iam::123456789012:role/admins-*"] }, {},
      'keyAdminArns[0] = "arn:aws:iam::123456789012:role/admins-*": must not contain wildcards (* or ?): key policy principals are exact ARNs'],
    ['keyAdminArns: ["arn:aws-us-gov:iam::123456789012:root"]', { keyAdminArns: ["arn:aws-us-gov:iam::123456789012:root"] }, {},
      'keyAdminArns[0] = "arn:aws-us-gov:iam::123456789012:root": is not an IAM principal ARN of the region\'s partition: arn:aws:iam::<12 digits>:root, …:user/<optional path/><name> or …:role/<optional path/><name>'],
    ['keyAdminArns: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"]', { keyAdminArns: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"] }, {},
      'keyAdminArns[1] = "arn:aws:iam::123456789012:root": is listed twice'],
    ['keyAdminArns: []', { keyAdminArns: [] }, {},
      "keyAdminArns = []: must list at least one principal: nobody could manage the keys otherwise (KMS rejects such a policy); omit it for the account root"],
    ['deletionWindowInDays: 6', { deletionWindowInDays: 6 }, {}, "deletionWindowInDays = 6: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)"],
    ['deletionWindowInDays: 31', { deletionWindowInDays: 31 }, {}, "deletionWindowInDays = 31: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)"],
    ['deletionWindowInDays: 7.5', { deletionWindowInDays: 7.5 }, {}, "deletionWindowInDays = 7.5: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)"],
  ])("%s", (_label, props, context, message) => {
    expect(build(props, context)).toThrow(ValidationError);
    expect(build(props, context)).toThrow(message);
  });

  test("boundaries are accepted: the longest prefix (32 characters), 7 and 30 days, a user and a pathed role as admins", () => {
    const prefix = `a${"b".repeat(31)}`;
    const json = synthKeys({ deletionWindowInDays: 7 }, { resourcePrefix: prefix });
    expect(resource(json, ALIAS, "storage-alias").name).toBe(`alias/${prefix}-workspace-storage-key`);
    expect(build({ deletionWindowInDays: 30 })).not.toThrow();
    expect(build({ keyAdminArns: ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/team/kms-admin"] })).not.toThrow();
    expect(build({ crossAccountRoleArn: GOV_ROLE, keyAdminArns: ["arn:aws-us-gov:iam::123456789012:root"] }, GOV)).not.toThrow();
  });

  test("all problems at once, under the construct's path", () => {
    expect(build({ deletionWindowInDays: 0, keyAdminArns: ["*"], crossAccountRoleArn: undefined })).toThrow(
      "WorkspaceKeys stack/keys: invalid props:\n" +
        "  - crossAccountRoleArn: is required when storage is on: the storage key policy lets the cross-account role use the key for cluster EBS volumes\n" +
        '  - keyAdminArns[0] = "*": must not be "*": anyone in any AWS account could then manage, use and delete the keys; list the administrators\' ARNs\n' +
        "  - deletionWindowInDays = 0: must be a whole number of days from 7 to 30 (KMS key deletion waiting period)",
    );
  });

  test("workspaceKeysProblems: an unknown region (the context's problem) admits any partition's ARNs", () => {
    expect(workspaceKeysProblems({ crossAccountRoleArn: GOV_ROLE }, { region: "mars-north-1" })).toEqual([]);
    expect(workspaceKeysProblems({ crossAccountRoleArn: GOV_ROLE }, { region: "us-east-1" }).map((p) => p.path)).toEqual(["crossAccountRoleArn"]);
  });

  test("tokens skip the format checks (the context's account ids too); a list token of admins does not", () => {
    const json = synthJson((scope) => {
      const account = new TerraformVariable(scope, "databricks_account_id", { type: "string" });
      const aws = new TerraformVariable(scope, "aws_account_id", { type: "string" });
      addKeys(scope, {
        crossAccountRoleArn: Token.asString({ Ref: "role" }), keyAdminArns: [Token.asString({ Ref: "admin" })],
      }, { databricksAccountId: account.stringValue, awsAccountId: aws.stringValue });
    });
    expect(resource(json, CMK, "storage-registration").account_id).toBe("${var.databricks_account_id}");
    expect(policyOf(json, "storage-key").Statement[1].Condition).toEqual(TAG("${var.databricks_account_id}"));

    const defaultAdmin = synthJson((scope) => {
      const aws = new TerraformVariable(scope, "aws_account_id", { type: "string" });
      addKeys(scope, {}, { awsAccountId: aws.stringValue });
    });
    expect(policyOf(defaultAdmin, "managed-services-key").Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::${var.aws_account_id}:root"] });

    expect(build({ keyAdminArns: Token.asList({ Ref: "admins" }) })).toThrow(
      'keyAdminArns = "<list token>": must be a literal list (its elements may be tokens): the key policies list each administrator',
    );
  });

  test("without a DeploymentContext it throws the context's message; without an account provider, the context's too", () => {
    expect(() => synthJson((scope) => new WorkspaceKeys(scope, "keys", BASE))).toThrow(
      "stack/keys: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
    expect(() => synthJson((scope) => {
      withContext(scope);
      new WorkspaceKeys(scope, "keys", BASE);
    })).toThrow("stack/keys: registers objects with the Databricks Account API, but the DeploymentContext has no accountProvider");
  });
});
