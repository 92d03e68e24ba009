import { AccountNetworkPolicy } from "@cdktf/provider-databricks/lib/account-network-policy";
import { MwsNccBinding } from "@cdktf/provider-databricks/lib/mws-ncc-binding";
import { MwsNccPrivateEndpointRule } from "@cdktf/provider-databricks/lib/mws-ncc-private-endpoint-rule";
import { MwsNetworkConnectivityConfig } from "@cdktf/provider-databricks/lib/mws-network-connectivity-config";
import { WorkspaceNetworkOption } from "@cdktf/provider-databricks/lib/workspace-network-option";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import { generationName, registrationLifecycle } from "../workspace/registration";
import { serverlessEgressProblems } from "./validation";

/**
 * Egress control of serverless compute (the config's `serverlessEgress`; Enterprise tier). None of the VPC's security
 * groups, NACLs or endpoint policies apply to serverless compute, which runs in Databricks' account: its egress is the
 * account's network policy (https://docs.databricks.com/aws/en/security/network/serverless-network-security/network-policies).
 */
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
   * Reach those buckets through a private endpoint of the network connectivity configuration (an NCC private endpoint
   * rule to the region's S3 service; Public Preview on AWS in provider 1.99's docs). @default false
   */
  readonly s3PrivateEndpoint?: boolean;
  /** The network policy's id (≤ 32 characters, as the SRA notes). @default `<prefix>-np` */
  readonly networkPolicyId?: string;
  /**
   * Base of the network connectivity configuration's name: 3 to 21 letters, digits, `-` or `_` (the provider allows
   * `^[0-9a-zA-Z-_]{3,30}$`; a `-<8 hex>` generation suffix follows). @default `<prefix>-ncc`
   */
  readonly nccName?: string;
}

/** What the construct needs besides its config section: the workspace, and the environment's buckets. */
export interface ServerlessEgressTarget {
  /** The workspace id (a token of `databricks_mws_workspaces.workspace_id`). */
  readonly workspaceId: string;
  /** The environment's own buckets, the default storage destinations. */
  readonly ownBuckets: readonly string[];
}

/**
 * An account network policy (restricted egress: the allowed DNS names and buckets), assigned to the workspace with
 * `databricks_workspace_network_option`; a network connectivity configuration bound to the workspace, and an S3
 * private endpoint rule to the buckets when asked. Mirrors the SRA's `network_policy` and
 * `network_connectivity_configuration` modules (databricks/terraform-databricks-sra:aws/tf/modules/databricks_account).
 *
 * Provider 1.99's `databricks_account_network_policy` has no `ingress` attribute (account_id, egress,
 * network_policy_id only), so the "inconsistent result after apply" on `ingress.private_access` (#5477, #5884) that
 * the SRA avoids by setting it explicitly cannot occur, and cannot be set; with a later provider, set it as the SRA does.
 */
export class ServerlessEgress extends Construct {
  /** The account network policy (`<prefix>-np`). */
  public readonly policy: AccountNetworkPolicy;
  /** Assigns {@link policy} to the workspace. */
  public readonly networkOption: WorkspaceNetworkOption;
  /** The network connectivity configuration (`<prefix>-ncc`). */
  public readonly ncc: MwsNetworkConnectivityConfig;
  /** Binds {@link ncc} to the workspace. */
  public readonly binding: MwsNccBinding;
  /** The S3 private endpoint rule (with `s3PrivateEndpoint`). */
  public readonly s3Rule?: MwsNccPrivateEndpointRule;

  constructor(scope: Construct, id: string, props: ServerlessEgressProps & ServerlessEgressTarget) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`ServerlessEgress ${this.node.path}`, serverlessEgressProblems(props, ctx));
    const provider = ctx.accountProvider(this);
    const buckets = [...(props.allowedStorageBuckets ?? props.ownBuckets)];
    const restricted = (props.restrictionMode ?? "RESTRICTED_ACCESS") === "RESTRICTED_ACCESS";
    this.policy = new AccountNetworkPolicy(this, "network-policy", {
      provider, accountId: ctx.databricksAccountId, networkPolicyId: props.networkPolicyId ?? ctx.nameOf("np"),
      egress: {
        networkAccess: {
          restrictionMode: props.restrictionMode ?? "RESTRICTED_ACCESS",
          // Empty lists are left out (null, as the API returns them), so no "[] became null" diff after apply.
          allowedInternetDestinations: restricted && props.allowedInternetDestinations?.length
            ? props.allowedInternetDestinations.map((destination) => ({ destination, internetDestinationType: "DNS_NAME" })) : undefined,
          allowedStorageDestinations: restricted && buckets.length
            ? buckets.map((bucketName) => ({ bucketName, region: ctx.region, storageDestinationType: "AWS_S3" })) : undefined,
          policyEnforcement: { enforcementMode: props.enforcementMode ?? "ENFORCED" },
        },
      },
    });
    const workspaceId = Token.asNumber(props.workspaceId);
    this.networkOption = new WorkspaceNetworkOption(this, "network-option", {
      provider, workspaceId, networkPolicyId: this.policy.networkPolicyId,
    });
    // Every NCC argument is ForceNew (no Update in 1.99) and the workspace uses it: the registration scheme
    // (../workspace/registration.ts) creates the replacement first, under a name hashed from its key (the region).
    this.ncc = new MwsNetworkConnectivityConfig(this, "ncc", {
      provider, name: generationName(props.nccName ?? ctx.nameOf("ncc"), [ctx.region]), region: ctx.region, lifecycle: registrationLifecycle("name"),
    });
    this.binding = new MwsNccBinding(this, "ncc-binding", { provider, networkConnectivityConfigId: this.ncc.networkConnectivityConfigId, workspaceId });
    if (props.s3PrivateEndpoint) {
      this.s3Rule = new MwsNccPrivateEndpointRule(this, "s3-endpoint-rule", {
        provider, networkConnectivityConfigId: this.ncc.networkConnectivityConfigId,
        endpointService: `com.amazonaws.${ctx.region}.s3`, resourceNames: buckets, lifecycle: registrationLifecycle(),
      });
    }
  }
}
