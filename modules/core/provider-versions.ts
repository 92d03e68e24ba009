import { TerraformProvider, TerraformStack } from "cdktf";
import type { Problem } from "./problems";

/**
 * The provider versions the prebuilt bindings were generated from: what the synthesized JSON pins by default.
 * @cdktf/provider-aws 20.1.0 = hashicorp/aws 5.100.0 (the one version this project validates offline with a real
 * `terraform plan`); @cdktf/provider-databricks 15.16.1 = databricks/databricks 1.99.0 (the last CDKTF bindings).
 */
export const BINDINGS_VERSIONS = { aws: "5.100.0", databricks: "1.99.0" } as const;

/** Config `providerVersions`: pin a newer provider at deploy time; the JSON is still generated from the bindings. */
export interface ProviderVersions {
  /** databricks/databricks to run, e.g. "1.132.0": 1.99.0 or newer, below 2.0.0. @default "1.99.0" */
  readonly databricks?: string;
  /** hashicorp/aws to run: 5.100.0 or newer, below 6.0.0 (only 5.100.0 is validated here). @default "5.100.0" */
  readonly aws?: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

function compare(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => SEMVER.exec(v)!.slice(1).map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Exact versions only (a plan must say what runs): at least the bindings' version, within its major. */
export function providerVersionProblems(versions: ProviderVersions | undefined, path = "providerVersions"): Problem[] {
  const problems: Problem[] = [];
  for (const name of ["databricks", "aws"] as const) {
    const v = versions?.[name];
    if (v === undefined) continue;
    const floor = BINDINGS_VERSIONS[name];
    const major = Number(floor.split(".")[0]);
    const allowed = `an exact version ${floor} or newer, below ${major + 1}.0.0 (e.g. "${name === "databricks" ? "1.132.0" : "5.100.0"}")`;
    if (!SEMVER.test(v)) problems.push({ path: `${path}.${name}`, value: v, message: `must be ${allowed}` });
    else if (compare(v, floor) < 0) problems.push({ path: `${path}.${name}`, value: v, message: `is older than the bindings' ${floor}: the JSON uses arguments that version may lack; must be ${allowed}` });
    else if (Number(v.split(".")[0]) !== major) problems.push({ path: `${path}.${name}`, value: v, message: `is a new major version with breaking changes the ${floor} bindings don't know; must be ${allowed}` });
  }
  return problems;
}

/** Sets `required_providers.<name>.version` in each stack that uses the provider (and only there). */
export function pinProviderVersions(stack: TerraformStack, versions: ProviderVersions | undefined): void {
  const used = new Set(stack.node.findAll().filter((c): c is TerraformProvider => c instanceof TerraformProvider).map((p) => p.terraformResourceType));
  for (const name of ["databricks", "aws"] as const) {
    const v = versions?.[name];
    if (v !== undefined && used.has(name)) stack.addOverride(`terraform.required_providers.${name}.version`, v);
  }
}
