import type { ContextValues } from "../core/context";
import { isRecord, listOf } from "../core/shape";
import { Problem, underPath } from "../core/problems";
import type { CustomerEndpointServiceConfig, ServerlessEgressProps } from "./props";

/** An S3 bucket name; a DNS name (no scheme, no path, optional leading `*.`). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** The provider's `^[0-9a-zA-Z-_]{3,30}$`, less the 9 characters of the generation suffix (`-<8 hex>`). */
const NCC_NAME = /^[0-9a-zA-Z-_]{3,21}$/;

/** Problems of a `serverlessEgress` section (paths relative to it); the default ids are checked too. */
export function serverlessEgressProblems(props: ServerlessEgressProps, ctx: Pick<ContextValues, "resourcePrefix"> & Partial<Pick<ContextValues, "region">>): Problem[] {
  const problems: Problem[] = [];
  const list = (path: string, values: readonly string[] | undefined, test: RegExp, what: string) => listOf(values).forEach((v, i) => {
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
  problems.push(...endpointRuleProblems(props, ctx));
  return problems;
}

const RULE_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Problems of one `endpointServices` entry (paths relative to it); the NLB and target group names are `<prefix>-<name>`, ≤ 32 characters (AWS). */
export function endpointServiceProblems(config: CustomerEndpointServiceConfig, ctx: Pick<ContextValues, "resourcePrefix">): Problem[] {
  const problems: Problem[] = [];
  const lbName = `${ctx.resourcePrefix}-${config.name}`;
  if (!RULE_NAME.test(config.name) || lbName.length > 32) {
    problems.push({ path: "name", value: config.name, message: `must be lowercase letters, digits or dashes, with <prefix>-<name> (${lbName}) at most 32 characters (AWS load balancer and target group names)` });
  }
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) problems.push({ path: "port", value: config.port, message: "must be a TCP port, 1 to 65535" });
  const targets = listOf(config.targets);
  if (!targets.length) problems.push({ path: "targets", value: config.targets, message: "must list at least one target IP address" });
  targets.forEach((ip, i) => {
    if (!IPV4.test(ip)) problems.push({ path: `targets[${i}]`, value: ip, message: "is not an IPv4 address (the target group's targets are IPs)" });
  });
  problems.push(...domainNameProblems(config.domainNames));
  return problems;
}

function domainNameProblems(names: readonly string[] | undefined): Problem[] {
  if (!Array.isArray(names) || !names.length) return [{ path: "domainNames", value: names, message: "must list at least one DNS name: serverless compute reaches a VPC endpoint service only through the names of the rule's domain_names" }];
  return names.flatMap((n, i) => (DNS_NAME.test(n) && !n.startsWith("*.") ? [] : [{ path: `domainNames[${i}]`, value: n, message: "is not a DNS name (like db.internal.example.com)" }]));
}

/** The rules' and the endpoint services' problems; every rule name (the construct ids) once. */
function endpointRuleProblems(props: ServerlessEgressProps, ctx: Pick<ContextValues, "resourcePrefix"> & Partial<Pick<ContextValues, "region">>): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  const named = (path: string, name: string) => {
    if (seen.has(name)) problems.push({ path: `${path}.name`, value: name, message: `is also the name of ${seen.get(name)}; rule names must be unique` });
    else seen.set(name, path);
  };
  listOf(props.privateEndpointRules).forEach((rule, i) => {
    if (!isRecord(rule)) return; // the schema reports it
    const at = `privateEndpointRules[${i}]`;
    named(at, rule.name);
    if (!RULE_NAME.test(rule.name)) problems.push({ path: `${at}.name`, value: rule.name, message: "must be 1 to 32 lowercase letters, digits or dashes" });
    const service = new RegExp(`^com\\.amazonaws\\.vpce\\.${ctx.region ?? "[a-z0-9-]+"}\\.vpce-svc-[0-9a-f]{17}$`);
    if (!service.test(rule.endpointService)) {
      problems.push({ path: `${at}.endpointService`, value: rule.endpointService, message: `must be a VPC endpoint service name in the NCC's region, com.amazonaws.vpce.${ctx.region ?? "<region>"}.vpce-svc-<17 hex digits> (S3: use s3PrivateEndpoint)` });
    }
    problems.push(...underPath(at, domainNameProblems(rule.domainNames)));
  });
  listOf(props.endpointServices).forEach((config, i) => {
    if (!isRecord(config)) return; // the schema reports it
    named(`endpointServices[${i}]`, config.name);
    problems.push(...underPath(`endpointServices[${i}]`, endpointServiceProblems(config, ctx)));
  });
  if (props.s3PrivateEndpointEnabled && !props.s3PrivateEndpoint) {
    problems.push({ path: "s3PrivateEndpointEnabled", value: true, message: "needs s3PrivateEndpoint: there is no S3 rule to enable" });
  }
  return problems;
}
