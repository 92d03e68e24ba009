import { GuardrailRule } from "../rule";
import { clusterAccessMode } from "./cluster-access-mode";
import { clusterPolicyAutotermination } from "./cluster-policy-autotermination";
import { clusterPolicyTags } from "./cluster-policy-tags";
import { clusterTags } from "./cluster-tags";
import { iamNoPassRoleWildcard } from "./iam-no-passrole-wildcard";
import { iamTrustExternalId } from "./iam-trust-external-id";
import { jobRunAsPolicy } from "./job-run-as-policy";
import { kmsKeyRotation } from "./kms-key-rotation";
import { legacyAccessOff } from "./legacy-access-off";
import { netNoInternetEgress } from "./net-no-internet-egress";
import { noSystemSchema } from "./no-system-schema";
import { providerNoCredentials } from "./provider-no-credentials";
import { s3Encryption } from "./s3-encryption";
import { s3PublicAccessBlock } from "./s3-public-access-block";
import { s3TlsOnly } from "./s3-tls-only";
import { servicePrincipalSource } from "./service-principal-source";
import { sgNoPublicIngress } from "./sg-no-public-ingress";
import { sgRestrictedEgress } from "./sg-restricted-egress";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { workspaceTags } from "./workspace-tags";

export * from "./cluster-access-mode";
export * from "./cluster-policy-autotermination";
export * from "./cluster-policy-tags";
export * from "./cluster-tags";
export * from "./iam-no-passrole-wildcard";
export * from "./iam-trust-external-id";
export * from "./job-run-as-policy";
export * from "./kms-key-rotation";
export * from "./legacy-access-off";
export * from "./net-no-internet-egress";
export * from "./no-system-schema";
export * from "./provider-no-credentials";
export * from "./s3-encryption";
export * from "./s3-public-access-block";
export * from "./s3-tls-only";
export * from "./service-principal-source";
export * from "./sg-no-public-ingress";
export * from "./sg-restricted-egress";
export * from "./vpc-flow-logs";
export * from "./workspace-tags";

/** Every rule of the Databricks guardrail pack, in report order (the rule table in docs/guardrails.md follows it). */
export const DATABRICKS_RULES: readonly GuardrailRule[] = [
  sgNoPublicIngress, sgRestrictedEgress,
  s3PublicAccessBlock, s3Encryption, s3TlsOnly,
  iamTrustExternalId, iamNoPassRoleWildcard, servicePrincipalSource,
  kmsKeyRotation, vpcFlowLogs, clusterPolicyAutotermination, providerNoCredentials,
  workspaceTags, clusterPolicyTags, clusterTags, clusterAccessMode,
  netNoInternetEgress, legacyAccessOff, noSystemSchema, jobRunAsPolicy,
];
