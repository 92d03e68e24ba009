// The `network` section's checks (crossFieldProblems in checks.ts runs them): each module's validator, under `network`.
import { ContextValues } from "../modules/core/context";
import { awsResourceIdListProblems, awsResourceIdProblems } from "../modules/core/ids";
import { Problem, underPath } from "../modules/core/problems";
import { isRecord } from "../modules/core/shape";
import { connectivityProblems } from "../modules/network";
import { isolatedBackendProblems } from "../modules/network/isolated";
import { existingNetworkProblems, workspaceVpcProblems } from "../modules/network/validation";
import { clientCidrProblems, existingPrivateLinkProblems, privateLinkProblems } from "../modules/privatelink";
import type { Environment, PrivateLinkConfig } from "./schema";

/** Network problems that say something about the region: not reported when the region itself was rejected. */
export function regionDependent(p: Problem): boolean {
  return /\bregion\b/.test(p.message) && (p.path.startsWith("network.availabilityZones[") || p.path === "network.privateLink")
    || p.path === "network.restrictiveEndpointPolicies";
}

/** With the region rejected: the region the first availability zone names, so the VPC layout is still checked. */
export function regionOfZones(net: Environment["network"]): string {
  const zone = net?.mode === "create" && Array.isArray(net.availabilityZones) ? net.availabilityZones[0] : undefined;
  return typeof zone === "string" ? zone.replace(/[a-z]$/, "") : "us-east-1";
}

export function networkProblems(net: Environment["network"], ctx: ContextValues): Problem[] {
  if (!isRecord(net) || net.mode === "databricks-managed") return []; // not an object: the schema reports it
  if (net.mode === "existing") {
    return underPath("network", [...existingNetworkProblems(net), ...(net.privateLink ? underPath("privateLink", existingPrivateLinkProblems(net.privateLink, ctx)) : [])]);
  }
  const problems = underPath("network", workspaceVpcProblems(net, ctx).problems);
  problems.push(...underPath("network", connectivityProblems(net)));
  if (net.privateLink) problems.push(...privateLinkConfigProblems(ctx.region, net.privateLink));
  problems.push(...underPath("network", isolatedBackendProblems(net)));
  return problems;
}

function privateLinkConfigProblems(region: string, pl: PrivateLinkConfig): Problem[] {
  const at = "network.privateLink";
  const problems = privateLinkProblems(region, at);
  const fe = pl.frontend;
  if (!fe) return problems;
  problems.push(...underPath(`${at}.frontend`, clientCidrProblems(fe.clientCidrs)));
  if (fe.transitVpc) {
    problems.push(...underPath(`${at}.frontend.transitVpc`, [
      ...awsResourceIdProblems("vpcId", fe.transitVpc.vpcId, "vpc"),
      ...awsResourceIdListProblems("subnetIds", fe.transitVpc.subnetIds, "subnet", { min: 1, why: "the subnets of the transit VPC that hold the front-end endpoint" }),
    ]));
  } else if (pl.backend && fe.inboundResolver) {
    problems.push({ path: `${at}.frontend.inboundResolver`, value: true,
      message: "needs frontend.transitVpc when back-end PrivateLink is on: the front end then shares the back-end REST endpoint and gets no endpoint (or resolver) of its own" });
  }
  return problems;
}
