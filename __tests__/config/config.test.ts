import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ACCOUNT_CONFIG, ConfigError, ENVIRONMENT_CONFIGS, EnvironmentConfig, environmentSchema, loadConfig, loadEnvironments, overrideVariable } from "../../environments";
import { synthesize } from "../../stacks/synth";
import { BAD_CONFIGS, BadConfigCase, GOOD_CONFIGS, pocCopy } from "../fixtures/bad-configs";

function errorLines(run: () => unknown): string[] {
  let message: string;
  try {
    const result = run();
    // An app-level case: the synth's text (a ConfigError's message) when it failed.
    if (typeof result !== "string") throw new Error("expected a ConfigError, got none");
    message = result;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    message = err.message;
  }
  const [header, ...lines] = message.split("\n");
  // A guardrail report (an app-level case) has its own header, part of the expected lines.
  if (header.startsWith("Guardrails:")) return message.split("\n").map((l) => l.trim());
  expect(header).toBe(`Invalid environment config (${lines.length} problem${lines.length === 1 ? "" : "s"}):`);
  return lines.map((l) => l.trim());
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Validates the case's configs, and for an app-level case builds the app (stacks/synth.ts) into a fresh directory. */
function check(badCase: BadConfigCase, configs: readonly EnvironmentConfig[]): unknown {
  const environments = loadEnvironments(configs, badCase.variables ?? {}, badCase.files);
  if (!badCase.app) return undefined;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-config-"));
  outdirs.push(outdir);
  const account = badCase.withAccount ? loadConfig([], ACCOUNT_CONFIG, {}).account : undefined;
  const result = synthesize({ environments, account }, outdir);
  expect(fs.readdirSync(outdir)).toEqual([]); // a failing synth writes nothing
  return result.failed ? result.text : undefined;
}

describe("example environments", () => {
  test("poc, dev and prod are valid as shipped", () => {
    expect(loadEnvironments(ENVIRONMENT_CONFIGS, {}).map((e) => e.name)).toEqual(["poc", "dev", "prod", "spoc"]);
  });

  test("every example satisfies the exported schema", () => {
    for (const config of ENVIRONMENT_CONFIGS) expect(environmentSchema.safeParse(config).success).toBe(true);
  });

  test("account ids are overridden from DBX_<ENV>_* variables", () => {
    const [poc, dev] = loadEnvironments(ENVIRONMENT_CONFIGS, {
      DBX_POC_AWS_ACCOUNT_ID: "123456789012",
      DBX_POC_DATABRICKS_ACCOUNT_ID: "0a1b2c3d-0000-4000-8000-000000000001",
    });
    expect(poc.awsAccountId).toBe("123456789012");
    expect(poc.databricksAccountId).toBe("0a1b2c3d-0000-4000-8000-000000000001");
    expect(dev.awsAccountId).toBe("222222222222");
    expect(overrideVariable("prod", "awsAccountId")).toBe("DBX_PROD_AWS_ACCOUNT_ID");
  });

  test("an empty override variable is ignored", () => {
    expect(loadEnvironments(ENVIRONMENT_CONFIGS, { DBX_POC_AWS_ACCOUNT_ID: "" })[0].awsAccountId).toBe("111111111111");
  });
});

describe("bad-config corpus: each config stops the synth with exactly these messages", () => {
  test.each(BAD_CONFIGS.map((c) => [c.title, c] as const))("%s", (_title, badCase) => {
    const config = pocCopy();
    badCase.change?.(config);
    const configs = badCase.configs ? badCase.configs() : [config as never];
    expect(errorLines(() => check(badCase, configs))).toEqual(badCase.errors);
  });

  test("problems of several environments are reported together", () => {
    const a = pocCopy();
    a.awsAccountId = "1";
    const b = pocCopy();
    b.name = "dev";
    b.network.vpcCidr = "10.0.0.0/33";
    expect(errorLines(() => loadEnvironments([a, b] as never, {}))).toEqual([
      'poc: awsAccountId = "1": must be a 12-digit AWS account id',
      'dev: network.vpcCidr = "10.0.0.0/33": is not an IPv4 CIDR block (expected a.b.c.d/n)',
    ]);
  });
});

describe("good-config corpus: each config passes the checks and synthesizes", () => {
  test.each(GOOD_CONFIGS.map((c) => [c.title, c] as const))("%s", (_title, goodCase) => {
    const config = pocCopy();
    goodCase.change(config);
    // With the account config: its metastore makes the workspace stack create the groups and their lookups.
    const { environments, account } = loadConfig([config as never], ACCOUNT_CONFIG, {});
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "good-config-"));
    outdirs.push(outdir);
    const result = synthesize({ environments, account }, outdir);
    expect(result.text).toBe("");
    const stacks = path.join(outdir, "stacks");
    const json = fs.readdirSync(stacks).map((s) => fs.readFileSync(path.join(stacks, s, "cdk.tf.json"), "utf8")).join("\n");
    for (const fragment of goodCase.synthesizes) expect(json).toContain(fragment);
  });
});
