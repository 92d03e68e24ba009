import { Testing } from "cdktf";
import { ConfigError, ENVIRONMENT_CONFIGS, loadConfig } from "../../environments";
import { account } from "../../environments/account";
import { addAccountStacks } from "../../stacks/app";
import { Json, resources } from "../helpers";

function errors(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split("\n").slice(1).map((l) => l.trim());
    throw err;
  }
  return [];
}
const withAccount = (change: Record<string, unknown>) => () => loadConfig(ENVIRONMENT_CONFIGS, { ...account, ...change } as never, {});

describe("account-level config and stacks (log delivery, once per Databricks account)", () => {
  test("the example is valid and makes account-logs, deployed after account-state", () => {
    const { account: config } = loadConfig(undefined, undefined, {});
    const app = Testing.app();
    addAccountStacks(app, config);
    const logs = app.node.children.find((s) => s.node.id === "account-logs") as never as { dependencies: Array<{ node: { id: string } }> };
    expect(app.node.children.map((s) => s.node.id).sort()).toEqual(["account-logs", "account-state"]);
    expect(logs.dependencies.map((d) => d.node.id)).toEqual(["account-state"]);
    const json: Json = JSON.parse(Testing.synth(logs as never));
    expect(resources(json, "databricks_mws_log_delivery").map((d) => [d.log_type, d.output_format, d.status]).sort()).toEqual([
      ["AUDIT_LOGS", "JSON", "ENABLED"], // billable-usage CSV is legacy: an explicit opt-in in logDelivery.configs
    ]);
    expect(json.terraform.backend.s3.key).toBe("account/account-logs.tfstate");
  });

  test("without logDelivery there are no account stacks", () => {
    const app = Testing.app();
    addAccountStacks(app, loadConfig(ENVIRONMENT_CONFIGS, { ...account, logDelivery: undefined }, {}).account);
    expect(app.node.children).toHaveLength(0);
  });

  test("the delivery limits and the account's fields are validated with the rest, in one error", () => {
    const enabled = (name: string) => ({ name, logType: "AUDIT_LOGS", deliveryPathPrefix: name });
    const found = errors(withAccount({
      tags: { ...account.tags, Owner: "" },
      logDelivery: { bucketName: "databricks-logs-333333333333", configs: [enabled("a"), enabled("b"), enabled("c")] },
    }));
    expect(found).toEqual([
      'account: tags["Owner"] = "": Owner is empty: required tags need a value',
      expect.stringMatching(/^account: logDelivery\.configs: has 3 enabled account-level AUDIT_LOGS configurations .*Databricks allows 2/),
    ]);
    expect(errors(withAccount({ awsAccountId: "12", logDelivery: { bucketName: "Logs_Bucket" } }))).toEqual([
      'account: awsAccountId = "12": must be a 12-digit AWS account id',
    ]);
  });

  test("an override variable applies to the account config too", () => {
    expect(errors(() => loadConfig(ENVIRONMENT_CONFIGS, account, { DBX_ACCOUNT_DATABRICKS_ACCOUNT_ID: "nope" }))).toEqual([
      'account: databricksAccountId (from $DBX_ACCOUNT_DATABRICKS_ACCOUNT_ID) = "nope": must be a Databricks account id: a lowercase UUID like 0a1b2c3d-0000-4000-8000-000000000000',
    ]);
  });

  test("no environment may be called account (its stacks would match 'account-*')", () => {
    expect(errors(() => loadConfig([{ ...ENVIRONMENT_CONFIGS[0], name: "account" }], account, {}))).toEqual([
      'account: name = "account": is reserved for the account-level stacks (account-*)',
    ]);
  });
});
