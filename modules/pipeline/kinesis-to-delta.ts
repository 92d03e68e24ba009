import { InstanceProfile } from "@cdktf/provider-databricks/lib/instance-profile";
import { Job } from "@cdktf/provider-databricks/lib/job";
import { Notebook } from "@cdktf/provider-databricks/lib/notebook";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";

/**
 * Props of {@link KinesisToDeltaJob}. The workspace-level provider, the prefix of the job name
 * (`<prefix> kinesis to delta`) and of the notebook folder (`/Shared/<prefix>/`), and the stream's region (passed to
 * the notebook) come from the `DeploymentContext`.
 */
export interface KinesisToDeltaJobProps {
  /** The instance profile clusters run with (from `DataAccess`); registered with the workspace here. */
  readonly instanceProfileArn: string;
  /** The job cluster policy (from `ClusterPolicies`). */
  readonly jobPolicyId: string;
  /** The notebook's source (Databricks Python source format). */
  readonly notebookSource: string;
  /** Stream to read. */
  readonly streamName: string;
  /** Where the Delta table and its checkpoint go, e.g. `s3://bucket/delta/`. Must end with `/`. */
  readonly outputBaseUrl: string;
  /** Must be a node type the job policy allows. */
  readonly nodeTypeId: string;
  /** Autoscaling ceiling of the job cluster (it starts with 1 worker); the job policy must allow it. @default 2 */
  readonly maxWorkers?: number;
  /** Databricks Runtime of the job cluster. @default "15.4.x-scala2.12" (an LTS runtime) */
  readonly sparkVersion?: string;
}

/**
 * The article's workflow, deployable: the notebook in the workspace, the instance profile registered, and a job
 * that runs the notebook on a job cluster under the job policy with that instance profile.
 */
export class KinesisToDeltaJob extends Construct {
  /** The instance profile's registration with the workspace (`databricks_instance_profile`). */
  public readonly instanceProfile: InstanceProfile;
  /** The notebook, at `/Shared/<prefix>/kinesis_to_delta`. */
  public readonly notebook: Notebook;
  /** The job `<prefix> kinesis to delta`: one job cluster under the job policy, at most one run at a time. */
  public readonly job: Job;

  constructor(scope: Construct, id: string, props: KinesisToDeltaJobProps) {
    super(scope, id);
    const context = DeploymentContext.of(this);
    throwIfProblems(`KinesisToDeltaJob ${this.node.path}`, kinesisToDeltaProblems(props));
    const provider = context.workspaceProvider(this);
    this.instanceProfile = new InstanceProfile(this, "instance-profile", { provider, instanceProfileArn: props.instanceProfileArn });
    this.notebook = new Notebook(this, "notebook", {
      provider, path: `/Shared/${context.resourcePrefix}/kinesis_to_delta`, language: "PYTHON",
      contentBase64: Buffer.from(props.notebookSource, "utf8").toString("base64"),
    });
    this.job = new Job(this, "job", {
      provider,
      name: `${context.resourcePrefix} kinesis to delta`,
      maxConcurrentRuns: 1,
      jobCluster: [{
        jobClusterKey: "ingest",
        newCluster: {
          policyId: props.jobPolicyId,
          // The policy's fixed values (cost tags, auto-termination, instance profile) are applied, not just checked.
          applyPolicyDefaultValues: true,
          sparkVersion: props.sparkVersion ?? "15.4.x-scala2.12",
          nodeTypeId: props.nodeTypeId,
          autoscale: { minWorkers: 1, maxWorkers: props.maxWorkers ?? 2 },
          // The registration must exist before a cluster can use the profile.
          awsAttributes: { instanceProfileArn: this.instanceProfile.instanceProfileArn, availability: "SPOT_WITH_FALLBACK" },
        },
      }],
      task: [{
        taskKey: "kinesis_to_delta",
        jobClusterKey: "ingest",
        notebookTask: {
          notebookPath: this.notebook.path,
          baseParameters: {
            stream_name: props.streamName,
            region: context.region,
            output_path: `${props.outputBaseUrl}events`,
            checkpoint_path: `${props.outputBaseUrl}_checkpoints/events`,
          },
        },
      }],
    });
  }
}

/** Problems with the props (the notebook's source is not checked), paths relative to them. */
export function kinesisToDeltaProblems(props: Omit<KinesisToDeltaJobProps, "notebookSource">): Problem[] {
  const problems: Problem[] = [];
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?\/$/.test(props.outputBaseUrl)) {
    problems.push({ path: "outputBaseUrl", value: props.outputBaseUrl, message: "must be an s3://bucket/prefix/ URL ending with /" });
  }
  const max = props.maxWorkers ?? 2;
  if (!Number.isInteger(max) || max < 1 || max > 1000) problems.push({ path: "maxWorkers", value: max, message: "must be an integer from 1 to 1000" });
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(props.streamName)) problems.push({ path: "streamName", value: props.streamName, message: "must be a Kinesis stream name: 1 to 128 letters, digits, _ . -" });
  return problems;
}
