// EC2 instance types for cluster node types. No maintained npm package lists EC2 instance types (the AWS SDK's EC2
// model does, but is ~10 MB for one enum), so this is a small table with its source and date, and a shape rule.
import { editDistance } from "./edit-distance";

/**
 * EC2 instance families (current and previous generation), as of 2026-11, from "Amazon EC2 instance types"
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html). A type is `<family>.<size>`: "The
 * instance family is everything before the period".
 */
export const EC2_INSTANCE_FAMILIES: readonly string[] = [
  // General purpose
  "a1", "m1", "m2", "m3", "m4", "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in",
  "m7a", "m7g", "m7gd", "m7i", "m7i-flex", "m8a", "m8g", "m8gd", "m8i", "m8i-flex", "mac1", "mac2", "mac2-m1ultra", "mac2-m2", "mac2-m2pro",
  "t1", "t2", "t3", "t3a", "t4g",
  // Compute optimized
  "c1", "c3", "c4", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g", "c7gd", "c7gn", "c7i",
  "c7i-flex", "c8g", "c8gd", "c8gn", "c8i", "c8i-flex",
  // Memory optimized
  "cr1", "r3", "r4", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd",
  "r7i", "r7iz", "r8g", "r8gd", "r8i", "r8i-flex", "u-3tb1", "u-6tb1", "u-9tb1", "u-12tb1", "u-18tb1", "u-24tb1", "u7i-6tb", "u7i-8tb", "u7i-12tb",
  "u7in-16tb", "u7in-24tb", "u7in-32tb", "x1", "x1e", "x2gd", "x2idn", "x2iedn", "x2iezn", "x8g", "z1d",
  // Storage optimized
  "d2", "d3", "d3en", "h1", "hs1", "i2", "i3", "i3en", "i4g", "i4i", "i7i", "i7ie", "i8g", "im4gn", "is4gen",
  // Accelerated computing
  "dl1", "dl2q", "f1", "f2", "g2", "g3", "g3s", "g4ad", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "gr6", "gr6f", "inf1", "inf2",
  "p2", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "trn1", "trn1n", "trn2", "vt1",
  // High-performance computing
  "hpc6a", "hpc6id", "hpc7a", "hpc7g",
];

/**
 * The EC2 families Databricks lists for AWS compute, as of 2026-11, from Databricks' "Flexible node type
 * compatibility reference" (https://docs.databricks.com/aws/en/compute/flexible-node-type-instances, "AWS instance
 * type compatibility groups"). A family missing here is only a warning: Databricks adds families over time, and the
 * workspace's own list (`databricks clusters list-node-types`) is the final word.
 */
export const DATABRICKS_AWS_FAMILIES: readonly string[] = [
  "c3", "c4", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g", "c7gd", "c7i",
  "d3", "d3en", "g4dn", "g5", "g6", "g6e", "i3", "i3en", "i4i", "m4", "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn",
  "m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "p3", "p4d", "p5",
  "r3", "r4", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd", "r7i", "r7iz",
  "x1", "x1e", "x2idn", "x2iedn", "z1d",
];

/** EC2 sizes: nano to xlarge, `<n>xlarge`, `metal`, `metal-<n>xl`. */
const SIZE = /^(nano|micro|small|medium|large|xlarge|[1-9]\d*xlarge|metal|metal-[1-9]\d*xl)$/;
const COMMON_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"];
/** Databricks' AWS fleet node types (`md-fleet.xlarge`): one name for several EC2 families, chosen at launch. */
const FLEET = /^[a-z]{1,3}-fleet$/;
/** A family's series (letters) and generation (digits): `im4gn` is series `im`, generation 4. */
const SERIES = /^([a-z]+)-?(\d+)/;

function seriesOf(family: string): { series: string; generation: number } | undefined {
  const m = SERIES.exec(family);
  return m ? { series: m[1], generation: Number(m[2]) } : undefined;
}

const NEWEST = new Map<string, number>();
for (const f of EC2_INSTANCE_FAMILIES) {
  const s = seriesOf(f);
  if (s) NEWEST.set(s.series, Math.max(NEWEST.get(s.series) ?? 0, s.generation));
}

/**
 * Why `name` is no EC2 instance type (undefined when it is one, or may be one newer than the table): a name that
 * is not `<family>.<size>`, a size EC2 does not have, or a family of a known series and generation that EC2 does
 * not have (`m5e`). A family of a generation newer than the table's is left to {@link instanceTypeWarning}.
 */
export function instanceTypeProblem(name: string): string | undefined {
  const dot = name.indexOf(".");
  const [family, size] = dot < 0 ? [name, ""] : [name.slice(0, dot), name.slice(dot + 1)];
  if (FLEET.test(family) && SIZE.test(size)) return undefined;
  if (!SIZE.test(size)) {
    const near = COMMON_SIZES.filter((s) => editDistance(s, size) <= 2).sort((a, b) => editDistance(a, size) - editDistance(b, size))[0];
    const hint = near && family ? `; did you mean ${family}.${near}?` : "";
    return `is not an EC2 instance type: expected <family>.<size> with a size such as large, xlarge, 2xlarge or metal (e.g. m5d.xlarge)${hint}`;
  }
  if (EC2_INSTANCE_FAMILIES.includes(family)) return undefined;
  const s = seriesOf(family);
  const newest = s ? NEWEST.get(s.series) : undefined;
  if (s && newest !== undefined && s.generation > newest) return undefined;
  const siblings = s && newest !== undefined ? EC2_INSTANCE_FAMILIES.filter((f) => seriesOf(f)?.series === s.series && seriesOf(f)?.generation === s.generation) : [];
  return `is not an EC2 instance type: EC2 has no instance family ${JSON.stringify(family)}` +
    (siblings.length > 0 ? ` (generation ${s!.generation} of ${s!.series}: ${siblings.join(", ")})` : "") +
    " (docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html)";
}

/**
 * A warning for a valid-looking instance type Databricks may not offer: a family missing from
 * DATABRICKS_AWS_FAMILIES (a real EC2 family, or one newer than EC2_INSTANCE_FAMILIES). Undefined otherwise.
 */
export function instanceTypeWarning(name: string): string | undefined {
  if (instanceTypeProblem(name) !== undefined) return undefined;
  const family = name.slice(0, name.indexOf("."));
  if (FLEET.test(family) || DATABRICKS_AWS_FAMILIES.includes(family)) return undefined;
  const known = EC2_INSTANCE_FAMILIES.includes(family) ? "is an EC2 instance type" : `has an EC2 family newer than this project's table (2026-11)`;
  return `${known} that Databricks' list of AWS node types (2026-11, docs.databricks.com/aws/en/compute/flexible-node-type-instances) does not include; ` +
    "check `databricks clusters list-node-types` on the workspace before relying on it";
}
