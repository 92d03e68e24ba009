import type { PolicyStatement } from "../core/policy";

/**
 * The region name Databricks uses in root-bucket object prefixes (`<name>-prod/<workspace id>/…`): the SRA's
 * `region_name_config.primary_name` (databricks/terraform-databricks-sra:aws/tf/variables.tf). Kept apart from the
 * sample-dataset bucket cities (../core/constants.ts), which Databricks names independently. us-west-1 is served from
 * Oregon, as the SRA has it. GovCloud (civilian shard): `pendleton`.
 */
export const ROOT_BUCKET_REGION_NAMES: Readonly<Record<string, string>> = {
  "ap-northeast-1": "tokyo", "ap-northeast-2": "seoul", "ap-south-1": "mumbai", "ap-southeast-1": "singapore",
  "ap-southeast-2": "sydney", "ap-southeast-3": "jakarta", "ca-central-1": "canada", "eu-central-1": "frankfurt",
  "eu-west-1": "ireland", "eu-west-2": "london", "eu-west-3": "paris", "sa-east-1": "saopaulo",
  "us-east-1": "nvirginia", "us-east-2": "ohio", "us-west-1": "oregon", "us-west-2": "oregon", "us-gov-west-1": "pendleton",
};

export const ROOT_BUCKET_READ_ACTIONS: readonly string[] = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"];
export const ROOT_BUCKET_WRITE_ACTIONS: readonly string[] = ["s3:PutObject", "s3:DeleteObject"];

/** Who the statements admit: Databricks' AWS account, only for requests made for this Databricks account. */
export interface RootBucketPrincipal {
  readonly principalArn: string;
  readonly databricksAccountId: string;
}

/**
 * The SRA's restrictive root-bucket grants (databricks/terraform-databricks-sra:
 * aws/tf/modules/databricks_workspace/restrictive_root_bucket/main.tf): Databricks may read the whole bucket but write
 * and delete only under the workspace's own prefixes — `<region>-prod/0_databricks_dev`,
 * `ephemeral/<region>-prod/<workspace id>/*`, `<region>-prod/<workspace id>.*\/*` and `<region>-prod/<workspace id>/*`.
 * The TLS-only deny is added by the hardened bucket.
 */
export function restrictiveRootBucketGrants(bucketArn: string, who: RootBucketPrincipal, regionName: string, workspaceId: string): PolicyStatement[] {
  const condition = { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [who.databricksAccountId] } };
  const prefix = `${bucketArn}/${regionName}-prod`;
  return [
    {
      Sid: "GrantDatabricksReadAccess", Effect: "Allow", Principal: { AWS: who.principalArn },
      Action: [...ROOT_BUCKET_READ_ACTIONS], Resource: [bucketArn, `${bucketArn}/*`], Condition: condition,
    },
    {
      Sid: "GrantDatabricksWriteAccess", Effect: "Allow", Principal: { AWS: who.principalArn },
      Action: [...ROOT_BUCKET_WRITE_ACTIONS],
      Resource: [
        `${prefix}/0_databricks_dev`,
        `${bucketArn}/ephemeral/${regionName}-prod/${workspaceId}/*`,
        `${prefix}/${workspaceId}.*/*`,
        `${prefix}/${workspaceId}/*`,
      ],
      Condition: condition,
    },
  ];
}
