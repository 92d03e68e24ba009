import type { ContextValues } from "../core/context";
import type { Problem } from "../core/problems";
import type { ServerlessEgressProps } from "./serverless-egress";

/** An S3 bucket name; a DNS name (no scheme, no path, optional leading `*.`). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** The provider's `^[0-9a-zA-Z-_]{3,30}$`, less the 9 characters of the generation suffix (`-<8 hex>`). */
const NCC_NAME = /^[0-9a-zA-Z-_]{3,21}$/;

/** Problems of a `serverlessEgress` section (paths relative to it); the default ids are checked too. */
export function serverlessEgressProblems(props: ServerlessEgressProps, ctx: Pick<ContextValues, "resourcePrefix">): Problem[] {
  const problems: Problem[] = [];
  const list = (path: string, values: readonly string[] | undefined, test: RegExp, what: string) => (values ?? []).forEach((v, i) => {
    if (!test.test(v)) problems.push({ path: `${path}[${i}]`, value: v, message: `is not ${what}` });
  });
  list("allowedInternetDestinations", props.allowedInternetDestinations, DNS_NAME, "a DNS name (like pypi.org; no scheme, port or path)");
  list("allowedStorageBuckets", props.allowedStorageBuckets, BUCKET, "an S3 bucket name");
  const policyId = props.networkPolicyId ?? `${ctx.resourcePrefix}-np`;
  if (!/^[a-z0-9][a-z0-9-_]{0,31}$/i.test(policyId)) {
    problems.push({ path: "networkPolicyId", value: policyId, message: "must be 1 to 32 letters, digits, dashes or underscores (set networkPolicyId when the default <prefix>-np is longer)" });
  }
  const nccName = props.nccName ?? `${ctx.resourcePrefix}-ncc`;
  if (!NCC_NAME.test(nccName)) {
    problems.push({ path: "nccName", value: nccName, message: "must be 3 to 21 letters, digits, - or _ (the provider allows 30; a -<8 hex> generation suffix follows); set nccName when the default <prefix>-ncc is longer" });
  }
  if (props.restrictionMode === "FULL_ACCESS" && (props.allowedInternetDestinations?.length || props.allowedStorageBuckets?.length)) {
    problems.push({ path: "restrictionMode", value: "FULL_ACCESS", message: "allows every destination: the allow-lists only apply with RESTRICTED_ACCESS" });
  }
  return problems;
}
