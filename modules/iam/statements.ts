import type { PolicyStatement } from "../core/policy";

// Statements both permissions policies of the cross-account role share.

/** Sid of the optional `iam:PassRole` statement (both modes). */
export const PASS_ROLE_SID = "PassInstanceProfileRoles";

/** §C.3 statement 3: `iam:PassRole` on exactly the given role ARNs; no statement for none. */
export function passRoleStatements(passRoleArns: readonly string[] | undefined): PolicyStatement[] {
  if (!passRoleArns || passRoleArns.length === 0) return [];
  return [{ Sid: PASS_ROLE_SID, Effect: "Allow", Action: ["iam:PassRole"], Resource: [...passRoleArns] }];
}

/** The EC2 Spot service-linked role, any account (as both the provider and the SRA write it). */
export function spotServiceLinkedRoleArn(partition: string): string {
  return `arn:${partition}:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`;
}
