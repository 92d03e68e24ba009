// Real Terraform over the synthesized stacks (scripts/tf-check.js): unit tests of the local copy it builds,
// then init/validate/plan of every stack against the local provider mirror, offline.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironments } from "../environments";
import { poc } from "../environments/poc";
import { WorkspaceStack } from "../stacks/workspace-stack";

interface Planned {
  create: number;
  update: number;
  delete: number;
  replace: number;
  noop: number;
}
interface StackResult {
  stack: string;
  ok: boolean;
  skipped?: boolean;
  reason?: string;
  keptResources: number;
  removed: string[];
  planned: Planned;
  seconds: number;
}
type Json = Record<string, any>;
interface TfCheck {
  discoverTerraform(): string | null;
  discoverMirror(): { root: string | null; providers: Record<string, string[]>; missing?: string };
  localCopy(tfJson: Json, available: Record<string, string[]>): { json: Json; removed: string[]; keptResources: number };
  checkStacks(outdir: string, opts?: { stacks?: string[]; workdir?: string; extraStacks?: Array<{ stack: string; file: string }> }): Promise<StackResult[]>;
}

const tfCheck = require("../scripts/tf-check.js") as TfCheck;
const fixtureDir = path.join(__dirname, "fixtures", "tf-check");
const fixture = (): Json => JSON.parse(fs.readFileSync(path.join(fixtureDir, "stacks", "fixture", "cdk.tf.json"), "utf8"));
const AWS_ONLY = { "registry.terraform.io/hashicorp/aws": ["5.100.0"] };

describe("localCopy", () => {
  const { json, removed, keptResources } = tfCheck.localCopy(fixture(), AWS_ONLY);

  test("removes exactly the blocks of unavailable providers and the outputs that show them", () => {
    expect(removed.sort()).toEqual(
      [
        "data.databricks_current_config.this",
        "databricks_mws_credentials.this",
        "databricks_mws_networks.this",
        "databricks_mws_storage_configurations.this",
        "databricks_mws_workspaces.this",
        "null_resource.marker",
        "output.account_hint",
        "output.workspace_url",
      ].sort(),
    );
    expect(Object.keys(json.resource).sort()).toEqual(["aws_iam_role", "aws_s3_bucket", "aws_s3_bucket_policy", "aws_subnet", "aws_vpc"]);
    expect(Object.keys(json.data)).toEqual(["aws_iam_policy_document"]);
    expect(Object.keys(json.data.aws_iam_policy_document).sort()).toEqual(["assume", "root_bucket"]);
    expect(Object.keys(json.output).sort()).toEqual(["bucket", "vpc_id"]);
    expect(keptResources).toBe(6); // aws_subnet.private has count = 2
  });

  test("drops the databricks provider, its requirement, the backend and cdktf metadata", () => {
    expect(Object.keys(json.provider)).toEqual(["aws"]);
    expect(json.terraform).toEqual({ required_providers: { aws: { source: "aws", version: "5.100.0" } } });
    expect(JSON.stringify(json)).not.toContain('"//"');
  });

  test("drops depends_on edges to removed blocks but keeps the others", () => {
    expect(json.resource.aws_s3_bucket_policy.root.depends_on).toEqual(["aws_s3_bucket.root"]);
    expect(json.output.bucket.depends_on).toBeUndefined();
  });

  test("gives the AWS provider fake static credentials, no STS/IMDS calls and no account guard", () => {
    expect(json.provider.aws).toEqual([
      {
        region: "eu-west-1",
        default_tags: [{ tags: { env: "fixture" } }],
        access_key: "AKIAIOSFODNN7EXAMPLE",
        secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: "true",
        skip_region_validation: true,
        max_retries: 1,
      },
    ]);
  });

  test("does not modify its input", () => {
    const input = fixture();
    tfCheck.localCopy(input, AWS_ONLY);
    expect(input).toEqual(fixture());
  });

  test("keeps a provider only if the mirror has the pinned version", () => {
    expect(tfCheck.localCopy(fixture(), { "registry.terraform.io/hashicorp/aws": ["5.99.0"] }).keptResources).toBe(0);
  });

  test("a kept AWS resource that reads a removed databricks block is an error naming both", () => {
    const tf = fixture();
    tf.resource.aws_iam_role.cross_account.tags = { ws: "${databricks_mws_workspaces.this.workspace_id}" };
    expect(() => tfCheck.localCopy(tf, AWS_ONLY)).toThrow(/aws_iam_role\.cross_account.*databricks_mws_workspaces\.this/);
  });

  test("a data source that needs a live API is an error", () => {
    const tf = fixture();
    tf.data.aws_availability_zones = { available: { state: "available" } };
    expect(() => tfCheck.localCopy(tf, AWS_ONLY)).toThrow(/data\.aws_availability_zones\.available/);
  });
});

// The integration suite needs terraform and a provider mirror; on this project's machines (and in CI) it must run.
const missing = tfCheck.discoverTerraform() ? tfCheck.discoverMirror().missing : "terraform CLI";
const inCI = !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);
if (missing && inCI) {
  test("terraform and a local provider mirror are available in CI", () => {
    throw new Error(`missing: ${missing}`);
  });
} else if (missing) {
  console.warn(`terraform.test.ts: skipping real-terraform checks, missing: ${missing}`);
}
const describeTerraform = missing ? describe.skip : describe;


describeTerraform("terraform init/validate/plan (offline, local provider mirror)", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-check-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The poc environment in the two other network modes, as extra stacks for the same Terraform run. */
  function networkModeVariants(): Array<{ stack: string; file: string }> {
    const transitVpc = { vpcId: "vpc-0fedcba9876543210", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] };
    const variants: Record<string, Record<string, unknown>> = {
      byovpc: {
        network: { mode: "existing", vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567"] },
        monitoring: { roleActivity: { trail: { existingLogGroupName: "aws-cloudtrail-logs-org" }, alarmEmails: ["ops@example.com"] } },
      },
      managed: { network: { mode: "databricks-managed" } },
      // Everything the production-hardening options add (the front end in a transit VPC, with its resolver).
      hardened: {
        network: {
          ...poc.network,
          privateLink: { backend: true, frontend: { clientCidrs: ["10.200.0.0/16"], publicAccess: false, inboundResolver: true, transitVpc } },
          peerings: [{ name: "rds", peerVpcId: "vpc-0123456789abcdef0", cidrs: ["10.50.0.0/24"] }],
          transitGateways: [{ name: "corp", transitGatewayId: "tgw-0123456789abcdef0", cidrs: ["192.168.0.0/16"] }],
        },
        customerManagedKeys: { managedServices: true, storage: true }, protectData: true, workspace: { pricingTier: "ENTERPRISE" },
      },
    };
    return Object.entries(variants).map(([name, change]) => {
      const [env] = loadEnvironments([{ ...poc, name, ...change } as never], {});
      const stack = new WorkspaceStack(Testing.app(), env);
      const file = path.join(tmp, "variants", `${name}.tf.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, Testing.synth(stack));
      return { stack: `${name}-workspace`, file };
    });
  }

  // One Terraform run for all stacks (the provider starts once): every environment and the account stacks, the two
  // other network modes, and the hardening options. The real stacks carry Databricks blocks, so the stripping
  // path runs against real Terraform too.
  test("every stack, every network mode and the hardening options validate and plan only creates", async () => {
    const outdir = process.env.SYNTH_OUTDIR!; // synthesized once for all suites (global-setup.js)
    const stacks = Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks);
    expect(stacks).toEqual(expect.arrayContaining(["poc-workspace", "dev-workspace", "prod-workspace"]));

    const extraStacks = networkModeVariants();
    const results = await tfCheck.checkStacks(outdir, { workdir: path.join(tmp, "work"), extraStacks });
    expect(results.map((r) => r.stack).sort()).toEqual([...stacks, ...extraStacks.map((e) => e.stack)].sort());
    // Existing VPC: role + bucket only (no network resources); Databricks-managed: the same.
    expect(results.find((r) => r.stack === "byovpc-workspace")!.planned.create).toBeLessThan(results.find((r) => r.stack === "poc-workspace")!.planned.create);
    // The workspace-config stacks hold only Databricks resources: nothing Terraform can check here (no provider).
    for (const r of results.filter((x) => x.stack.endsWith("-workspace-config"))) {
      expect(r).toMatchObject({ ok: false, skipped: true, reason: expect.stringContaining("databricks/databricks 1.99.0 not in mirror") });
    }
    for (const r of results.filter((x) => !x.stack.endsWith("-workspace-config"))) {
      expect({ stack: r.stack, ok: r.ok, reason: r.reason }).toEqual({ stack: r.stack, ok: true, reason: undefined });
      expect(r.keptResources).toBeGreaterThan(0);
      expect(r.planned.create).toBe(r.keptResources);
    }
  }, 180_000);
});
