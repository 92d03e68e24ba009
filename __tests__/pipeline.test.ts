import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { KinesisToDeltaJob, KinesisToDeltaJobProps } from "../modules/pipeline";
import { ValidationError } from "../modules/core/problems";
import { resource, synthJson } from "./helpers";

const BASE: Omit<KinesisToDeltaJobProps, "provider"> = {
  namePrefix: "dbx", region: "us-east-1", instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/dbx-data-access",
  jobPolicyId: "policy-1", notebookSource: "# Databricks notebook source\nprint(1)\n", streamName: "events",
  outputBaseUrl: "s3://dbx-data/delta/", nodeTypeId: "m5d.large",
};
const synth = (props: Partial<KinesisToDeltaJobProps> = {}) => synthJson((scope) => {
  const provider = new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" });
  new KinesisToDeltaJob(scope, "pipeline", { ...BASE, provider, ...props });
});

describe("KinesisToDeltaJob", () => {
  test("one run at a time, autoscaling capped at maxWorkers, policy defaults applied", () => {
    const job = resource(synth({ maxWorkers: 3 }), "databricks_job", "pipeline");
    expect(job.max_concurrent_runs).toBe(1);
    expect(job.job_cluster[0].new_cluster).toMatchObject({ policy_id: "policy-1", apply_policy_default_values: true, autoscale: { min_workers: 1, max_workers: 3 } });
  });

  test("validation names the prop, the value and what is allowed", () => {
    const build = () => synth({ outputBaseUrl: "s3://dbx-data/delta", maxWorkers: 0, streamName: "events stream" });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow([
      '  - outputBaseUrl = "s3://dbx-data/delta": must be an s3://bucket/prefix/ URL ending with /',
      "  - maxWorkers = 0: must be an integer from 1 to 1000",
      '  - streamName = "events stream": must be a Kinesis stream name: 1 to 128 letters, digits, _ . -',
    ].join("\n"));
  });
});
