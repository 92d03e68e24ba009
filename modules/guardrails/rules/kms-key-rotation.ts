import { Compliance, GuardrailRule, nonCompliant } from "../rule";

/** KMS keys rotate their key material yearly. */
export const kmsKeyRotation: GuardrailRule = {
  id: "DBX-KMS1",
  condition: "KMS keys have enable_key_rotation = true",
  explanation:
    "The customer-managed keys protect the workspace's root bucket, EBS volumes and managed services; yearly rotation " +
    "limits how much data one key version protects (CIS AWS 3.6, Security Hub KMS.4), at no cost to availability.",
  fix: "Set enable_key_rotation = true on the aws_kms_key",
  level: "error",
  appliesTo: ["aws_kms_key"],
  check: (key) => {
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
    const spec = key.config.customer_master_key_spec ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT") return Compliance.NOT_APPLICABLE;
    return key.config.enable_key_rotation === true ? Compliance.COMPLIANT : nonCompliant(["enable_key_rotation is not true"]);
  },
};
