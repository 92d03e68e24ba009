import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { Environment, loadEnvironments } from "../../environments";
import { poc } from "../../environments/poc";
import { databricksAccountProvider, DatabricksWorkspace, DatabricksWorkspaceProps } from "../../modules/workspace";
import { WorkspaceStack } from "../../stacks/workspace-stack";
import { Json, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";
import { sharedSynthDir } from "../app-synth";

// Registrations (databricks_mws_* objects a workspace uses) are ForceNew on every argument in provider 1.99: a
// change replaces them, and destroy-then-create would delete an object still in use. Every registration must be
// create-before-destroy, with a name that changes with its key fields (names are unique in the account), and keep
// the name of the generation already deployed (ignore_changes). See modules/workspace/registration.ts.

/** Registration types → the name attribute (if any) and the ForceNew key fields its name must follow. */
const REGISTRATIONS: Record<string, { name?: string; keys: string[] }> = {
  databricks_mws_credentials: { name: "credentials_name", keys: ["role_arn"] },
  databricks_mws_storage_configurations: { name: "storage_configuration_name", keys: ["bucket_name"] },
  databricks_mws_vpc_endpoint: { name: "vpc_endpoint_name", keys: ["aws_vpc_endpoint_id", "region"] },
  databricks_mws_networks: { name: "network_name", keys: ["vpc_id", "subnet_ids", "security_group_ids", "vpc_endpoints"] },
  // No name: two generations cannot collide.
  databricks_mws_customer_managed_keys: { keys: ["aws_key_info", "use_cases"] },
  // Serverless egress (modules/serverless): name and region ForceNew, no Update in 1.99.
  databricks_mws_network_connectivity_config: { name: "name", keys: ["region"] },
  databricks_mws_ncc_private_endpoint_rule: { keys: ["network_connectivity_config_id", "endpoint_service"] },
};

/** databricks_mws_* types that are deliberately not create-before-destroy, and why (each checked as stated). */
const EXCEPTIONS: Record<string, { why: string; check: (r: Json) => void }> = {
  databricks_mws_private_access_settings: {
    why: "no argument is ForceNew in provider 1.99 (it has an Update: PrivateAccess.Replace): changes apply in place",
    check: (r) => expect(r.lifecycle?.create_before_destroy).toBeUndefined(),
  },
  databricks_mws_workspaces: {
    why: "the workspace itself, not a registration: a second workspace is never wanted; prevent_destroy where data is protected",
    check: (r) => expect(r.lifecycle?.create_before_destroy).toBeUndefined(),
  },
  databricks_mws_permission_assignment: {
    why: "not a registration: a principal's permission on a workspace; one pair (workspace, principal) exists once, so " +
      "create-before-destroy would collide with itself",
    check: (r) => expect(r.lifecycle?.create_before_destroy).toBeUndefined(),
  },
  databricks_mws_ncc_binding: {
    why: "has an Update in provider 1.99 (it switches the workspace's NCC in place; Delete is a no-op): no replacement to order",
    check: (r) => expect(r.lifecycle?.create_before_destroy).toBeUndefined(),
  },
  databricks_mws_log_delivery: {
    why: "cannot be deleted (only disabled) and at most two enabled per log type: a replacement would need a third and " +
      "leave a disabled orphan, so prevent_destroy stops it at plan",
    check: (r) => expect(r.lifecycle).toEqual({ prevent_destroy: true }),
  },
};

/** Every string leaf of a value. */
const leaves = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(leaves) : v && typeof v === "object" ? Object.values(v).flatMap(leaves) : [];

/** Terraform references inside `${…}` of a string (`aws_iam_role.x.arn`). */
const refs = (s: string): string[] => [...s.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);

/** Problems of one resource against the rule ([] = fine). */
function problems(type: string, r: Json): string[] {
  const spec = REGISTRATIONS[type];
  if (!spec) {
    if (!EXCEPTIONS[type]) return [`${type} is neither a registration (REGISTRATIONS) nor a listed exception (EXCEPTIONS): decide`];
    EXCEPTIONS[type].check(r);
    return [];
  }
  const out: string[] = [];
  if (r.lifecycle?.create_before_destroy !== true) out.push("lifecycle.create_before_destroy is not true");
  if (!spec.name) return out;
  const name: string = r[spec.name];
  if (!(r.lifecycle?.ignore_changes ?? []).includes(spec.name)) out.push(`lifecycle.ignore_changes lacks ${spec.name}`);
  // A key that is a reference is hashed by Terraform: the name's expression must use it. All-literal keys are
  // hashed at synth time (the exact hash is checked below, "a new generation gets a new name").
  const keyLeaves = spec.keys.flatMap((k) => leaves(r[k]));
  for (const ref of keyLeaves.flatMap(refs)) if (!name.includes(ref)) out.push(`${spec.name} does not follow ${ref}`);
  if (name.includes("${")) {
    for (const leaf of keyLeaves.filter((l) => refs(l).length === 0)) {
      if (!name.includes(JSON.stringify(leaf))) out.push(`${spec.name} does not follow "${leaf}"`);
    }
    if (!/-\$\{substr\(sha1\(.*\), 0, 8\)\}$/.test(name)) out.push(`${spec.name} does not end in the keys' hash: ${name}`);
  } else if (!/-[0-9a-f]{8}$/.test(name)) {
    out.push(`${spec.name} does not end in the keys' hash: ${name}`);
  }
  return out;
}

function check(stacks: Array<{ id: string; json: Json }>): string[] {
  return stacks.flatMap(({ id, json }) =>
    Object.entries<Record<string, Json>>(json.resource ?? {})
      .filter(([type]) => type.startsWith("databricks_mws_"))
      .flatMap(([type, blocks]) => Object.entries(blocks).flatMap(([name, r]) => problems(type, r).map((p) => `${id} ${type}.${name}: ${p}`))));
}

/** A WorkspaceStack of the poc environment with some sections replaced. */
function workspaceStack(extra: Json): Json {
  const [env] = loadEnvironments([{ ...poc, workspace: { pricingTier: "ENTERPRISE" }, ...extra } as never], {});
  return JSON.parse(Testing.synth(new WorkspaceStack(Testing.app(), env as Environment)));
}

describe("every databricks_mws_* registration is create-before-destroy, named after its key fields", () => {
  test("every stack the app synthesizes", () => {
    const outdir = sharedSynthDir();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const stacks = Object.values<Json>(manifest.stacks).map((s) => ({
      id: s.name as string, json: JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), "utf8")) as Json,
    }));
    // The app covers every registration type and exception but the front end's (below).
    const types = new Set(stacks.flatMap((s) => Object.keys(s.json.resource ?? {})));
    expect([...Object.keys(REGISTRATIONS), ...Object.keys(EXCEPTIONS)].filter((t) => !types.has(t))).toEqual([]);
    expect(check(stacks)).toEqual([]);
  });

  test("workspace stacks with front-end PrivateLink in a transit VPC and customer-managed keys, and with an existing network", () => {
    const stacks = [
      { id: "transit", json: workspaceStack({ customerManagedKeys: { managedServices: true, storage: true }, network: { ...poc.network, privateLink: { backend: true, frontend: {
        clientCidrs: ["10.200.0.0/16"], publicAccess: true,
        transitVpc: { vpcId: "vpc-0fedcba9876543210", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] },
      } } } }) },
      { id: "existing", json: workspaceStack({ network: { mode: "existing", vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567"] } }) },
    ];
    expect(resources(stacks[0].json, "databricks_mws_vpc_endpoint")).toHaveLength(3);
    expect(check(stacks)).toEqual([]);
  });

  test("the rule catches a registration without create_before_destroy, a fixed name, and an undecided type", () => {
    const bad = {
      databricks_mws_credentials: { a: { credentials_name: "x-credentials", role_arn: "${aws_iam_role.r.arn}" } },
      databricks_mws_storage_configurations: { b: {
        storage_configuration_name: "x-storage-${substr(sha1(join(\"|\", [aws_s3_bucket.other.bucket])), 0, 8)}", bucket_name: "${aws_s3_bucket.b.bucket}",
        lifecycle: { create_before_destroy: true, ignore_changes: ["storage_configuration_name"] },
      } },
      databricks_mws_future_object: { c: {} }, // a type nobody decided on yet
    };
    expect(check([{ id: "s", json: { resource: bad } }])).toEqual([
      "s databricks_mws_credentials.a: lifecycle.create_before_destroy is not true",
      "s databricks_mws_credentials.a: lifecycle.ignore_changes lacks credentials_name",
      "s databricks_mws_credentials.a: credentials_name does not follow aws_iam_role.r.arn",
      "s databricks_mws_credentials.a: credentials_name does not end in the keys' hash: x-credentials",
      "s databricks_mws_storage_configurations.b: storage_configuration_name does not follow aws_s3_bucket.b.bucket",
      "s databricks_mws_future_object.c: databricks_mws_future_object is neither a registration (REGISTRATIONS) nor a listed exception (EXCEPTIONS): decide",
    ]);
  });
});

describe("a new generation gets a new name; the deployed one keeps its own", () => {
  const sha8 = (s: string) => createHash("sha1").update(s).digest("hex").slice(0, 8);
  const ROLE = "arn:aws:iam::123456789012:role/dbx-test-cross-account";
  const props = (over: Partial<DatabricksWorkspaceProps> = {}): DatabricksWorkspaceProps => ({
    crossAccountRole: { roleArn: ROLE, policy: { fqn: "aws_iam_role_policy.p" } },
    rootBucket: { bucketName: "dbx-test-root", policy: { fqn: "aws_s3_bucket_policy.p" } },
    network: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567"] },
    ...over,
  });
  const names = (p: DatabricksWorkspaceProps) => {
    const json = synthJson((scope) => {
      withContext(scope, { accountProvider: databricksAccountProvider(scope, { region: "us-east-1", databricksAccountId: TEST_CONTEXT.databricksAccountId }) });
      new DatabricksWorkspace(scope, "workspace", p);
    });
    return {
      credentials: resources(json, "databricks_mws_credentials")[0].credentials_name,
      storage: resources(json, "databricks_mws_storage_configurations")[0].storage_configuration_name,
      network: resources(json, "databricks_mws_networks")[0].network_name,
    };
  };

  test("the name is the base and 8 hex digits of sha1 of the key fields (lists joined with \",\", fields with \"|\")", () => {
    expect(names(props())).toEqual({
      credentials: `dbx-test-credentials-${sha8(ROLE)}`,
      storage: `dbx-test-storage-${sha8("dbx-test-root")}`,
      network: `dbx-test-network-${sha8("vpc-0123456789abcdef0|subnet-01234567,subnet-89abcdef|sg-01234567")}`,
    });
    expect(names(props())).toEqual(names(props())); // deterministic: no churn between plans
  });

  test("changing a key field changes exactly that registration's name, never back to the pre-hash name", () => {
    const before = names(props());
    const role = names(props({ crossAccountRole: { roleArn: "arn:aws:iam::123456789012:role/other", policy: { fqn: "p" } } }));
    expect(role).toEqual({ ...before, credentials: `dbx-test-credentials-${sha8("arn:aws:iam::123456789012:role/other")}` });
    const bucket = names(props({ rootBucket: { bucketName: "dbx-test-root-2", policy: { fqn: "p" } } }));
    expect(bucket).toEqual({ ...before, storage: `dbx-test-storage-${sha8("dbx-test-root-2")}` });
    const subnets = names(props({ network: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-0aaaaaaa"], securityGroupIds: ["sg-01234567"] } }));
    expect(subnets.network).not.toBe(before.network);
    expect(Object.values(before)).not.toContain("dbx-test-credentials");
  });
});
