import { MwsPrivateAccessSettings } from "@cdktf/provider-databricks/lib/mws-private-access-settings";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ContextValues, DeploymentContext } from "../core/context";
import { DATABRICKS_ACCOUNT_ID } from "../core/ids";
import { Problem, throwIfProblems } from "../core/problems";
import { privateLinkProblems } from "./services";

/** Which registered VPC endpoints may reach the workspace's web app and REST API over PrivateLink. */
export type PrivateAccessLevel = "ACCOUNT" | "ENDPOINT";
export const PRIVATE_ACCESS_LEVELS: readonly PrivateAccessLevel[] = ["ACCOUNT", "ENDPOINT"];

/** Databricks ids of registered VPC endpoints (`databricks_mws_vpc_endpoint.vpc_endpoint_id`) are lowercase UUIDs, as account ids. */
const DATABRICKS_ENDPOINT_ID = DATABRICKS_ACCOUNT_ID;
const AWS_ENDPOINT_ID = /^vpce-[0-9a-f]+$/;

/**
 * Props of {@link PrivateAccessSettings}. From the DeploymentContext: the name prefix (`<prefix>-private-access`),
 * the region of the workspaces that attach these settings (must have Databricks PrivateLink), and the Databricks
 * account and account-level provider.
 */
export interface PrivateAccessSettingsProps {
  /**
   * Whether the workspace also accepts connections from the public internet (hybrid). `false` makes it reachable
   * only through front-end VPC endpoints — Databricks allows that only with both front-end and back-end
   * PrivateLink — and affects how the workspace is first deployed: see {@link PrivateAccessSettings}.
   * Required: the provider's default (false on AWS) is too consequential to leave implicit.
   */
  readonly publicAccessEnabled: boolean;
  /**
   * `ACCOUNT`: any VPC endpoint registered in the Databricks account may reach the workspace over PrivateLink.
   * `ENDPOINT`: only those in `allowedVpcEndpointIds`. @default "ACCOUNT"
   */
  readonly privateAccessLevel?: PrivateAccessLevel;
  /**
   * Required with (and only with) `ENDPOINT`: Databricks ids of the registered endpoints allowed in
   * (`FrontendPrivateLink.endpointId`, `BackendPrivateLink.restApiEndpointIds`) — the registration's
   * `vpc_endpoint_id`, not the AWS `vpce-…` id. With back-end PrivateLink, list its REST API endpoint too: the
   * clusters call the workspace's REST API through it (listing it admits nothing but your own compute). With public
   * access enabled this list only filters PrivateLink connections (use IP access lists for the public side).
   * @default - none
   */
  readonly allowedVpcEndpointIds?: readonly string[];
}

/**
 * The workspace's private access settings (`databricks_mws_private_access_settings`, databricks/terraform-provider-databricks:docs/resources/mws_workspaces.md): whether the
 * public internet may reach it, and which VPC endpoints may. Attach it with `private_access_settings_id` on
 * `databricks_mws_workspaces`; Databricks requires it on every PrivateLink workspace, back-end only included.
 * It is updated in place, and the workspace keeps pointing at it.
 *
 * ## Deploying a workspace with public access disabled (terraform-provider-databricks#1645)
 *
 * With `publicAccessEnabled: false` the workspace answers only requests that arrive through a front-end VPC
 * endpoint — Terraform's included. Right after creating `databricks_mws_workspaces`, the provider calls the new
 * workspace's REST API to check that it is reachable (SCIM "Me" in recent versions). From a machine that resolves
 * the workspace hostname to Databricks' public addresses, that call is refused, the apply fails, and the workspace
 * is left in the Databricks account but not in the Terraform state (import it with
 * `terraform import <address> <account id>/<workspace id>`, or delete it in the account console, before retrying).
 * Every later deploy of workspace-level resources (clusters, workspace settings, grants) fails the same way.
 * There are two ways through.
 *
 * **A. Run Terraform from the private network (one deploy).**
 * 1. Create the front-end endpoint before the workspace: deploy `FrontendPrivateLink` first, or in the same
 *    deploy with the workspace depending on its `registration` (ENDPOINT-level settings already do, through
 *    `allowedVpcEndpointIds`; with ACCOUNT level add a `dependsOn`).
 * 2. Run Terraform on a machine whose DNS answers `<city>.privatelink.cloud.databricks.com` (e.g.
 *    `nvirginia.privatelink.cloud.databricks.com`) with the front-end endpoint's private IPs: a machine in the
 *    endpoint's VPC, or on a network whose DNS servers forward `privatelink.cloud.databricks.com` to the
 *    endpoint's VPC (the `inboundResolver` of `FrontendPrivateLink`). The inbound resolver's IPs exist only once
 *    it is created, so with a forwarder this is really three steps: deploy the endpoint and resolver, add the
 *    forwarder, then deploy the workspace.
 * 3. Put that machine's network in the front-end `clientCidrs` (TCP 443). It still needs the public Account API
 *    host (`accounts.cloud.databricks.com`, GovCloud `accounts.cloud.databricks.us`), which PrivateLink does not
 *    cover.
 * 4. Check before deploying: `nslookup <city>.privatelink.cloud.databricks.com` on that machine returns private IPs
 *    of the front-end endpoint.
 *
 * **B. Two deploys, from anywhere.**
 * 1. Deploy with `publicAccessEnabled: true`. The workspace is created and reachable both over the internet
 *    (restrict that with IP access lists if needed) and through the endpoints.
 * 2. Set up DNS for the users' networks (a forwarder for `privatelink.cloud.databricks.com` to the inbound
 *    resolver, or clients inside the front-end VPC) and check it from a client network:
 *    `nslookup <workspace>.cloud.databricks.com` shows the CNAME `<city>.privatelink.cloud.databricks.com` and the
 *    front-end endpoint's private IPs, and the web app loads.
 * 3. Set `publicAccessEnabled: false` and deploy again. Only the private access settings change (in place); the
 *    workspace is not touched. Databricks may take a few minutes to enforce it.
 * 4. From then on, run every deploy that manages workspace-level resources from the private network (A.2–A.3).
 *    Account-level resources (`databricks_mws_*`) still deploy from anywhere.
 *
 * To go back (for instance to manage the workspace from outside during an incident, or before a destroy), set
 * `publicAccessEnabled: true` and deploy.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class PrivateAccessSettings extends Construct {
  /** The private access settings (`databricks_mws_private_access_settings`). */
  public readonly settings: MwsPrivateAccessSettings;
  /** For `databricks_mws_workspaces.private_access_settings_id`. */
  public readonly privateAccessSettingsId: string;

  constructor(scope: Construct, id: string, props: PrivateAccessSettingsProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`PrivateAccessSettings ${this.node.path}`, privateAccessSettingsProblems(props, ctx));
    const level = props.privateAccessLevel ?? "ACCOUNT";
    // Not create-before-destroy, unlike the other registrations: with provider 1.99 no argument is ForceNew, every
    // change is an in-place update (PrivateAccess.Replace, mws/resource_mws_private_access_settings.go).
    this.settings = new MwsPrivateAccessSettings(this, "settings", {
      provider: ctx.accountProvider(this),
      accountId: ctx.databricksAccountId,
      privateAccessSettingsName: ctx.nameOf("private-access"),
      region: ctx.region,
      publicAccessEnabled: props.publicAccessEnabled,
      privateAccessLevel: level,
      allowedVpcEndpointIds: level === "ENDPOINT" ? [...props.allowedVpcEndpointIds!] : undefined,
    });
    this.privateAccessSettingsId = this.settings.privateAccessSettingsId;
  }
}

/**
 * Every problem with the props of a {@link PrivateAccessSettings} in the context's region (a region without
 * Databricks PrivateLink is reported at `region`); format checks skip Terraform tokens.
 */
export function privateAccessSettingsProblems(props: PrivateAccessSettingsProps, ctx: Pick<ContextValues, "region">): Problem[] {
  const problems: Problem[] = [...privateLinkProblems(ctx.region, "region")];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });

  if (typeof props.publicAccessEnabled !== "boolean") {
    add("publicAccessEnabled", props.publicAccessEnabled, "must be true or false (no default: false makes the workspace reachable only through front-end VPC endpoints)");
  }
  const level = props.privateAccessLevel ?? "ACCOUNT";
  const ids = props.allowedVpcEndpointIds;
  if (!PRIVATE_ACCESS_LEVELS.includes(level)) {
    add("privateAccessLevel", level, `must be one of ${PRIVATE_ACCESS_LEVELS.map((l) => JSON.stringify(l)).join(", ")}`);
  } else if (level === "ACCOUNT") {
    if (ids !== undefined) {
      add("allowedVpcEndpointIds", Token.isUnresolved(ids) ? "<list token>" : ids,
        "is only used with privateAccessLevel \"ENDPOINT\"; with \"ACCOUNT\" every endpoint registered in the account is allowed");
    }
  } else if (ids === undefined || (!Token.isUnresolved(ids) && ids.length === 0)) {
    add("allowedVpcEndpointIds", ids,
      "is required with privateAccessLevel \"ENDPOINT\": the Databricks ids (vpc_endpoint_id) of the registered endpoints allowed to reach the workspace");
  } else if (!Token.isUnresolved(ids)) {
    ids.forEach((id, i) => {
      if (Token.isUnresolved(id)) return;
      const at = `allowedVpcEndpointIds[${i}]`;
      if (AWS_ENDPOINT_ID.test(id)) add(at, id, "is an AWS VPC endpoint id; pass the Databricks registration's vpc_endpoint_id (a UUID) instead");
      else if (!DATABRICKS_ENDPOINT_ID.test(id)) add(at, id, "is not a Databricks VPC endpoint id (a lowercase UUID, the registration's vpc_endpoint_id)");
      else if (ids.indexOf(id) !== i) add(at, id, "is listed twice");
    });
  }
  return problems;
}
