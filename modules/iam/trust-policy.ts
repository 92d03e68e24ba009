import { partitionOf } from "../core/constants";
import { accountRoot, policyDocument, PolicyDocument } from "../core/policy";

// The cross-account role's trust policy, a pure function (databricks/terraform-provider-databricks:aws/data_aws_assume_role_policy.go). Its permissions policies are in
// ./databricks-managed-policy.ts and ./customer-managed-policy.ts.

/** Input of {@link crossAccountTrustPolicy}. */
export interface CrossAccountTrustPolicyProps {
  /** Literal region; picks the partition of Databricks' principal. */
  readonly region: string;
  /** The Databricks account id: the trust policy's `sts:ExternalId`. */
  readonly databricksAccountId: string;
}

/**
 * Trust policy (§C.2, what `data.databricks_aws_assume_role_policy` renders): Databricks' AWS account of the
 * region's partition may assume the role, only with the Databricks account id as external id.
 */
export function crossAccountTrustPolicy({ region, databricksAccountId }: CrossAccountTrustPolicyProps): PolicyDocument {
  const p = partitionOf(region);
  return policyDocument({
    Effect: "Allow",
    Principal: { AWS: accountRoot(p.name, p.databricksAwsAccountId) },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "sts:ExternalId": databricksAccountId } },
  });
}
