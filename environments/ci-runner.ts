import type { Problem } from "../modules/core/problems";
import type { Environment } from "./schema";

/**
 * The labels of GitHub's standard hosted runners (`ubuntu-latest`, `ubuntu-24.04`, `windows-2025`, `macos-15`,
 * `ubuntu-24.04-arm`…): their egress addresses change and are shared, so no IP access list can name them
 * (https://docs.github.com/en/actions/using-github-hosted-runners/about-github-hosted-runners). Larger runners with
 * a static IP range and self-hosted runners carry labels their owner picks.
 */
const GITHUB_HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|\d+(\.\d+)?)(-arm)?$/;

const why = (name: string) => `the shipped workflows (.github/workflows) plan and deploy ${name}-workspace-config on that runner, and once the lists are on Databricks answers every call from outside them with 403 (and refuses the lists themselves with 400 INVALID_STATE)`;

/**
 * An environment whose IP access lists the shipped workflows deploy (state in S3: CI skips local-state stacks) must
 * name a runner whose egress is in `ipAccessLists.deployerCidrs`: not a GitHub-hosted one (docs/ci.md, "IP access
 * lists and the runner"). Paths are the environment's.
 */
export function ciRunnerProblems(env: Pick<Environment, "name" | "state" | "workspaceConfig">): Problem[] {
  const wc = env.workspaceConfig;
  if (!wc?.ipAccessLists || env.state?.backend !== "s3") return [];
  const runsOn = wc.runsOn;
  if (runsOn === undefined) {
    return [{ path: "workspaceConfig.runsOn", value: undefined,
      message: `is required with workspaceConfig.ipAccessLists when state is in S3: ${why(env.name)}; name a runner whose egress is in ipAccessLists.deployerCidrs (self-hosted or a larger runner with static IPs), e.g. ["self-hosted", "databricks-deployer"], or keep the environment's state local (state.backend "local"), which CI does not deploy, and deploy from a workstation inside deployerCidrs (docs/ci.md)` }];
  }
  const labels = typeof runsOn === "string" ? [runsOn] : Array.isArray(runsOn) ? runsOn : [];
  const hosted = labels.find((l) => typeof l === "string" && GITHUB_HOSTED_LABEL.test(l));
  return hosted === undefined ? [] : [{ path: "workspaceConfig.runsOn", value: runsOn,
    message: `names the GitHub-hosted runner "${hosted}", whose egress changes and is not in ipAccessLists.deployerCidrs: ${why(env.name)}; name a self-hosted runner or a larger runner with static IPs inside deployerCidrs (docs/ci.md)` }];
}
