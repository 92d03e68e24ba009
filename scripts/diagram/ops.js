// Drawing section (a method of Drawing): log groups, CloudTrail trails, alarms, SNS topics.
"use strict";
const { list } = require("./util.js");

const OPS_SIGN = { GreaterThanOrEqualToThreshold: "≥", GreaterThanThreshold: ">", LessThanThreshold: "<", LessThanOrEqualToThreshold: "≤" };

module.exports = {
  /** Log groups, trails, alarms, topics; a metric filter folds into its log group and links it to the alarm on its metric. */
  ops() {
    for (const l of this.ofType("aws_cloudwatch_log_group")) {
      this.draw(l, { cls: "ops", group: this.OPS, lines: [l.body.retention_in_days ? `kept ${l.body.retention_in_days} days` : "kept forever"] });
    }
    for (const t of this.ofType("aws_cloudtrail")) this.draw(t, { cls: "ops", group: this.OPS, lines: [t.body.is_multi_region_trail ? "all regions" : "this region"] });
    for (const t of this.ofType("aws_sns_topic")) this.draw(t, { shape: "round", cls: "ops", group: this.OPS });
    for (const s of this.ofType("aws_sns_topic_subscription")) if (this.ref(s.body.topic_arn)) this.fold(s, this.ref(s.body.topic_arn), `${s.body.protocol} subscription`);
    for (const a of this.ofType("aws_cloudwatch_metric_alarm")) {
      const b = a.body, sign = OPS_SIGN[b.comparison_operator] || b.comparison_operator;
      this.draw(a, { shape: "round", cls: "ops", group: this.OPS, lines: [[b.metric_name, sign, b.threshold].filter((x) => x !== undefined).join(" ")] });
    }
    for (const f of this.ofType("aws_cloudwatch_log_metric_filter")) {
      const group = this.ref(f.body.log_group_name), metric = list(f.body.metric_transformation)[0] || {};
      if (!group) continue;
      this.fold(f, group, `metric filter → ${metric.name}`);
      for (const a of this.ofType("aws_cloudwatch_metric_alarm")) {
        if (a.body.metric_name === metric.name && a.body.namespace === metric.namespace) this.g.edge(group, a.addr, "metric filter");
      }
    }
  },
};
