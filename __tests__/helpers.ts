import { Testing } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext, DeploymentContextProps } from "../modules/core/context";

export type Json = Record<string, any>;

/** Synthesizes whatever `build` adds to a fresh test stack, parsed. */
export function synthJson(build: (scope: Construct) => void): Json {
  return JSON.parse(Testing.synthScope(build));
}

/** All blocks of one resource type, in declaration order. */
export function resources(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The block of `type` whose logical id contains `fragment` (ids carry a hash suffix). */
export function resource(json: Json, type: string, fragment: string): Json {
  const match = Object.entries(json.resource?.[type] ?? {}).filter(([id]) => id.includes(fragment));
  if (match.length !== 1) throw new Error(`expected one ${type} matching "${fragment}", found ${match.length}`);
  return match[0][1] as Json;
}

/** `${aws_x.<id>.attr}` reference to the block of `type` whose id contains `fragment`. */
export function refTo(json: Json, type: string, fragment: string, attr = "id"): string {
  const id = Object.keys(json.resource?.[type] ?? {}).find((k) => k.includes(fragment));
  return `\${${type}.${id}.${attr}}`;
}

/** The deployment context construct tests use unless they override a field. */
export const TEST_CONTEXT = {
  resourcePrefix: "dbx-test", region: "us-east-1", awsAccountId: "123456789012", databricksAccountId: "0a1b2c3d-0000-4000-8000-000000000000",
} as const;

/**
 * Creates the DeploymentContext every construct looks up, with TEST_CONTEXT's values unless overridden, and no
 * required tags (construct tests leave tags out; context.test.ts checks the default).
 */
export function withContext(scope: Construct, overrides: Partial<DeploymentContextProps> = {}): DeploymentContext {
  return new DeploymentContext(scope, { ...TEST_CONTEXT, requiredTags: [], ...overrides });
}
