import { Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { loadConfig, loadEnvironments } from "../../environments";
import { account } from "../../environments/account";
import { dev } from "../../environments/dev";
import { BINDINGS_VERSIONS, providerVersionProblems } from "../../modules/core/provider-versions";
import { addAccountStacks, addEnvironmentStacks } from "../../stacks/app";
import { Json } from "../helpers";
import { sharedSynthDir } from "../app-synth";

const versionsOf = (json: Json) =>
  Object.fromEntries(Object.entries(json.terraform.required_providers as Record<string, { version: string }>).map(([k, v]) => [k, v.version]));

describe("providerVersions", () => {
  test("by default every stack pins the bindings' versions: aws 5.100.0, databricks 1.99.0", () => {
    const dir = path.join(sharedSynthDir(), "stacks");
    for (const stack of fs.readdirSync(dir)) {
      const versions = versionsOf(JSON.parse(fs.readFileSync(path.join(dir, stack, "cdk.tf.json"), "utf8")));
      // Every stack has AWS resources (workspace-config: the Unity Catalog storage).
      expect([stack, versions.aws]).toEqual([stack, "5.100.0"]);
      if (versions.databricks) expect([stack, versions.databricks]).toEqual([stack, "1.99.0"]);
    }
    expect(BINDINGS_VERSIONS).toEqual({ aws: "5.100.0", databricks: "1.99.0" });
  });

  test("a pin reaches every stack that uses the provider, and only those", () => {
    const app = Testing.app();
    const pins = { databricks: "1.132.0", aws: "5.100.0" };
    addEnvironmentStacks(app, loadEnvironments([{ ...dev, providerVersions: pins }] as never, {}));
    addAccountStacks(app, loadConfig([], { ...account, providerVersions: { databricks: "1.115.0" } }, {}).account);
    const synthed = Object.fromEntries(app.node.children.map((s) => [s.node.id, versionsOf(JSON.parse(Testing.synth(s as never)))]));
    expect(synthed).toEqual({
      "dev-state": { aws: "5.100.0" },
      "dev-workspace": { aws: "5.100.0", databricks: "1.132.0", time: "0.13.1" },
      "dev-workspace-config": { aws: "5.100.0", databricks: "1.132.0", time: "0.13.1" },
      "account-state": { aws: "5.100.0" },
      "account-logs": { aws: "5.100.0", databricks: "1.115.0", time: "0.13.1" },
    });
  });

  test("only exact versions within the bindings' major, not older than the bindings", () => {
    expect(providerVersionProblems({ databricks: "1.132.0", aws: "5.101.2" })).toEqual([]);
    expect(providerVersionProblems({ databricks: "~> 1.132", aws: "4.67.0" }).map((p) => `${p.path} = ${p.value}: ${p.message}`)).toEqual([
      'providerVersions.databricks = ~> 1.132: must be an exact version 1.99.0 or newer, below 2.0.0 (e.g. "1.132.0")',
      "providerVersions.aws = 4.67.0: is older than the bindings' 5.100.0: the JSON uses arguments that version may lack; must be an exact version 5.100.0 or newer, below 6.0.0 (e.g. \"5.100.0\")",
    ]);
    expect(providerVersionProblems({ databricks: "2.0.0" })[0].message).toBe(
      "is a new major version with breaking changes the 1.99.0 bindings don't know; must be an exact version 1.99.0 or newer, below 2.0.0 (e.g. \"1.132.0\")",
    );
  });
});
