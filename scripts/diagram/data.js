// Drawing section (a method of Drawing): S3 buckets with their settings, Kinesis streams, KMS keys.
"use strict";
const { literal, list, plural } = require("./util.js");

module.exports = {
  /** Buckets (settings folded in, Databricks use named), streams, keys (named by alias). */
  data() {
    const use = new Map();
    for (const sc of this.ofType("databricks_mws_storage_configurations")) {
      const users = this.all.filter((r) => this.bodyRefs(r).includes(sc.addr)).map((r) => r.type);
      use.set(this.ref(sc.body.bucket_name), users.includes("databricks_mws_log_delivery") ? "log delivery bucket" : "workspace root bucket");
    }
    for (const t of this.ofType("aws_cloudtrail")) if (this.ref(t.body.s3_bucket_name)) use.set(this.ref(t.body.s3_bucket_name), "CloudTrail bucket");
    for (const b of this.ofType("aws_s3_bucket")) {
      this.draw(b, { shape: "db", cls: "data", group: this.DATA, lines: [use.get(b.addr), b.body.lifecycle?.prevent_destroy ? "prevent_destroy" : ""] });
    }
    for (const r of this.all.filter((x) => x.type.startsWith("aws_s3_bucket_") && this.byAddr.get(this.ref(x.body.bucket))?.type === "aws_s3_bucket")) {
      const b = r.body, sse = list(b.rule).map((x) => x.apply_server_side_encryption_by_default?.sse_algorithm).find(Boolean);
      const blocked = b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets;
      this.fold(r, this.ref(b.bucket), {
        aws_s3_bucket_versioning: list(b.versioning_configuration)[0]?.status === "Enabled" ? "versioned" : "",
        aws_s3_bucket_server_side_encryption_configuration: { AES256: "SSE-S3", "aws:kms": "SSE-KMS" }[sse] || sse,
        aws_s3_bucket_public_access_block: blocked ? "public access blocked" : "public access partly blocked",
        aws_s3_bucket_policy: "bucket policy",
        aws_s3_bucket_lifecycle_configuration: `lifecycle: ${plural(list(b.rule).length, "rule")}`,
      }[r.type]);
    }
    for (const s of this.ofType("aws_kinesis_stream")) {
      const onDemand = list(s.body.stream_mode_details)[0]?.stream_mode === "ON_DEMAND";
      this.draw(s, { shape: "db", cls: "data", group: this.DATA, lines: [onDemand ? "on demand" : s.body.shard_count ? plural(s.body.shard_count, "shard") : ""] });
    }
    for (const k of this.ofType("aws_kms_key")) {
      const aliases = this.ofType("aws_kms_alias").filter((a) => this.ref(a.body.target_key_id) === k.addr);
      aliases.forEach((a) => this.fold(a, k.addr, a === aliases[0] ? "" : a.body.name));
      this.draw(k, { shape: "sub", cls: "data", group: this.DATA, name: aliases.map((a) => a.body.name).find(literal),
        lines: [k.body.enable_key_rotation ? "rotation on" : "", k.body.lifecycle?.prevent_destroy ? "prevent_destroy" : ""] });
    }
  },
};
