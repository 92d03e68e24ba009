import { execFileSync } from "child_process";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import * as fs from "fs";
import * as path from "path";
import { DeploymentContextProps } from "../../modules/core/context";
import { isJavaTimeZone, jobScheduleProblems, KinesisToDeltaJob, KinesisToDeltaJobProps, kinesisToDeltaProblems, quartzCronProblems } from "../../modules/pipeline";
import { formatProblem, ValidationError } from "../../modules/core/problems";
import { ClusterPolicies, sparkVersionProblems } from "../../modules/workspace-config";
import { Json, refTo, resource, resources, synthJson, withContext } from "../helpers";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { DatabricksGuardrails } from "../../modules/guardrails";
import { sharedSynthDir } from "../app-synth";

const NOTEBOOK = "# Databricks notebook source\nprint(1)\n";
const BASE: KinesisToDeltaJobProps = {
  instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/dbx-data-access",
  jobPolicyId: "policy-1", notebookSource: NOTEBOOK, streamName: "events",
  outputBaseUrl: "s3://dbx-data/delta/", nodeTypeId: "m5d.large",
};
const TEST_TAGS = { Environment: "test", Owner: "data-platform", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" };
const synth = (props: Partial<KinesisToDeltaJobProps> = {}, context: Partial<DeploymentContextProps> = {}): Json => synthJson((scope) => {
  const workspaceProvider = new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" });
  withContext(scope, { workspaceProvider, tags: TEST_TAGS, ...context });
  new KinesisToDeltaJob(scope, "pipeline", { ...BASE, ...props });
});

describe("KinesisToDeltaJob", () => {
  test("one run at a time; the cluster spelt out: dedicated, DBR 18 LTS, the policy's tags, no apply_policy_default_values", () => {
    const json = synth({ maxWorkers: 3 });
    const job = resource(json, "databricks_job", "pipeline");
    expect(job.max_concurrent_runs).toBe(1);
    expect(job.schedule).toBeUndefined(); // on demand unless scheduled
    expect(job.job_cluster[0].new_cluster).toEqual({
      policy_id: "policy-1", spark_version: "18.x-scala2.13", node_type_id: "m5d.large", autoscale: { min_workers: 1, max_workers: 3 },
      data_security_mode: "SINGLE_USER", enable_elastic_disk: true,
      custom_tags: { Environment: "test", Owner: "data-platform", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" },
      aws_attributes: { instance_profile_arn: refTo(json, "databricks_instance_profile", "pipeline", "instance_profile_arn"), availability: "SPOT_WITH_FALLBACK" },
    });
  });

  test("schedule: Quartz cron, time zone (default UTC), paused or not; the runtime and the policy's tags as given", () => {
    const job = (props: Partial<KinesisToDeltaJobProps>) => resource(synth(props), "databricks_job", "pipeline");
    expect(job({ schedule: { cron: "0 0 * * * ?" } }).schedule).toEqual({ quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" });
    expect(job({ schedule: { cron: "0 30 2 ? * MON-FRI", timezone: "Europe/Berlin", paused: true } }).schedule)
      .toEqual({ quartz_cron_expression: "0 30 2 ? * MON-FRI", timezone_id: "Europe/Berlin", pause_status: "PAUSED" });
    const cluster = job({ sparkVersion: "17.3.x-scala2.13", jobPolicyTags: { Owner: "x" } }).job_cluster[0].new_cluster;
    expect(cluster.spark_version).toBe("17.3.x-scala2.13");
    expect(cluster.custom_tags).toEqual({ Owner: "x" });
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
    const build = () => synth({
      outputBaseUrl: "s3://dbx-data/delta", maxWorkers: 0, streamName: "events stream", sparkVersion: "18.0",
      schedule: { cron: "0 3 * * *", timezone: "CET/Paris" },
    });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow([
      '  - outputBaseUrl = "s3://dbx-data/delta": must be an s3://bucket/prefix/ URL ending with /',
      "  - maxWorkers = 0: must be an integer from 1 to 1000",
      '  - streamName = "events stream": must be a Kinesis stream name: 1 to 128 letters, digits, _ . -',
      '  - sparkVersion = "18.0": must be a Databricks Runtime key like 18.x-scala2.13 or 17.3.x-scala2.13 (databricks clusters spark-versions lists them)',
      '  - schedule.cron = "0 3 * * *": must be a Quartz cron expression of 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 * * * ?"; has 5 (a Unix cron? Quartz puts seconds first and ? in day-of-month or day-of-week)',
      '  - schedule.timezone = "CET/Paris": must be a Java (IANA) time zone id like "UTC" or "Europe/Berlin" (case-sensitive)',
    ].join("\n"));
    const { notebookSource: _, ...settings } = BASE;
    expect(kinesisToDeltaProblems(settings)).toEqual([]);
  });
});

describe("schedule and runtime validation", () => {
  const cron = (expr: string) => quartzCronProblems(expr, "cron").map(formatProblem);

  test("Quartz expressions Databricks accepts pass", () => {
    for (const ok of ["0 0 * * * ?", "0 0/15 * * * ?", "49 0 7 ? * Fri", "0 30 2 ? * MON-FRI", "0 0 12 1,15 * ?", "0 0 6 L * ?", "0 0 6 ? * 6L", "0 0 6 ? * 2#1", "0 0 0 15W JAN-MAR ? 2027", "0 15 10 ? * * 2026-2030"]) {
      expect([ok, cron(ok)]).toEqual([ok, []]);
    }
  });

  test("wrong field counts, out-of-range values and the day-field rule are each named", () => {
    expect(cron("0 0 * * * * * *")).toEqual(['cron = "0 0 * * * * * *": must be a Quartz cron expression of 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 * * * ?"; has 8']);
    expect(cron("0 60 25 * * ?")).toEqual([
      'cron = "0 60 25 * * ?": has an invalid minutes field "60" (0-59, *, lists, ranges, /steps)',
      'cron = "0 60 25 * * ?": has an invalid hours field "25" (0-23, *, lists, ranges, /steps)',
    ]);
    expect(cron("0 0 * ? FOO ?")).toEqual(['cron = "0 0 * ? FOO ?": has an invalid month field "FOO" (1-12 or JAN-DEC, *, lists, ranges, /steps)']);
    expect(cron("0 0 * * * *")).toEqual(['cron = "0 0 * * * *": must have ? in exactly one of day-of-month and day-of-week (Quartz), e.g. "0 0 3 * * ?"']);
    expect(cron("0 0 3 ? * ?")).toEqual(['cron = "0 0 3 ? * ?": must have ? in exactly one of day-of-month and day-of-week (Quartz), e.g. "0 0 3 * * ?"']);
    expect(cron("0 0/0 * * * ?")).toEqual(['cron = "0 0/0 * * * ?": has an invalid minutes field "0/0" (0-59, *, lists, ranges, /steps)']);
  });

  test("time zones: Java ids, case-sensitive; aliases Java knows are accepted", () => {
    for (const ok of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Calcutta", "America/Argentina/Buenos_Aires", "Etc/GMT+5"]) expect([ok, isJavaTimeZone(ok)]).toEqual([ok, true]);
    for (const bad of ["europe/berlin", "Europe/berlin", "CET/Paris", "Mars/Olympus", "+05:00", "", "Europe/Berlin "]) expect([bad, isJavaTimeZone(bad)]).toEqual([bad, false]);
    expect(jobScheduleProblems({ cron: "0 0 * * * ?", timezone: "utc" }).map(formatProblem)).toEqual([
      'schedule.timezone = "utc": must be a Java (IANA) time zone id like "UTC" or "Europe/Berlin" (case-sensitive)',
    ]);
  });

  test("runtime keys: the DBR 18 major-only form and the older major.minor form", () => {
    for (const ok of ["18.x-scala2.13", "17.3.x-scala2.13", "15.4.x-scala2.12", "16.4.x-cpu-ml-scala2.12"]) expect(sparkVersionProblems(ok, "v")).toEqual([]);
    for (const bad of ["18", "18.x", "latest", "18.x-scala3.3", "17.3.x-scala2.13 "]) expect(sparkVersionProblems(bad, "v")).toHaveLength(1);
  });
});

/** Values at dotted policy paths of a cluster spec (`custom_tags.Owner` → spec.custom_tags.Owner), references to a block's argument resolved. */
function atPath(json: Json, spec: Json, dotted: string): unknown {
  const value = dotted.split(".").reduce<any>((v, key) => v?.[key], spec);
  const ref = typeof value === "string" ? /^\$\{([a-z_]+)\.([^.]+)\.([a-z_]+)\}$/.exec(value) : null;
  return ref ? json.resource?.[ref[1]]?.[ref[2]]?.[ref[3]] ?? value : value;
}

/** What the job cluster spec breaks of its policy: a fixed value not repeated (drift), or a limit it exceeds. */
function policyMismatches(json: Json, definition: Json, spec: Json): string[] {
  return Object.entries<Json>(definition).flatMap(([attr, rule]) => {
    if (attr === "cluster_type") return []; // virtual: no cluster attribute
    const value = atPath(json, spec, attr);
    const bad = (why: string) => [`${attr}: ${JSON.stringify(value)} ${why}`];
    if (value === undefined) return rule.type === "fixed" ? bad(`is missing; the policy fixes ${JSON.stringify(rule.value)}`) : [];
    switch (rule.type) {
      case "fixed": return value === rule.value ? [] : bad(`differs from the fixed ${JSON.stringify(rule.value)}`);
      case "allowlist": return rule.values.includes(value) ? [] : bad("is not in the allowlist");
      case "regex": return new RegExp(rule.pattern).test(String(value)) ? [] : bad(`does not match ${rule.pattern}`);
      case "range": return (rule.minValue === undefined || Number(value) >= rule.minValue) && (rule.maxValue === undefined || Number(value) <= rule.maxValue) ? [] : bad("is out of range");
      default: return [];
    }
  });
}

describe("the job cluster and its policy agree (no drift, nothing refused)", () => {
  test("a job built from ClusterPolicies repeats every fixed value of the job policy and stays within its limits", () => {
    const json = synthJson((scope) => {
      withContext(scope, { workspaceProvider: new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" }) });
      const policies = new ClusterPolicies(scope, "policies", {
        clusterPolicy: { maxAutoterminationMinutes: 60, maxWorkers: 4, allowedNodeTypes: ["m5d.large"] },
        jobPolicy: { maxWorkers: 2, allowedNodeTypes: ["m5d.large"] }, instanceProfileArn: BASE.instanceProfileArn, tags: { ...TEST_TAGS, Team: "ingest" },
      });
      new KinesisToDeltaJob(scope, "pipeline", { ...BASE, jobPolicyId: policies.jobPolicyId, jobPolicyTags: policies.tags });
    });
    const definition = JSON.parse(resource(json, "databricks_cluster_policy", "jobs").definition);
    const spec = resource(json, "databricks_job", "pipeline").job_cluster[0].new_cluster;
    expect(policyMismatches(json, definition, spec)).toEqual([]);
    expect(spec.custom_tags.Team).toBe("ingest");
  });

  // Fails on the job as it was (apply_policy_default_values, no custom_tags, no enable_elastic_disk, no access mode).
  test.each(["poc", "dev", "prod"])("%s: the synthesized job's cluster spec equals its policy's fixed values and limits", (env) => {
    const outdir = sharedSynthDir();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const json: Json = JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks[`${env}-workspace-config`].synthesizedStackPath), "utf8"));
    const [job] = resources(json, "databricks_job");
    const spec = job.job_cluster[0].new_cluster;
    const policyId = /^\$\{databricks_cluster_policy\.([^.]+)\.id\}$/.exec(spec.policy_id)![1];
    const definition = JSON.parse(json.resource.databricks_cluster_policy[policyId].definition);
    expect(definition.cluster_type).toEqual({ type: "fixed", value: "job" });
    expect(policyMismatches(json, definition, spec)).toEqual([]);
    expect(spec.apply_policy_default_values).toBeUndefined(); // the Jobs API never returns it
    expect(definition.autotermination_minutes).toBeUndefined(); // job clusters don't support it
    expect(job.schedule).toEqual({ quartz_cron_expression: env === "prod" ? "0 0/15 * * * ?" : "0 0 * * * ?", timezone_id: "UTC", pause_status: env === "poc" ? "PAUSED" : "UNPAUSED" });
  });
});

describe("the job's run-as service principal can use its cluster's policy (guardrail DBX-JOB1)", () => {
  const findings = (jobRunAsServicePrincipals?: string[]) => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const pack = new DatabricksGuardrails();
    Aspects.of(stack).add(pack);
    withContext(stack, { workspaceProvider: new DatabricksProvider(stack, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" }), tags: TEST_TAGS });
    const policies = new ClusterPolicies(stack, "policies", {
      clusterPolicy: { maxAutoterminationMinutes: 60, maxWorkers: 4, allowedNodeTypes: ["m5d.large"], users: ["users"] },
      jobPolicy: { maxWorkers: 2, allowedNodeTypes: ["m5d.large"], users: ["users"] }, jobRunAsServicePrincipals,
    });
    new KinesisToDeltaJob(stack, "pipeline", { ...BASE, jobPolicyId: policies.jobPolicyId, jobPolicyTags: policies.tags, unityCatalog: {
      table: "c.raw.events", checkpointPath: "/Volumes/c/raw/checkpoints/events", serviceCredential: "cred", runAsServicePrincipal: "sp-app-id",
    } });
    Testing.synth(stack);
    return pack.findings.filter((f) => f.ruleId === "DBX-JOB1").map((f) => f.finding);
  };

  test("a job running as a service principal the job policy does not grant CAN_USE is an error (group grants do not count)", () => {
    expect(findings()).toEqual([expect.stringMatching(/^job_cluster\[0\] \(ingest\): run-as service principal has no CAN_USE on databricks_cluster_policy\.policies_jobs_[0-9A-F]+$/)]);
    expect(findings(["sp-app-id"])).toEqual([]);
  });

  test.each(["poc", "dev", "prod"])("%s: the job's run-as service principal has CAN_USE on the jobs policy (exact access_control)", (env) => {
    const outdir = sharedSynthDir();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const json: Json = JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks[`${env}-workspace-config`].synthesizedStackPath), "utf8"));
    const [job] = resources(json, "databricks_job");
    const sp = job.run_as.service_principal_name;
    expect(sp).toMatch(/^\$\{data\.terraform_remote_state\..*application_id\}$/);
    const { "//": _meta, ...permissions } = resource(json, "databricks_permissions", "jobs-permissions");
    expect(permissions).toEqual({
      provider: "databricks.workspace", cluster_policy_id: job.job_cluster[0].new_cluster.policy_id,
      access_control: [
        ...(env === "prod" ? [] : [{ group_name: "users", permission_level: "CAN_USE" }]), // prod lists no users
        { service_principal_name: sp, permission_level: "CAN_USE" },
      ],
    });
  });
});


/**
 * Runs notebooks/kinesis_to_delta.py in Python with Spark, dbutils and delta stubbed: an availableNow run over an
 * empty stream writes no batch and so no table. Prints the notebook's exit value, or the exception that ended it.
 */
const HARNESS = String.raw`
import json, sys, types
table_exists, progress = json.loads(sys.argv[2])
extra = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
options, targets = [], []
class Chain:
    def __init__(self, on_end=None): self.on_end = on_end
    def __getattr__(self, name): return lambda *a, **k: self
class Query:
    recentProgress = progress
    def awaitTermination(self): pass
class Writer(Chain):
    def start(self, path): targets.append("path " + path); return Query()
    def toTable(self, name): targets.append("table " + name); return Query()
class Events:
    writeStream = Writer()
class Reader(Chain):
    def load(self, path=None):
        if not table_exists: raise RuntimeError("[DELTA_MISSING_DELTA_TABLE] not a Delta table: " + str(path))
        return Chain()
class Records(Chain):
    def selectExpr(self, *a): return Events()
class RS(Chain):
    def option(self, k, v): options.append(k); return self
    def load(self): return Records()
class Spark:
    readStream = RS()
    read = Reader()
    catalog = types.SimpleNamespace(tableExists=lambda name: table_exists)
    def table(self, name): return Chain()
class Exit(Exception): pass
def exit_(value): raise Exit(value)
widgets = {"stream_name": "s", "region": "us-east-1", "output_path": "s3://b/delta/events", "checkpoint_path": "s3://b/delta/_checkpoints/events", **extra}
dbutils = types.SimpleNamespace(widgets=types.SimpleNamespace(text=lambda *a: None, get=lambda k: widgets.get(k, "")), notebook=types.SimpleNamespace(exit=exit_))
delta = types.ModuleType("delta"); tables = types.ModuleType("delta.tables")
tables.DeltaTable = type("DeltaTable", (), {"isDeltaTable": staticmethod(lambda spark, path: table_exists)})
sys.modules["delta"] = delta; sys.modules["delta.tables"] = tables
shown = []
try:
    exec(open(sys.argv[1]).read(), {"spark": Spark(), "dbutils": dbutils, "display": lambda df: shown.append(df)})
    print("no exit")
except Exit as e:
    print("exit:", e.args[0], "displayed:", len(shown), "options:", ",".join(options), "to:", ",".join(targets))
except Exception as e:
    print("failed:", type(e).__name__, e)
`;

describe("the notebook", () => {
  const notebook = path.resolve(__dirname, "..", "..", "notebooks", "kinesis_to_delta.py");
  const run = (tableExists: boolean, progress: unknown[], widgets: object = {}) =>
    execFileSync("python3", ["-c", HARNESS, notebook, JSON.stringify([tableExists, progress]), JSON.stringify(widgets)], { encoding: "utf8" }).trim().split("\n").pop();
  const S3 = "options: streamName,region,initialPosition to: path s3://b/delta/events";

  // Fails on the notebook as it was: its last cell read the table unconditionally.
  test("a run that found no records (and no table yet) ends cleanly, displaying nothing", () => {
    expect(run(false, [])).toBe(`exit: rows_written=0 displayed: 0 ${S3}`);
  });

  test("a run with records reports them and shows the newest rows", () => {
    expect(run(true, [{ numInputRows: 3 }, { numInputRows: 2 }])).toBe(`exit: rows_written=5 displayed: 1 ${S3}`);
    expect(run(true, [])).toBe(`exit: rows_written=0 displayed: 1 ${S3}`); // an empty run over an existing table
  });

  test("on Unity Catalog: reads with the service credential, writes the table (no output path needed)", () => {
    const uc = { output_path: "", table: "prod.raw.events", checkpoint_path: "/Volumes/prod/raw/checkpoints/events", service_credential: "databricks-prod-kinesis" };
    expect(run(true, [{ numInputRows: 4 }], uc)).toBe("exit: rows_written=4 displayed: 1 options: streamName,region,initialPosition,serviceCredential to: table prod.raw.events");
    expect(run(false, [], uc)).toBe("exit: rows_written=0 displayed: 0 options: streamName,region,initialPosition,serviceCredential to: table prod.raw.events");
    expect(run(false, [], { ...uc, table: "" })).toBe("failed: ValueError parameter output_path is empty");
  });
});
