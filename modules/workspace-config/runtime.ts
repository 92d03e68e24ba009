import { Token } from "cdktf";
import { Problem } from "../core/problems";

/**
 * Default Databricks Runtime: DBR 18 LTS (Spark 4.1, Scala 2.13; supported to June 2029), the newest LTS
 * (https://docs.databricks.com/aws/en/release-notes/runtime/). From DBR 18 the runtime key has no minor version:
 * `18.x-scala2.13` (https://docs.databricks.com/aws/en/release-notes/runtime/18). On DBR 18 the Kinesis source still
 * takes the cluster's instance profile on a dedicated cluster, an "alternate method" beside service credentials
 * (DBR 16.1+) and Unity Catalog connections (DBR 19+): https://docs.databricks.com/aws/en/connect/streaming/kinesis/authentication
 */
export const DEFAULT_SPARK_VERSION = "18.x-scala2.13";

/** Runtime keys as the Clusters API lists them: `15.4.x-scala2.12`, `18.x-scala2.13`, `17.3.x-photon-scala2.13`, `16.4.x-cpu-ml-scala2.12`. */
const SPARK_VERSION_KEY = /^\d+(\.\d+)?\.x-([a-z0-9]+-)*scala2\.\d+$/;

/** A pattern the runtime must match, with the config path that sets it. */
export interface NamedPattern { readonly name: string; readonly pattern: string }

/** Problems with a runtime key at `path`: its format, and each policy pattern it does not match. */
export function sparkVersionProblems(version: string, path: string, patterns: readonly NamedPattern[] = []): Problem[] {
  if (typeof version !== "string" || Token.isUnresolved(version)) return []; // a type the schema reports, or a token
  if (!SPARK_VERSION_KEY.test(version)) {
    return [{ path, value: version, message: "must be a Databricks Runtime key like 18.x-scala2.13 or 17.3.x-scala2.13 (databricks clusters spark-versions lists them)" }];
  }
  return patterns.flatMap(({ name, pattern }) => {
    let matches: boolean;
    try {
      matches = new RegExp(pattern).test(version);
    } catch {
      return []; // a broken pattern is reported on its own field
    }
    return matches ? [] : [{ path, value: version, message: `does not match ${name} ${JSON.stringify(pattern)}: the policy would reject the runtime` }];
  });
}
