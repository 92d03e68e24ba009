/**
 * Databricks- and AWS-side constants, per partition and per region.
 * Source: ../shared/reference/databricks-on-aws.md §B.7, §B.8, §C.1 (values read from
 * databricks/terraform-provider-databricks aws/constants.go and databricks/terraform-databricks-sra).
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
  /** Databricks' city name for the region, used in its bucket names (databricks-datasets-<city>). */
  readonly city: string;
  /** City in Databricks' log bucket name (databricks-prod-storage-<city>); differs in two regions. */
  readonly logCity: string;
}

/**
 * Regions where Databricks classic compute is deployed with a customer-managed VPC
 * (the SRA region allow-list, reference §B.8; it rejects us-gov-east-1 and has no eu-north-1 back-end PrivateLink).
 */
export const REGIONS: Readonly<Record<string, RegionInfo>> = {
  "ap-northeast-1": { partition: "aws", city: "tokyo", logCity: "tokyo" },
  "ap-northeast-2": { partition: "aws", city: "seoul", logCity: "seoul" },
  "ap-south-1": { partition: "aws", city: "mumbai", logCity: "mumbai" },
  "ap-southeast-1": { partition: "aws", city: "singapore", logCity: "singapore" },
  "ap-southeast-2": { partition: "aws", city: "sydney", logCity: "sydney" },
  "ap-southeast-3": { partition: "aws", city: "jakarta", logCity: "jakarta" },
  "ca-central-1": { partition: "aws", city: "canada", logCity: "montreal" },
  "eu-central-1": { partition: "aws", city: "frankfurt", logCity: "frankfurt" },
  "eu-west-1": { partition: "aws", city: "ireland", logCity: "ireland" },
  "eu-west-2": { partition: "aws", city: "london", logCity: "london" },
  "eu-west-3": { partition: "aws", city: "paris", logCity: "paris" },
  "sa-east-1": { partition: "aws", city: "saopaulo", logCity: "saopaulo" },
  "us-east-1": { partition: "aws", city: "nvirginia", logCity: "virginia" },
  "us-east-2": { partition: "aws", city: "ohio", logCity: "ohio" },
  "us-west-1": { partition: "aws", city: "oregon", logCity: "oregon" },
  "us-west-2": { partition: "aws", city: "oregon", logCity: "oregon" },
  "us-gov-west-1": { partition: "aws-us-gov", city: "pendleton", logCity: "pendleton" },
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
