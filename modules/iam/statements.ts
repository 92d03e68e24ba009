import type { PolicyStatement } from "../core/policy";

// Statements both permissions policies of the cross-account role share.

/** Sid of the optional `iam:PassRole` statement (both modes). */
export const PASS_ROLE_SID = "PassInstanceProfileRoles";

/**
 * §C.3 statement 3: `iam:PassRole` on exactly the given role ARNs, and only to EC2 (the cluster nodes' instance
 * profiles): `iam:PassedToService` is the service principal the role is passed to (AWS IAM User Guide, "IAM and
 * AWS STS condition context keys", iam:PassedToService; "Grant a user permissions to pass a role to an AWS
 * service"). No statement for none.
 */
export function passRoleStatements(passRoleArns: readonly string[] | undefined): PolicyStatement[] {
  if (!passRoleArns || passRoleArns.length === 0) return [];
  return [{
    Sid: PASS_ROLE_SID, Effect: "Allow", Action: ["iam:PassRole"], Resource: [...passRoleArns],
    Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
  }];
}

/** The EC2 Spot service-linked role, any account (as both the provider and the SRA write it). */
export function spotServiceLinkedRoleArn(partition: string): string {
  return `arn:${partition}:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`;
}
