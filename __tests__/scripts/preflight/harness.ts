// Runs the preflight/verify main() in-process against a FakeCloud, with sentinel secrets in the environment.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dev } from "../../../environments/dev";
import { account } from "../../../environments/account";
import type { EnvironmentConfig } from "../../../environments/schema";
import type { AccountConfigInput } from "../../../environments/account-schema";
import * as f from "./fixtures";
import { FakeCloud, Routes } from "./server";

type Main = (command: string, argv: string[], checks: unknown, o: unknown) => Promise<number>;
export const { main } = require("../../../scripts/preflight/run.js") as { main: Main };
export const { preflightChecks } = require("../../../scripts/preflight/checks.js");

/** An empty HOME: no ~/.aws or ~/.databrickscfg of the machine may leak into a test. */
export const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), "preflight-home-"));
afterAll(() => fs.rmSync(emptyHome, { recursive: true, force: true }));
// The config bundle is (re)built on first use: outside any test's timeout.
jest.setTimeout(30000);
beforeAll(() => require("../../../scripts/preflight/config.js").loadBundle(), 120000);

export const devConfig = (over: Partial<EnvironmentConfig> = {}): EnvironmentConfig => ({ ...dev, ...over });
export const accountConfig: AccountConfigInput = { ...account, unityCatalog: { metastore: { id: f.METASTORE_ID } } };

const groupsResponder = (exists: (n: string) => boolean) => (req: { query: URLSearchParams }) => {
  const name = /displayName eq "(.*)"/.exec(req.query.get("filter") ?? "")?.[1] ?? "";
  return { body: f.scimList(exists(name) ? [{ id: `g-${name}`, displayName: name, members: [{ value: "sp-1" }] }] : []) };
};
export { groupsResponder };

/** The passing case for dev: every answer as a working, deployed dev would give. */
export function passingRoutes(): Routes {
  const acct = `/api/2.0/accounts/${f.DBX_ACCOUNT}`;
  return {
    "aws:GetCallerIdentity": { body: f.stsIdentity() },
    "aws:DescribeAvailabilityZones": { body: f.ec2Zones(["us-east-1a", "us-east-1b", "us-east-1c"]) },
    "sq:GetServiceQuota": { body: f.quota("vpc", "L-X", 5) },
    "aws:DescribeVpcs": { body: f.ec2Vpcs([["vpc-0a1b2c3d", "10.0.0.0/16"]]) },
    "aws:DescribeInternetGateways": { body: f.ec2Igws(1) },
    "aws:DescribeAddresses": { body: f.ec2Addresses(1) },
    "aws:DescribeNatGateways": { body: f.ec2Nats(["subnet-a"]) },
    "aws:DescribeSubnets": { body: f.ec2Subnets([["subnet-a", "vpc-1", "us-east-1a"]]) },
    [`POST /oidc/accounts/${f.DBX_ACCOUNT}/v1/token`]: { body: f.tokenAnswer(f.SECRETS.accessToken) },
    [`GET ${acct}/workspaces`]: { body: [f.workspace()] },
    [`GET ${acct}/metastores/${f.METASTORE_ID}`]: { body: f.metastore() },
    [`GET ${acct}/scim/v2/Groups`]: groupsResponder(() => true),
    "POST /oidc/v1/token": { body: f.tokenAnswer(f.SECRETS.wsToken) },
    "GET /api/2.0/workspace-conf": { body: f.workspaceConf(true) },
    "GET /api/2.0/ip-access-lists": { body: f.ipLists(["203.0.113.0/24", "198.51.100.16/28"]) },
    "GET /api/2.0/preview/scim/v2/ServicePrincipals": { body: f.scimList([{ id: "9", applicationId: f.SP_APPLICATION_ID, displayName: "databricks-dev-pipeline" }]) },
    "GET /api/2.0/policies/clusters/list": { body: f.policies(["databricks-dev all-purpose", "databricks-dev jobs"]) },
    "GET /api/2.0/permissions/cluster-policies/ABC1": { body: f.policyPermissions([f.SP_APPLICATION_ID]) },
  };
}

export interface Run { code: number; stdout: string; stderr: string; json: { safe: boolean; checks: Array<{ environment: string; check: string; status: string; message: string; fix?: string }> } | undefined; cloud: FakeCloud }

/**
 * Runs `command` for `argv` against a FakeCloud with `routes` (passing ones by default, changed by `change`).
 * The process environment holds only what the test gives (plus the fake cloud's endpoints) while it runs.
 */
export async function run(argv: string[], { change = (r: Routes) => r, vars = {}, configs, command = "preflight", checks = preflightChecks }: {
  change?: (r: Routes) => Routes; vars?: Record<string, string> | ((cloudUrl: string) => Record<string, string>); configs?: { environments: EnvironmentConfig[]; account?: AccountConfigInput };
  command?: string; checks?: unknown;
} = {}): Promise<Run> {
  const cloud = await new FakeCloud(change(passingRoutes())).start();
  const saved = process.env;
  const variables: Record<string, string> = {
    PATH: saved.PATH ?? "", HOME: emptyHome, AWS_CONFIG_FILE: path.join(emptyHome, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(emptyHome, "none"),
    AWS_EC2_METADATA_DISABLED: "true", AWS_ENDPOINT_URL: cloud.url, PREFLIGHT_ACCOUNTS_HOST: cloud.url, PREFLIGHT_WORKSPACE_HOST: cloud.url,
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: f.SECRETS.awsSecret, AWS_SESSION_TOKEN: f.SECRETS.awsSession,
    DATABRICKS_CLIENT_ID: f.CLIENT_ID, DATABRICKS_CLIENT_SECRET: f.SECRETS.clientSecret,
    DBX_DEV_AWS_ACCOUNT_ID: f.AWS_ACCOUNT, DBX_DEV_DATABRICKS_ACCOUNT_ID: f.DBX_ACCOUNT,
    ...(typeof vars === "function" ? vars(cloud.url) : vars),
  };
  for (const [k, v] of Object.entries(variables)) if (v === "") delete variables[k];
  let stdout = "";
  let stderr = "";
  process.env = { ...variables };
  try {
    const code = await main(command, argv, checks, {
      variables, configs: configs ?? { environments: [devConfig()], account: accountConfig },
      out: { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s) },
    });
    const json = argv.includes("--json") && stdout ? JSON.parse(stdout) : undefined;
    return { code, stdout, stderr, json, cloud };
  } finally {
    process.env = saved;
    await cloud.close();
  }
}

/** Every sentinel secret is absent from `text`. */
export function expectNoSecret(text: string): void {
  for (const s of Object.values(f.SECRETS)) expect(text).not.toContain(s);
}

/** The status and message of `check` in a --json run. */
export function check(r: Run, id: string): { status: string; message: string; fix?: string } {
  if (!r.json?.checks) throw new Error(`no checks: ${r.stdout}${r.stderr}`);
  const found = r.json.checks.find((c) => c.check === id);
  if (!found) throw new Error(`no check ${id} in ${JSON.stringify(r.json?.checks.map((c) => c.check))}`);
  return found;
}
