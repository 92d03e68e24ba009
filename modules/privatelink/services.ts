/**
 * Databricks' AWS PrivateLink endpoint services, per region, and the region check the PrivateLink constructs share.
 * Sources: `databricks/terraform-databricks-sra:aws/tf/variables.tf` (`general_access_config` — named
 * `workspace_config` before 2026-05-29 — and `scc_relay_config`), cross-checked with
 * `bhavink/databricks:awsdb4u/aws-pl-ws/databricks-aws-production/modules/networking/vpce_endpoints_config.tf` ("Source:
 * https://docs.databricks.com/aws/en/resources/ip-domain-region#privatelink-vpc-endpoint-services,
 * Last Updated: 2026-01-06"). Every id below was compared with both lists; they agree except ap-southeast-3.
 */
import { Token } from "cdktf";
import type { Problem } from "../core/problems";

/** The two Databricks endpoint services of a region, as full AWS service names. */
export interface PrivateLinkServices {
  /**
   * "Workspace (including REST API)" service: the back-end REST API endpoint of the compute plane, and the
   * front-end (user to web app / REST API) endpoint. Databricks calls it "general access" in SRA.
   */
  readonly workspace: string;
  /** Secure cluster connectivity (SCC) relay service: back-end only. */
  readonly relay: string;
}

/** Service ids (`vpce-svc-…`) of one region; the full name is `com.amazonaws.vpce.<region>.<id>`. */
interface ServiceIds {
  readonly workspace: string;
  readonly relay: string;
}

/**
 * Every region with Databricks back-end PrivateLink (the SRA region allow-list, databricks/terraform-databricks-sra:aws/tf/variables.tf).
 *
 * - us-west-1 is supported: EX-exfil (`modules/aws-exfiltration-protection/main.tf`) and the CFN quick start say
 *   "not supported", but both lists above have its services; those claims are stale.
 * - eu-north-1 has no back-end services (only a front-end "Service Direct" one), so it is absent.
 * - us-gov-west-1 holds the GovCloud **civilian** shard's services (SRA `primary_endpoint`). The DoD shard uses
 *   vpce-svc-08fddf710780b2a54 (workspace) and vpce-svc-05c210a2feea23ad7 (relay) in the same region and another
 *   accounts host; this project supports only the civilian shard (see `PARTITIONS` in ../constants.ts).
 */
const SERVICE_IDS = {
  "ap-northeast-1": { workspace: "vpce-svc-02691fd610d24fd64", relay: "vpce-svc-02aa633bda3edbec0" },
  "ap-northeast-2": { workspace: "vpce-svc-0babb9bde64f34d7e", relay: "vpce-svc-0dc0e98a5800db5c4" },
  "ap-south-1": { workspace: "vpce-svc-0dbfe5d9ee18d6411", relay: "vpce-svc-03fd4d9b61414f3de" },
  "ap-southeast-1": { workspace: "vpce-svc-02535b257fc253ff4", relay: "vpce-svc-0557367c6fc1a0c5c" },
  "ap-southeast-2": { workspace: "vpce-svc-0b87155ddd6954974", relay: "vpce-svc-0b4a72e8f825495f6" },
  // ap-southeast-3 workspace service: the two sources disagree.
  //   BHK  vpce-svc-0fec4092997affd53 — its table is dated 2026-01-06 and names the Databricks docs page
  //        (ip-domain-region#privatelink-vpc-endpoint-services) as its source.
  //   SRA  vpce-svc-07a698e7e9ccfd04a — added with the region on 2025-06-17 (commit eb780ee) and not changed since.
  // We take BHK's: it is the later reading and is copied from Databricks' published list, while SRA's entry
  // predates it and cites nothing. The relay id is the same in both. PRIVATELINK_CAVEATS tells users to check it.
  "ap-southeast-3": { workspace: "vpce-svc-0fec4092997affd53", relay: "vpce-svc-025ca447c232c6a1b" },
  "ca-central-1": { workspace: "vpce-svc-0205f197ec0e28d65", relay: "vpce-svc-0c4e25bdbcbfbb684" },
  "eu-central-1": { workspace: "vpce-svc-081f78503812597f7", relay: "vpce-svc-08e5dfca9572c85c4" },
  "eu-west-1": { workspace: "vpce-svc-0da6ebf1461278016", relay: "vpce-svc-09b4eb2bc775f4e8c" },
  "eu-west-2": { workspace: "vpce-svc-01148c7cdc1d1326c", relay: "vpce-svc-05279412bf5353a45" },
  "eu-west-3": { workspace: "vpce-svc-008b9368d1d011f37", relay: "vpce-svc-005b039dd0b5f857d" },
  "sa-east-1": { workspace: "vpce-svc-0bafcea8cdfe11b66", relay: "vpce-svc-0e61564963be1b43f" },
  "us-east-1": { workspace: "vpce-svc-09143d1e626de2f04", relay: "vpce-svc-00018a8c3ff62ffdf" },
  "us-east-2": { workspace: "vpce-svc-041dc2b4d7796b8d3", relay: "vpce-svc-090a8fab0d73e39a6" },
  "us-west-1": { workspace: "vpce-svc-09bb6ca26208063f2", relay: "vpce-svc-04cb91f9372b792fe" },
  "us-west-2": { workspace: "vpce-svc-0129f463fcfbc46c5", relay: "vpce-svc-0158114c0c730c3bb" },
  "us-gov-west-1": { workspace: "vpce-svc-0f25e28401cbc9418", relay: "vpce-svc-05f27abef1a1a3faa" },
} as const satisfies Record<string, ServiceIds>;

/** A region with Databricks back-end PrivateLink. */
export type PrivateLinkRegion = keyof typeof SERVICE_IDS;

/** The endpoint services of every PrivateLink region, as full AWS service names. */
export const PRIVATELINK_SERVICES: Readonly<Record<PrivateLinkRegion, PrivateLinkServices>> = Object.fromEntries(
  Object.entries(SERVICE_IDS).map(([region, ids]) => [region, {
    workspace: `com.amazonaws.vpce.${region}.${ids.workspace}`,
    relay: `com.amazonaws.vpce.${region}.${ids.relay}`,
  }]),
) as Record<PrivateLinkRegion, PrivateLinkServices>;

export const PRIVATELINK_REGIONS: readonly PrivateLinkRegion[] = Object.keys(SERVICE_IDS) as PrivateLinkRegion[];

/** The region's endpoint services, or undefined where Databricks offers no back-end PrivateLink. */
export function privateLinkServices(region: string): PrivateLinkServices | undefined {
  return Object.prototype.hasOwnProperty.call(PRIVATELINK_SERVICES, region)
    ? PRIVATELINK_SERVICES[region as PrivateLinkRegion]
    : undefined;
}

/**
 * A problem (at `path`) when `region` has no Databricks PrivateLink, naming the region and the supported ones;
 * none otherwise. The PrivateLink constructs check the DeploymentContext's region with it (at `region`); config
 * validation passes its own path.
 */
export function privateLinkProblems(region: string, path = "region"): Problem[] {
  if (typeof region === "string" && Token.isUnresolved(region)) {
    return [{ path, value: region, message: "must be a literal region, not a token: it picks the Databricks PrivateLink endpoint services at synth time" }];
  }
  if (privateLinkServices(region)) return [];
  return [{
    path, value: region,
    message: `Databricks PrivateLink is not available in region ${JSON.stringify(region)}; PrivateLink regions: ${PRIVATELINK_REGIONS.join(", ")}`,
  }];
}

/**
 * What a user of PrivateLink should know, one paragraph each, for the README (`PRIVATELINK_CAVEATS.join("\n\n")`
 * or a bullet list).
 */
export const PRIVATELINK_CAVEATS: readonly string[] = [
  "ap-southeast-3 (Jakarta): the public sources disagree on the workspace (REST API) endpoint service. This project " +
    "uses com.amazonaws.vpce.ap-southeast-3.vpce-svc-0fec4092997affd53 (bhavink/databricks, list dated 2026-01-06 and " +
    "copied from the Databricks docs page \"IP addresses and domains\" > PrivateLink VPC endpoint services); " +
    "databricks/terraform-databricks-sra has vpce-svc-07a698e7e9ccfd04a (added 2025-06-17). Before deploying there, " +
    "compare with https://docs.databricks.com/aws/en/resources/ip-domain-region#privatelink-vpc-endpoint-services.",
  "us-west-1 (N. California) supports PrivateLink; older examples (terraform-databricks-examples aws-exfiltration-protection, " +
    "the CloudFormation quick start) say it does not. eu-north-1 (Stockholm) has no back-end PrivateLink.",
  "GovCloud (us-gov-west-1): the endpoint services are the civilian shard's; the DoD shard is not supported. The " +
    "endpoint security group there omits TCP 6666 (SCC relay without FIPS), as Databricks' SRA does for GovCloud.",
  "Databricks requires the Enterprise pricing tier and a customer-managed VPC for PrivateLink.",
  "A workspace's network configuration cannot be updated in place and its vpc_endpoints force a new one: adding " +
    "back-end PrivateLink to a running workspace means a new network configuration (created before the old one is destroyed).",
  "Only one interface endpoint per service can have private DNS in a VPC: do not put the front-end endpoint in the VPC " +
    "that already holds the back-end workspace (REST API) endpoint; use a separate (transit) VPC, or let users in that " +
    "VPC reach the workspace through the back-end endpoint.",
  "With public access disabled the workspace answers only through a front-end endpoint, including to Terraform: see " +
    "PrivateAccessSettings for the two ways to deploy (run Terraform from the private network, or deploy with public " +
    "access first and disable it in a second deploy).",
];
