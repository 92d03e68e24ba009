/**
 * The `serverlessEgress` section's types, apart from the construct so that the validator and the construct both
 * import them (no import circle between serverless-egress.ts and validation.ts).
 */

/**
 * A private endpoint rule of the network connectivity configuration to your own service: a VPC endpoint service (an
 * NLB in front of RDS, Kafka, an internal Git or API) reached by its DNS names (`domain_names`, required on AWS with a
 * customer endpoint service: provider 1.99 docs/resources/mws_ncc_private_endpoint_rule.md).
 */
export interface EndpointServiceRule {
  /** Rule key (the construct id): 1 to 32 lowercase letters, digits or dashes. */
  readonly name: string;
  /** The endpoint service's name, `com.amazonaws.vpce.<region>.vpce-svc-<17 hex>` (ForceNew). */
  readonly endpointService: string;
  /**
   * The names serverless compute resolves to the endpoint (e.g. `db.internal.example.com`). Updated in place; the
   * provider's update also sends `enabled` (meant for S3 rules) in its mask, so try a change on a non-production rule first.
   */
  readonly domainNames: readonly string[];
}

/**
 * A customer endpoint service this project creates in the environment's VPC (modules/serverless CustomerEndpointService):
 * an internal NLB on `port` forwarding TCP to `targets` (IP addresses), a VPC endpoint service over it that allows
 * the Databricks serverless private-connectivity role, and the matching NCC rule to `domainNames`.
 */
export interface CustomerEndpointServiceConfig {
  /** Names the NLB, target group and rule: 1 to 20 lowercase letters, digits or dashes. */
  readonly name: string;
  /** The TCP port the NLB listens on and forwards to. */
  readonly port: number;
  /** IPv4 addresses of the targets (e.g. an RDS instance's private IP), in the VPC. */
  readonly targets: readonly string[];
  /** The names serverless compute uses for the service. */
  readonly domainNames: readonly string[];
  /**
   * Connections wait for your acceptance (`aws ec2 accept-vpc-endpoint-connections`): the allowed principal is a
   * Databricks role shared by every customer in the region, so acceptance is what ties the service to your NCC. @default true
   */
  readonly acceptanceRequired?: boolean;
}

/** Egress control of serverless compute (the config's `serverlessEgress`; Enterprise tier). */
export interface ServerlessEgressProps {
  /** `RESTRICTED_ACCESS`: only the allowed destinations (and Unity Catalog locations); `FULL_ACCESS`: anywhere. @default "RESTRICTED_ACCESS" */
  readonly restrictionMode?: "RESTRICTED_ACCESS" | "FULL_ACCESS";
  /** `ENFORCED` blocks what the policy does not allow; `DRY_RUN` only logs it (try a policy first). @default "ENFORCED" */
  readonly enforcementMode?: "ENFORCED" | "DRY_RUN";
  /** DNS names serverless compute may reach on the internet (e.g. `pypi.org`). @default [] */
  readonly allowedInternetDestinations?: readonly string[];
  /** S3 buckets (in the region) serverless compute may reach. @default - the environment's own buckets (root bucket, data bucket) */
  readonly allowedStorageBuckets?: readonly string[];
  /**
   * Reach the environment's buckets (the allowed ones and the catalog's) through an NCC private endpoint rule to the
   * region's S3 service (Public Preview on AWS in provider 1.99's docs). @default false
   */
  readonly s3PrivateEndpoint?: boolean;
  /**
   * `enabled` of the S3 rule. Databricks activates an S3 rule only by an update after it is created (provider 1.99
   * docs: "Can only be updated after a private endpoint rule towards an AWS S3 service is successfully created"): deploy
   * with false, then set true once `connection_state` is ESTABLISHED and deploy again (docs/serverless.md). The same
   * two steps after anything that creates the rule anew (a new NCC, the first `s3PrivateEndpoint: true`). @default false
   */
  readonly s3PrivateEndpointEnabled?: boolean;
  /** Rules to your own VPC endpoint services (created elsewhere). @default [] */
  readonly privateEndpointRules?: readonly EndpointServiceRule[];
  /** Endpoint services created in the environment's VPC, each with its rule (needs a network). @default [] */
  readonly endpointServices?: readonly CustomerEndpointServiceConfig[];
  /** The network policy's id (≤ 32 characters, as the SRA notes). @default `<prefix>-np` */
  readonly networkPolicyId?: string;
  /**
   * Base of the network connectivity configuration's name: 3 to 21 letters, digits, `-` or `_` (the provider allows
   * `^[0-9a-zA-Z-_]{3,30}$`; a `-<8 hex>` generation suffix follows). @default `<prefix>-ncc`
   */
  readonly nccName?: string;
}
