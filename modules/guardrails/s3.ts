import { isExpression, RuleContext, TerraformBlock } from "./rule";

/**
 * The blocks of `type` that configure `bucket` (public access block, encryption, policy are separate resources in
 * AWS provider v4+): their `bucket` refers to the bucket resource, or equals its literal name.
 */
export function bucketCompanions(bucket: TerraformBlock, context: RuleContext, type: string): TerraformBlock[] {
  const name = bucket.config.bucket;
  const literal = typeof name === "string" && !isExpression(name) ? name : undefined;
  return context.blocks(type).filter((b) => context.isReferenceTo(b.config.bucket, bucket) || (literal !== undefined && b.config.bucket === literal));
}
