import { App } from "cdktf";
import type { AccountConfig } from "../environments/account-schema";
import { ConfigError } from "../environments/problems";
import type { Environment } from "../environments/schema";
import { ValidationError } from "../modules/core/problems";
import { synthReport } from "../modules/guardrails";
import { addAccountStacks, addEnvironmentStacks, guardrailConfigFields, nameCollisionProblems } from "./app";
import { commitOutput, createStaging, stagingDir } from "./output";

/** What a synth printed and whether it failed; on failure `outdir` got nothing. */
export interface SynthResult {
  readonly failed: boolean;
  /** Guardrail report, name collisions or a construct's ValidationError: for stderr; empty when nothing to say. */
  readonly text: string;
}

/**
 * Builds every stack of the validated config, checks what the config checks cannot see (names the constructs derive
 * that collide, guardrail findings) and writes cdktf.out only when all passed. cdktf writes while it synthesizes,
 * before the guardrails' verdict: the app synthesizes into a staging directory whose files move into `outdir` on
 * success, so a failing synth leaves the last good output as it was.
 */
export function synthesize(config: { environments: readonly Environment[]; account?: AccountConfig }, outdir: string): SynthResult {
  const staging = stagingDir(outdir);
  const discard = createStaging(staging);
  let written = false;
  // Synthesize every stack even past error annotations (the cdktf CLI sets this too, then reads the manifest), so the
  // report lists every guardrail finding of every stack at once; `failed` still fails the synth.
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS ??= "true";
  try {
    // stackTraces: false drops the per-construct traces from the metadata too; they never reach cdk.tf.json.
    const app = new App({ stackTraces: false, outdir: staging });
    addEnvironmentStacks(app, config.environments, config.account);
    addAccountStacks(app, config.account);
    const collisions = nameCollisionProblems(app, config.environments, config.account);
    if (collisions.length > 0) throw new ConfigError(collisions);
    app.synth();
    const report = synthReport(app, guardrailConfigFields(config.environments));
    if (!report.failed) commitOutput(staging, outdir);
    written = !report.failed;
    return report;
  } catch (err) {
    // A construct rejecting its props (the config checks catch most of these first): say what, not where.
    if (!(err instanceof ValidationError || err instanceof ConfigError)) throw err;
    return { failed: true, text: err.message };
  } finally {
    if (!written) discard();
  }
}
