/**
 * The isolated egress mode of {@link WorkspaceVpc} (`egress: "isolated"`): no public subnets, internet gateway or
 * NAT, no route to 0.0.0.0/0. Clusters reach the control plane through back-end PrivateLink and AWS through the S3
 * gateway and the STS/Kinesis interface endpoints — the SRA's default network ("isolated",
 * databricks/terraform-databricks-sra:aws/tf/network.tf) and the "fully private" option of Databricks' PrivateLink
 * docs (https://docs.databricks.com/aws/en/security/network/classic/privatelink).
 */
import type { Problem } from "../core/problems";
import { databricksValidatedNaclRules, type NaclRule } from "./rules";

/** How cluster subnets reach beyond the VPC: `nat` (NAT gateways, 0.0.0.0/0 egress) or `isolated` (endpoints only). */
export const EGRESS_MODES = ["nat", "isolated"] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];

/**
 * The SRA's compute-group egress in an isolated VPC: the Databricks ports to the VPC CIDR (where the PrivateLink and
 * interface endpoints are) and 443 to the S3 prefix list (the gateway endpoint); never 0.0.0.0/0.
 * SRA `aws/tf/network.tf`: `cidr_blocks = [var.vpc_cidr_range]` for `sg_egress_ports`, 443 to `data.aws_prefix_list.s3`.
 */
export const ISOLATED_S3_EGRESS = { id: "s3-https", fromPort: 443, toPort: 443, purpose: "S3 through the gateway endpoint (the region's S3 prefix list)" } as const;

/**
 * NACL of the cluster subnets in an isolated VPC: exactly what Databricks validates at workspace creation
 * (`databricksValidatedNaclRules`: ingress all from 0.0.0.0/0, egress all to the VPC and TCP 443, 3306, 6666,
 * 8443-8451 to 0.0.0.0/0), or the workspace is refused. With no route beyond the VPC but the S3 prefix list's, those
 * rules reach nothing on the internet; what the NACL still drops is every other protocol and port leaving the VPC
 * (towards peered networks or transit gateways, for instance).
 */
export function isolatedNaclRules(): NaclRule[] {
  return databricksValidatedNaclRules();
}

/** The fields of a VPC's props the isolated mode constrains. */
export interface EgressFields {
  readonly egress?: EgressMode;
  readonly natGateways?: string;
  readonly publicSubnetCidrs?: readonly string[];
  readonly publicSubnetNetmask?: number;
  readonly legacyHiveMetastore?: boolean;
  readonly internetEgressReason?: string;
  readonly privateLink?: object;
}

/** Problems of the egress fields of a VPC's props: what the isolated mode has no use for, or lacks. */
export function egressProblems(props: EgressFields): Problem[] {
  const problems: Problem[] = [];
  const isolated = props.egress === "isolated";
  const reason = props.internetEgressReason;
  if (reason !== undefined && reason.trim().length < 10) {
    problems.push({ path: "internetEgressReason", value: reason, message: "must be at least 10 characters saying why this network keeps a route to the internet" });
  }
  if (!isolated) return problems;
  const unused = (path: string, value: unknown, what: string) =>
    problems.push({ path, value, message: `has no effect with egress "isolated" (${what}); remove it` });
  if (props.natGateways !== undefined) unused("natGateways", props.natGateways, "no NAT gateways");
  if (props.publicSubnetCidrs !== undefined) unused("publicSubnetCidrs", props.publicSubnetCidrs, "no public subnets");
  if (props.publicSubnetNetmask !== undefined) unused("publicSubnetNetmask", props.publicSubnetNetmask, "no public subnets");
  if (reason !== undefined) unused("internetEgressReason", reason, "there is no route to the internet to explain");
  if (props.legacyHiveMetastore) {
    problems.push({ path: "legacyHiveMetastore", value: true, message: 'cannot be used with egress "isolated": the legacy Hive metastore is reached over the internet (use Unity Catalog)' });
  }
  if (!props.privateLink) {
    problems.push({ path: "privateLink", value: undefined,
      message: 'is required with egress "isolated": clusters reach the control plane only through back-end PrivateLink (set privateLink: { backend: true })' });
  }
  return problems;
}

/**
 * The environment-level rule the VPC construct cannot see: the isolated mode needs the back-end PrivateLink
 * endpoints (the config's `privateLink.backend`), or clusters cannot reach the control plane at all.
 */
export function isolatedBackendProblems(net: { readonly egress?: EgressMode; readonly privateLink?: { readonly backend?: boolean } }): Problem[] {
  if (net.egress !== "isolated" || !net.privateLink || net.privateLink.backend === true) return [];
  return [{ path: "privateLink.backend", value: net.privateLink.backend,
    message: 'must be true with egress "isolated": without NAT, clusters reach the REST API and the SCC relay only through back-end PrivateLink' }];
}
