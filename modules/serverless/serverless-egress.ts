import { AccountNetworkPolicy } from "@cdktf/provider-databricks/lib/account-network-policy";
import { MwsNccBinding } from "@cdktf/provider-databricks/lib/mws-ncc-binding";
import { MwsNccPrivateEndpointRule } from "@cdktf/provider-databricks/lib/mws-ncc-private-endpoint-rule";
import { MwsNetworkConnectivityConfig } from "@cdktf/provider-databricks/lib/mws-network-connectivity-config";
import { WorkspaceNetworkOption } from "@cdktf/provider-databricks/lib/workspace-network-option";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import { generationName, registrationLifecycle } from "../workspace/registration";
import type { ServerlessEgressProps } from "./props";
import { serverlessEgressProblems } from "./validation";
import { CustomerEndpointService } from "./endpoint-service";

/** What the construct needs besides its config section: the workspace, and the environment's buckets. */
export interface ServerlessEgressTarget {
  /** The workspace id (a token of `databricks_mws_workspaces.workspace_id`). */
  readonly workspaceId: string;
  /** The environment's own buckets, the default storage destinations. */
  readonly ownBuckets: readonly string[];
  /** The Unity Catalog catalog's bucket: also reached through the S3 rule (serverless reads and writes the catalog's tables there). */
  readonly catalogBucket?: string;
  /** The environment's VPC and the subnets for the `endpointServices` NLBs. */
  readonly network?: { readonly vpcId: string; readonly subnetIds: readonly string[] };
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
  /** The rules to VPC endpoint services, by name (`privateEndpointRules` and `endpointServices`). */
  public readonly endpointRules: Readonly<Record<string, MwsNccPrivateEndpointRule>>;
  /** The endpoint services created in the VPC, by name. */
  public readonly endpointServices: Readonly<Record<string, CustomerEndpointService>>;

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
      // Every bucket serverless reads or writes, the catalog's included. `enabled` takes effect only through an update:
      // the create request has no such field (provider 1.99 mws/resource_mws_ncc_private_endpoint_rule.go; Go SDK
      // CreatePrivateEndpointRule), every update sends it in the mask, and the docs allow it only "after … successfully
      // created". So a new (or replaced) rule starts as the API makes it, and `true` needs a second deploy after it.
      // resource_names is updated in place; endpoint_service and the NCC are ForceNew.
      const names = [...new Set([...buckets, ...(props.catalogBucket ? [props.catalogBucket] : [])])];
      this.s3Rule = new MwsNccPrivateEndpointRule(this, "s3-endpoint-rule", {
        provider, networkConnectivityConfigId: this.ncc.networkConnectivityConfigId,
        endpointService: `com.amazonaws.${ctx.region}.s3`, resourceNames: names, enabled: props.s3PrivateEndpointEnabled ?? false,
        lifecycle: registrationLifecycle(),
      });
    }
    // A new endpoint service (ForceNew) gets its rule before the old rule goes, like every registration here.
    const rule = (name: string, endpointService: string, domainNames: readonly string[], dependsOn?: ITerraformDependable[]) =>
      new MwsNccPrivateEndpointRule(this, `endpoint-rule-${name}`, {
        provider, networkConnectivityConfigId: this.ncc.networkConnectivityConfigId, endpointService, domainNames: [...domainNames], dependsOn,
        lifecycle: registrationLifecycle(),
      });
    const rules: Record<string, MwsNccPrivateEndpointRule> = {};
    for (const r of props.privateEndpointRules ?? []) rules[r.name] = rule(r.name, r.endpointService, r.domainNames);
    const services: Record<string, CustomerEndpointService> = {};
    for (const config of props.endpointServices ?? []) {
      if (!props.network) throw new Error(`ServerlessEgress ${this.node.path}: endpointServices need the environment's network (a VPC and subnets for the load balancer)`);
      const service = new CustomerEndpointService(this, `endpoint-service-${config.name}`, { ...config, vpcId: props.network.vpcId, subnetIds: props.network.subnetIds });
      services[config.name] = service;
      // Databricks creates its endpoint only once its role is allowed on the service.
      rules[config.name] = rule(config.name, service.serviceName, config.domainNames, [service.allowedPrincipal]);
    }
    this.endpointRules = rules;
    this.endpointServices = services;
  }
}
