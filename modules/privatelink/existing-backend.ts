import { MwsVpcEndpoint } from "@cdktf/provider-databricks/lib/mws-vpc-endpoint";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ContextValues, DeploymentContext } from "../core/context";
import { awsResourceIdListProblems, awsResourceIdProblems } from "../core/ids";
import { Problem, throwIfProblems } from "../core/problems";
import { generationName, registrationLifecycle } from "../workspace/registration";
import { privateLinkProblems } from "./services";
import type { BackendEndpointPair, ExistingNetworkPrivateLinkProps } from "../network/props";

// Declared with the network props that use them (network is the layer below); re-exported for this module's users.
export type { BackendEndpointPair, ExistingNetworkPrivateLinkProps };

/** What `databricks_mws_networks.vpc_endpoints` needs from back-end PrivateLink, however it was made. */
export interface IBackendEndpoints {
  /** Databricks ids (`vpc_endpoint_id`) for `vpc_endpoints.rest_api`. */
  readonly restApiEndpointIds: string[];
  /** Databricks ids (`vpc_endpoint_id`) for `vpc_endpoints.dataplane_relay`. */
  readonly dataplaneRelayEndpointIds: string[];
}

/** Props of {@link RegisteredBackendEndpoints}: existing endpoints, by AWS id or by Databricks id (exactly one). */
export type RegisteredBackendEndpointsProps = Pick<ExistingNetworkPrivateLinkProps, "awsVpcEndpointIds" | "databricksVpcEndpointIds">;

/**
 * Back-end endpoints that already exist: AWS endpoints are registered with the Databricks account
 * (`databricks_mws_vpc_endpoint`, construct ids as in `BackendPrivateLink`), already-registered ones are passed
 * through, creating nothing (shared by several workspaces).
 */
export class RegisteredBackendEndpoints extends Construct implements IBackendEndpoints {
  /** The registrations made here (none for already-registered endpoints). */
  public readonly registrations: MwsVpcEndpoint[] = [];
  /** Databricks ids for `vpc_endpoints.rest_api`: the registration's, or the given one. */
  public readonly restApiEndpointIds: string[];
  /** Databricks ids for `vpc_endpoints.dataplane_relay`: the registration's, or the given one. */
  public readonly dataplaneRelayEndpointIds: string[];

  constructor(scope: Construct, id: string, props: RegisteredBackendEndpointsProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`RegisteredBackendEndpoints ${this.node.path}`, existingPrivateLinkProblems({ backend: true, ...props }, ctx));
    const registered = props.databricksVpcEndpointIds;
    if (registered) {
      this.restApiEndpointIds = [registered.restApi];
      this.dataplaneRelayEndpointIds = [registered.relay];
      return;
    }
    const aws = props.awsVpcEndpointIds!;
    const provider = ctx.accountProvider(this);
    // Same registration scheme as BackendPrivateLink (../workspace/registration.ts): create-before-destroy, key-hashed names.
    const register = (construct: string, awsVpcEndpointId: string, name: string) => new MwsVpcEndpoint(this, construct, {
      provider, accountId: ctx.databricksAccountId, awsVpcEndpointId, region: ctx.region,
      vpcEndpointName: generationName(ctx.nameOf(name), [awsVpcEndpointId, ctx.region]), lifecycle: registrationLifecycle("vpc_endpoint_name"),
    });
    const rest = register("workspace-registration", aws.restApi, "backend-rest");
    const relay = register("relay-registration", aws.relay, "backend-relay");
    this.registrations.push(rest, relay);
    this.restApiEndpointIds = [rest.vpcEndpointId];
    this.dataplaneRelayEndpointIds = [relay.vpcEndpointId];
  }
}

/** Problems of an existing network's `privateLink` section (paths relative to it); tokens are not checked. */
export function existingPrivateLinkProblems(props: ExistingNetworkPrivateLinkProps, ctx: Pick<ContextValues, "region">): Problem[] {
  const problems = privateLinkProblems(ctx.region, "backend");
  if (props.backend !== true) {
    problems.push({ path: "backend", value: props.backend, message: "must be true: an existing network's privateLink section is back-end PrivateLink (remove the section for none)" });
  }
  const ways = (["endpointSubnetIds", "awsVpcEndpointIds", "databricksVpcEndpointIds"] as const).filter((k) => props[k] !== undefined);
  if (ways.length !== 1) {
    problems.push({ path: ways.length ? ways[1] : "endpointSubnetIds", value: ways.length ? props[ways[1]] : undefined,
      message: `set exactly one of endpointSubnetIds (create the endpoints), awsVpcEndpointIds (register existing ones) or databricksVpcEndpointIds (already registered)${ways.length ? `; found ${ways.join(", ")}` : ""}` });
  }
  if (props.endpointSubnetIds) {
    problems.push(...awsResourceIdListProblems("endpointSubnetIds", props.endpointSubnetIds, "subnet",
      { min: 2, why: "one endpoint subnet per availability zone, in at least 2 zones" }));
  }
  for (const key of ["restApi", "relay"] as const) {
    const awsId = props.awsVpcEndpointIds?.[key];
    if (awsId !== undefined) problems.push(...awsResourceIdProblems(`awsVpcEndpointIds.${key}`, awsId, "vpce"));
    const dbxId = props.databricksVpcEndpointIds?.[key];
    if (dbxId !== undefined && !Token.isUnresolved(dbxId) && (dbxId.trim() === "" || dbxId.startsWith("vpce-"))) {
      problems.push({ path: `databricksVpcEndpointIds.${key}`, value: dbxId,
        message: "must be the Databricks id of a registered endpoint (databricks_mws_vpc_endpoint.vpc_endpoint_id), not an AWS vpce- id (those go in awsVpcEndpointIds)" });
    }
  }
  return problems;
}
