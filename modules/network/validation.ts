import type { IPv4CidrRange } from "ip-num";
import { REGIONS } from "../core/constants";
import type { ContextValues } from "../core/context";
import { awsResourceIdListProblems, awsResourceIdProblems } from "../core/ids";
import { logRetentionProblems } from "../core/log-retention";
import type { Problem } from "../core/problems";
import { addressCount, blockAt, overlaps, parseCidr, prefixOf, within } from "../core/cidr";
import { underPath } from "../core/problems";
import { endpointAllowListProblems } from "./endpoint-allow-lists";
import { egressProblems } from "./isolated";
import type { ExistingNetworkProps, WorkspaceVpcProps } from "./props";
import { NETWORK_DEFAULTS } from "./props";

/** AWS VPC CIDR limits (VPC User Guide, "VPC CIDR blocks"). */
export const VPC_PREFIX = { min: 16, max: 28 } as const;
/**
 * Databricks workspace subnet netmask. The provider's mws_networks doc (older) says /17–/25; Databricks'
 * current customer-managed VPC guidance says /17–/26. We allow /26: it is the newer, documented limit and the
 * narrower /25 would reject valid small POC layouts. (databricks/terraform-provider-databricks:docs/resources/mws_networks.md; https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc)
 */
export const WORKSPACE_SUBNET_PREFIX = { min: 17, max: 26 } as const;
/** AWS subnet size limits; the public subnets only hold NAT gateways. */
export const PUBLIC_SUBNET_PREFIX = { min: 16, max: 28 } as const;

export interface SubnetLayout {
  readonly privateSubnetCidrs: readonly string[];
  readonly publicSubnetCidrs: readonly string[];
  /** Empty without PrivateLink subnets. */
  readonly privateLinkSubnetCidrs: readonly string[];
}

function problem(path: string, value: unknown, message: string): Problem {
  return { path, value, message };
}

/** At least 2 distinct availability zones of `region` (the context's; the context itself rejects unknown regions). */
export function availabilityZoneProblems(region: string, zones: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(zones)) return problems; // the schema reports it
  if (zones.length < 2) {
    problems.push(problem("availabilityZones", zones, "Databricks needs subnets in at least 2 availability zones"));
  }
  const azShape = new RegExp(`^${region.replace(/[-]/g, "\\-")}[a-z]$`);
  zones.forEach((zone, i) => {
    if (typeof zone !== "string") return; // the schema reports it
    if (!azShape.test(zone)) {
      problems.push(problem(`availabilityZones[${i}]`, zone, `is not an availability zone of region ${region} (expected ${region}a, ${region}b, …)`));
    } else if (zones.indexOf(zone) !== i) {
      problems.push(problem(`availabilityZones[${i}]`, zone, "is listed twice; Databricks allows one workspace subnet per availability zone"));
    }
  });
  return problems;
}

function intInRange(path: string, value: number, range: { min: number; max: number }, what: string): Problem[] {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    return [problem(path, value, `${what} must be an integer from ${range.min} to ${range.max} (/${range.min} to /${range.max})`)];
  }
  return [];
}

/**
 * How many availability zones' public subnets the end of the VPC keeps room for before the PrivateLink subnets
 * start, so adding an AZ (AWS regions have up to 6) never moves an existing subnet.
 */
export const TAIL_RESERVED_AZS = 6;

interface SubnetGroup {
  readonly key: "privateSubnetCidrs" | "publicSubnetCidrs" | "privateLinkSubnetCidrs";
  readonly label: string;
  readonly netmask: number;
  readonly explicit?: readonly string[];
  readonly allowed: { min: number; max: number };
  /** Computed placement: blocks counted from the start, or from the end after skipping `skipBlocks`. */
  readonly fromEnd: boolean;
  readonly skipBlocks: number;
}

/**
 * Every problem with the props of a VPC to create, in the context's region; the subnet layout when there are none.
 * Paths are relative to the props (`privateLink.subnetCidrs[1]`).
 */
export function workspaceVpcProblems(props: WorkspaceVpcProps, ctx: Pick<ContextValues, "region">): { problems: Problem[]; layout?: SubnetLayout } {
  const problems = availabilityZoneProblems(ctx.region, props.availabilityZones);
  if (!Array.isArray(props.availabilityZones)) return { problems }; // the schema reports it: no layout without zones
  const azCount = props.availabilityZones.length;
  const privateNetmask = props.privateSubnetNetmask ?? NETWORK_DEFAULTS.privateSubnetNetmask;
  const publicNetmask = props.publicSubnetNetmask ?? NETWORK_DEFAULTS.publicSubnetNetmask;
  const pl = props.privateLink;
  const plNetmask = pl?.subnetNetmask ?? NETWORK_DEFAULTS.privateLinkSubnetNetmask;
  problems.push(...intInRange("privateSubnetNetmask", privateNetmask, WORKSPACE_SUBNET_PREFIX, "workspace subnet netmask"));
  problems.push(...intInRange("publicSubnetNetmask", publicNetmask, PUBLIC_SUBNET_PREFIX, "public subnet netmask"));
  if (pl) problems.push(...intInRange("privateLink.subnetNetmask", plNetmask, PUBLIC_SUBNET_PREFIX, "PrivateLink subnet netmask"));

  problems.push(...logRetentionProblems("flowLogs.retentionInDays", props.flowLogs?.retentionInDays));
  problems.push(...egressProblems(props));
  if (props.endpointAllowLists) {
    problems.push(...underPath("endpointAllowLists", endpointAllowListProblems(props.endpointAllowLists, ctx.region)));
    if (props.restrictiveEndpointPolicies === false) {
      problems.push(problem("endpointAllowLists", props.endpointAllowLists, "has no effect with restrictiveEndpointPolicies: false (AWS' default endpoint policies allow everything)"));
    }
  }
  if (props.restrictiveEndpointPolicies !== false && REGIONS[ctx.region]?.partition === "aws-us-gov") {
    problems.push(problem("restrictiveEndpointPolicies", props.restrictiveEndpointPolicies ?? true,
      "restrictive endpoint policies are not available in GovCloud yet (Databricks' GovCloud bucket names are unverified); set it to false"));
  }

  const vpc = parseCidr(props.vpcCidr);
  if ("error" in vpc) {
    problems.push(problem("vpcCidr", props.vpcCidr, vpc.error));
    return { problems };
  }
  const vpcPrefix = prefixOf(vpc.range);
  if (vpcPrefix < VPC_PREFIX.min || vpcPrefix > VPC_PREFIX.max) {
    problems.push(problem("vpcCidr", props.vpcCidr, `prefix /${vpcPrefix} is outside what AWS allows for a VPC (/${VPC_PREFIX.min} to /${VPC_PREFIX.max})`));
    return { problems };
  }
  if (problems.length > 0) return { problems };

  // Computed layout: private subnets from the start of the VPC, public ones from its end, PrivateLink ones below
  // a tail kept for TAIL_RESERVED_AZS public subnets. Adding an AZ appends a subnet to each group and moves none.
  const groups: SubnetGroup[] = [
    { key: "privateSubnetCidrs", label: "private", netmask: privateNetmask, explicit: props.privateSubnetCidrs, allowed: WORKSPACE_SUBNET_PREFIX, fromEnd: false, skipBlocks: 0 },
    { key: "publicSubnetCidrs", label: "public", netmask: publicNetmask, explicit: props.publicSubnetCidrs, allowed: PUBLIC_SUBNET_PREFIX, fromEnd: true, skipBlocks: 0 },
    ...(pl ? [{
      key: "privateLinkSubnetCidrs" as const, label: "PrivateLink", netmask: plNetmask, explicit: pl.subnetCidrs, allowed: PUBLIC_SUBNET_PREFIX, fromEnd: true,
      skipBlocks: Math.ceil((TAIL_RESERVED_AZS * addressCount(publicNetmask)) / addressCount(plNetmask)),
    }] : []),
  ];
  const explicitPath = (g: SubnetGroup) => (g.key === "privateLinkSubnetCidrs" ? "privateLink.subnetCidrs" : g.key);
  for (const g of groups) {
    if (g.explicit) explicitSubnets(explicitPath(g), g.explicit, azCount, g.allowed, vpc.range, props.vpcCidr, problems);
  }
  if (problems.length > 0) return { problems };

  // Too small: the computed groups must fit side by side (start region + end region).
  const needed = (fromEnd: boolean) => Math.max(0, ...groups.filter((g) => !g.explicit && g.fromEnd === fromEnd)
    .map((g) => (g.skipBlocks + azCount) * addressCount(g.netmask)));
  if (needed(false) + needed(true) > addressCount(vpcPrefix)) {
    const parts = groups.filter((g) => !g.explicit).map((g) => `${azCount} ${g.label} /${g.netmask}`);
    const asked = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
    problems.push(problem("vpcCidr", props.vpcCidr,
      `is too small for the subnets asked for: ${asked} subnets need ${(needed(false) + needed(true)).toLocaleString("en-US")} addresses` +
      `${pl ? ` (PrivateLink subnets sit below room kept for ${TAIL_RESERVED_AZS} AZs' public subnets)` : ""}, ` +
      `the VPC has ${addressCount(vpcPrefix).toLocaleString("en-US")}`));
    return { problems };
  }
  const cidrsOf = (g: SubnetGroup) => g.explicit ? [...g.explicit]
    : props.availabilityZones.map((_, i) => blockAt(vpc.range, g.netmask, g.skipBlocks + i, g.fromEnd).toCidrString());
  const layout: SubnetLayout = {
    privateSubnetCidrs: cidrsOf(groups[0]),
    // Computed even when isolated (then unused), so the PrivateLink subnets don't move between the modes.
    publicSubnetCidrs: props.egress === "isolated" ? [] : cidrsOf(groups[1]),
    privateLinkSubnetCidrs: pl ? cidrsOf(groups[2]) : [],
  };
  problems.push(...overlapProblems(layout));
  return problems.length > 0 ? { problems } : { problems, layout };
}

function explicitSubnets(
  path: string, cidrs: readonly string[], azCount: number, allowed: { min: number; max: number },
  vpc: IPv4CidrRange, vpcCidr: string, problems: Problem[],
): void {
  if (cidrs.length !== azCount) {
    problems.push(problem(path, cidrs, `needs exactly one CIDR per availability zone (${azCount}), got ${cidrs.length}`));
  }
  cidrs.forEach((cidr, i) => {
    const parsed = parseCidr(cidr);
    if ("error" in parsed) {
      problems.push(problem(`${path}[${i}]`, cidr, parsed.error));
      return;
    }
    const prefix = prefixOf(parsed.range);
    if (prefix < allowed.min || prefix > allowed.max) {
      problems.push(problem(`${path}[${i}]`, cidr, `netmask /${prefix} is outside /${allowed.min} to /${allowed.max}`));
    } else if (!within(parsed.range, vpc)) {
      problems.push(problem(`${path}[${i}]`, cidr, `is outside the VPC CIDR ${vpcCidr}`));
    }
  });
}

/** Subnets must not overlap each other (computed ones never do; explicit or mixed ones may). */
function overlapProblems(layout: SubnetLayout): Problem[] {
  const all = [
    ...layout.privateSubnetCidrs.map((cidr, i) => ({ path: `privateSubnetCidrs[${i}]`, cidr })),
    ...layout.publicSubnetCidrs.map((cidr, i) => ({ path: `publicSubnetCidrs[${i}]`, cidr })),
    ...layout.privateLinkSubnetCidrs.map((cidr, i) => ({ path: `privateLink.subnetCidrs[${i}]`, cidr })),
  ].map((s) => ({ ...s, range: (parseCidr(s.cidr) as { range: IPv4CidrRange }).range }));
  const problems: Problem[] = [];
  all.forEach((a, i) => {
    const clash = all.slice(0, i).find((b) => overlaps(b.range, a.range));
    if (clash) problems.push(problem(a.path, a.cidr, `overlaps ${clash.path} (${clash.cidr})`));
  });
  return problems;
}

/** Problems with the ids of a network the user already has. */
export function existingNetworkProblems(props: ExistingNetworkProps): Problem[] {
  return [
    ...awsResourceIdProblems("vpcId", props.vpcId, "vpc"),
    ...awsResourceIdListProblems("privateSubnetIds", props.privateSubnetIds, "subnet",
      { min: 2, max: 16, why: "Databricks needs private subnets in at least 2 availability zones" }),
    ...awsResourceIdListProblems("securityGroupIds", props.securityGroupIds, "sg", { min: 1, max: 5, why: "a workspace takes 1 to 5 security groups" }),
  ];
}
