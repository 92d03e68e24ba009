import { ConfigError, ENVIRONMENT_CONFIGS, environmentSchema, loadEnvironments, overrideVariable } from "../environments";
import { BAD_CONFIGS, pocCopy } from "./fixtures/bad-configs";

function errorLines(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const [header, ...lines] = err.message.split("\n");
    expect(header).toBe(`Invalid environment config (${lines.length} problem${lines.length === 1 ? "" : "s"}):`);
    return lines.map((l) => l.trim());
  }
  throw new Error("expected a ConfigError, got none");
}

describe("example environments", () => {
  test("poc, dev and prod are valid as shipped", () => {
    expect(loadEnvironments(ENVIRONMENT_CONFIGS, {}).map((e) => e.name)).toEqual(["poc", "dev", "prod"]);
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
    expect(errorLines(() => loadEnvironments(configs, badCase.variables ?? {}, badCase.files))).toEqual(badCase.errors);
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
