/** What an environment says about itself that decides whether it is production. */
export interface ProductionSignals {
  /** Environment name, e.g. `prod`. */
  readonly name: string;
  /** The environment's tags; `Environment` is one of the required tags. @default - no tags */
  readonly tags?: Readonly<Record<string, string>>;
  /** The environment protects its data from destroy (prevent_destroy). @default false */
  readonly protectData?: boolean;
}

const PRODUCTION_NAME = /^(prod|prd|production)([-_.\s].*)?$/i;

/**
 * Whether an environment is production, for the guardrails' production-only rules. An environment is production
 * when it protects its data (`protectData`: it declares data that must not be lost, which is what makes it
 * production), or when its name or its `Environment` tag says so (`prod`, `prd`, `production`, `prod-eu`...).
 * Either signal suffices, so the decision fails closed: mistaking a staging environment for production costs a
 * flow log; mistaking production for staging would silently drop its network audit trail. Nothing new to
 * configure: both signals already exist in every environment and are validated.
 */
export function isProductionEnvironment(env: ProductionSignals): boolean {
  return env.protectData === true || PRODUCTION_NAME.test(env.name) || PRODUCTION_NAME.test(env.tags?.Environment ?? "");
}
