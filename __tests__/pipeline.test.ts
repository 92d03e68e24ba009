import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { DeploymentContextProps } from "../modules/core/context";
import { KinesisToDeltaJob, KinesisToDeltaJobProps, kinesisToDeltaProblems } from "../modules/pipeline";
import { ValidationError } from "../modules/core/problems";
import { Json, refTo, resource, synthJson, withContext } from "./helpers";

const NOTEBOOK = "# Databricks notebook source\nprint(1)\n";
const BASE: KinesisToDeltaJobProps = {
  instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/dbx-data-access",
  jobPolicyId: "policy-1", notebookSource: NOTEBOOK, streamName: "events",
  outputBaseUrl: "s3://dbx-data/delta/", nodeTypeId: "m5d.large",
};
const synth = (props: Partial<KinesisToDeltaJobProps> = {}, context: Partial<DeploymentContextProps> = {}): Json => synthJson((scope) => {
  const workspaceProvider = new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" });
  withContext(scope, { workspaceProvider, ...context });
  new KinesisToDeltaJob(scope, "pipeline", { ...BASE, ...props });
});

describe("KinesisToDeltaJob", () => {
  test("one run at a time, autoscaling capped at maxWorkers, policy defaults applied", () => {
    const job = resource(synth({ maxWorkers: 3 }), "databricks_job", "pipeline");
    expect(job.max_concurrent_runs).toBe(1);
    expect(job.job_cluster[0].new_cluster).toMatchObject({ policy_id: "policy-1", apply_policy_default_values: true, autoscale: { min_workers: 1, max_workers: 3 } });
  });

  test("names, notebook folder and the stream's region come from the context; everything on the workspace provider", () => {
    const json = synth({}, { resourcePrefix: "acme-prod", region: "eu-west-1" });
    const job = resource(json, "databricks_job", "pipeline");
    expect(job.name).toBe("acme-prod kinesis to delta");
    expect(job.provider).toBe("databricks.workspace");
    expect(job.task[0].notebook_task).toEqual({
      notebook_path: refTo(json, "databricks_notebook", "pipeline", "path"),
      base_parameters: {
        stream_name: "events", region: "eu-west-1",
        output_path: "s3://dbx-data/delta/events", checkpoint_path: "s3://dbx-data/delta/_checkpoints/events",
      },
    });
    expect(resource(json, "databricks_notebook", "pipeline")).toEqual({
      provider: "databricks.workspace", path: "/Shared/acme-prod/kinesis_to_delta", language: "PYTHON",
      content_base64: Buffer.from(NOTEBOOK, "utf8").toString("base64"),
    });
    expect(resource(json, "databricks_instance_profile", "pipeline")).toEqual({
      provider: "databricks.workspace", instance_profile_arn: BASE.instanceProfileArn,
    });
    expect(job.job_cluster[0].new_cluster.aws_attributes).toEqual({
      instance_profile_arn: refTo(json, "databricks_instance_profile", "pipeline", "instance_profile_arn"), availability: "SPOT_WITH_FALLBACK",
    });
  });

  test("without a DeploymentContext, or without its workspace provider, it throws", () => {
    expect(() => synthJson((scope) => new KinesisToDeltaJob(scope, "pipeline", BASE))).toThrow(
      "stack/pipeline: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
    expect(() => synthJson((scope) => {
      withContext(scope);
      new KinesisToDeltaJob(scope, "pipeline", BASE);
    })).toThrow("stack/pipeline: configures a workspace, but the DeploymentContext has no workspaceProvider");
  });

  test("validation names the prop, the value and what is allowed", () => {
    const build = () => synth({ outputBaseUrl: "s3://dbx-data/delta", maxWorkers: 0, streamName: "events stream" });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow([
      '  - outputBaseUrl = "s3://dbx-data/delta": must be an s3://bucket/prefix/ URL ending with /',
      "  - maxWorkers = 0: must be an integer from 1 to 1000",
      '  - streamName = "events stream": must be a Kinesis stream name: 1 to 128 letters, digits, _ . -',
    ].join("\n"));
    const { notebookSource: _, ...settings } = BASE;
    expect(kinesisToDeltaProblems(settings)).toEqual([]);
  });
});
