// Checks shared with the account-level config (state), or across it and the environments (the metastore link).
import { SUPPORTED_REGIONS } from "../modules/core/constants";
import { bucketNameProblems } from "../modules/core/bucket-name";
import { unknownRegionMessage } from "../modules/core/ids";
import { Problem } from "../modules/core/problems";
import type { Environment } from "./schema";

/** Problems with a `state` section (shared with the account-level config). */
export function stateProblems(state: Environment["state"]): Problem[] {
  if (state?.backend !== "s3") return [];
  const problems = bucketNameProblems(state.bucket, "state.bucket");
  if (state.region !== undefined && !SUPPORTED_REGIONS.includes(state.region)) {
    problems.push({ path: "state.region", value: state.region, message: unknownRegionMessage() });
  }
  return problems;
}

/**
 * Problems across the environments and the account config (issue 12): an environment with a catalog needs the
 * account config's metastore in its region (one metastore per region per account). Run on raw, unvalidated input.
 */
export function metastoreLinkProblems(environments: readonly unknown[], account: unknown): Array<{ environment: string; problem: Problem }> {
  const uc = (account as { unityCatalog?: unknown; region?: unknown } | undefined);
  const found: Array<{ environment: string; problem: Problem }> = [];
  for (const raw of environments) {
    const env = raw as { name?: unknown; region?: unknown; unityCatalog?: unknown };
    if (!env || typeof env !== "object" || !env.unityCatalog || typeof env.name !== "string") continue;
    if (!uc?.unityCatalog) {
      found.push({ environment: env.name, problem: { path: "unityCatalog", value: undefined,
        message: "needs a metastore: set unityCatalog.metastore in the account config (environments/account.ts), { id } of the region's metastore or { name } to create one" } });
    } else if (env.region !== uc.region) {
      found.push({ environment: env.name, problem: { path: "region", value: env.region,
        message: `differs from the account config's region ${JSON.stringify(uc.region)}, whose metastore it would be assigned (a metastore serves one region)` } });
    }
  }
  return found;
}
