/** IAM role name limits (IAM User Guide, "IAM name requirements"; CreateRole `RoleName`). */
export const ROLE_NAME_MAX_LENGTH = 64;
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]+$/;

/** Suffix of the cross-account role's name: `<prefix>-cross-account` (its inline policy adds `-policy`). */
export const CROSS_ACCOUNT_ROLE_SUFFIX = "-cross-account";

/** The cross-account role's name for a resource prefix: the one place it is spelled. */
export function crossAccountRoleName(prefix: string): string {
  return `${prefix}${CROSS_ACCOUNT_ROLE_SUFFIX}`;
}

const IAM_NAME = "[\\w+=,.@-]{1,64}";
const IAM_PATH = "([\\w+=,.@-]+/)*";

/** An IAM role ARN of `partition`: optional path, then the role name. No wildcard can match. */
export function iamRoleArnPattern(partition: string): RegExp {
  return new RegExp(`^arn:${partition}:iam::\\d{12}:role/${IAM_PATH}${IAM_NAME}$`);
}

/** An IAM principal ARN of `partition`: an account root, an IAM user or an IAM role. No wildcard can match. */
export function iamPrincipalArnPattern(partition: string): RegExp {
  return new RegExp(`^arn:${partition}:iam::\\d{12}:(root|(user|role)/${IAM_PATH}${IAM_NAME})$`);
}
