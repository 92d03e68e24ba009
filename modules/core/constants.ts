/**
 * Databricks- and AWS-side constants, per partition and per region.
 * Sources: databricks/terraform-provider-databricks:aws/constants.go (accounts) and
 * databricks/terraform-databricks-sra:aws/tf/variables.tf (regions, buckets).
 */

export type Partition = "aws" | "aws-us-gov";

export interface PartitionConstants {
  /** Databricks' own AWS account: cross-account trust principal, bucket-policy principal. */
  readonly databricksAwsAccountId: string;
  /** Account owning Databricks' artifact and sample-data buckets. */
  readonly databricksArtifactAccountId: string;
  /** Owner of the Databricks AMIs (`ec2:Owner`). */
  readonly databricksAmiOwner: string;
}

export const PARTITIONS: Readonly<Record<Partition, PartitionConstants>> = {
  aws: { databricksAwsAccountId: "414351767826", databricksArtifactAccountId: "414351767826", databricksAmiOwner: "601306020600" },
  // GovCloud civilian shard (DoD uses 170661010020; not offered by this project yet).
  "aws-us-gov": { databricksAwsAccountId: "044793339203", databricksArtifactAccountId: "282567162347", databricksAmiOwner: "044732911619" },
};

export interface RegionInfo {
  readonly partition: Partition;
  /**
   * Databricks' sample-datasets bucket the region's clusters read (`/databricks-datasets`), for the S3 endpoint
   * policy. Not always named after the region's own city: us-east-1 is `-virginia`, ca-central-1 `-montreal`, and
   * ap-southeast-3 and us-west-1 use Oregon's.
   */
  readonly datasetsBucket: string;
  /** Databricks' log bucket clusters write to (`databricks-prod-storage-<city>`), for the S3 endpoint policy. */
  readonly logBucket: string;
}

/**
 * Regions where Databricks classic compute is deployed with a customer-managed VPC, and their Databricks buckets,
 * exactly as the SRA gives them (databricks/terraform-databricks-sra:aws/tf/variables.tf at 72a96ea, 2026-07):
 * the `region` validation (it rejects us-gov-east-1), `shared_datasets_bucket` (datasets) and
 * `log_storage_bucket_config` (logs; GovCloud: the civilian shard). There is no `databricks-datasets-nvirginia` or `-canada`.
 */
const region = (partition: Partition, datasetsCity: string, logCity: string): RegionInfo =>
  ({ partition, datasetsBucket: `databricks-datasets-${datasetsCity}`, logBucket: `databricks-prod-storage-${logCity}` });

export const REGIONS: Readonly<Record<string, RegionInfo>> = {
  "ap-northeast-1": region("aws", "tokyo", "tokyo"),
  "ap-northeast-2": region("aws", "seoul", "seoul"),
  "ap-south-1": region("aws", "mumbai", "mumbai"),
  "ap-southeast-1": region("aws", "singapore", "singapore"),
  "ap-southeast-2": region("aws", "sydney", "sydney"),
  "ap-southeast-3": region("aws", "oregon", "jakarta"), // the SRA maps Jakarta's datasets to Oregon's bucket
  "ca-central-1": region("aws", "montreal", "montreal"),
  "eu-central-1": region("aws", "frankfurt", "frankfurt"),
  "eu-west-1": region("aws", "ireland", "ireland"),
  "eu-west-2": region("aws", "london", "london"),
  "eu-west-3": region("aws", "paris", "paris"),
  "sa-east-1": region("aws", "saopaulo", "saopaulo"),
  "us-east-1": region("aws", "virginia", "virginia"),
  "us-east-2": region("aws", "ohio", "ohio"),
  "us-west-1": region("aws", "oregon", "oregon"),
  "us-west-2": region("aws", "oregon", "oregon"),
  "us-gov-west-1": region("aws-us-gov", "pendleton", "pendleton"),
};

export const SUPPORTED_REGIONS: readonly string[] = Object.keys(REGIONS);

/** Region facts, or an error naming the region and the supported ones. */
export function regionInfo(region: string): RegionInfo {
  const info = REGIONS[region];
  if (!info) throw new Error(`region "${region}" is not supported; supported regions: ${SUPPORTED_REGIONS.join(", ")}`);
  return info;
}

export function partitionOf(region: string): PartitionConstants & { readonly name: Partition } {
  const partition = regionInfo(region).partition;
  return { name: partition, ...PARTITIONS[partition] };
}
