import { loadConfig } from "../../environments";
import { DATABRICKS_AWS_FAMILIES, EC2_INSTANCE_FAMILIES, instanceTypeProblem, instanceTypeWarning } from "../../modules/core/instance-types";
import { pocCopy } from "../fixtures/bad-configs";

describe("EC2 instance types for cluster node types", () => {
  test.each(["m5d.xlarge", "i3.xlarge", "r6gd.metal", "m7i-flex.2xlarge", "u-6tb1.112xlarge", "c6in.metal-24xl", "md-fleet.xlarge", "t3.nano"])("%s is an EC2 instance type", (name) => {
    expect(instanceTypeProblem(name)).toBeUndefined();
  });

  test("a size EC2 does not have is an error, with the size meant", () => {
    expect(instanceTypeProblem("m5d.xlarg")).toBe(
      "is not an EC2 instance type: expected <family>.<size> with a size such as large, xlarge, 2xlarge or metal (e.g. m5d.xlarge); did you mean m5d.xlarge?");
    expect(instanceTypeProblem("m5d")).toMatch(/^is not an EC2 instance type: expected <family>\.<size>/);
  });

  test("a family of a known series and generation that EC2 does not have is an error", () => {
    expect(instanceTypeProblem("m5e.xlarge")).toBe(
      "is not an EC2 instance type: EC2 has no instance family \"m5e\" (generation 5 of m: m5, m5a, m5ad, m5d, m5dn, m5n, m5zn) (docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html)");
    expect(instanceTypeProblem("xlarge.large")).toMatch(/EC2 has no instance family "xlarge"/);
    expect(instanceTypeProblem("zz9.large")).toMatch(/EC2 has no instance family "zz9"/);
  });

  test("a family newer than the table is no error but a warning: a stale table never blocks a new instance family", () => {
    expect(instanceTypeProblem("m9g.xlarge")).toBeUndefined();
    expect(instanceTypeWarning("m9g.xlarge")).toMatch(/^has an EC2 family newer than this project's table \(2026-11\) that Databricks' list/);
  });

  test("a real EC2 type Databricks does not list is a warning; listed ones and fleet types are not", () => {
    expect(instanceTypeWarning("t3.large")).toBe(
      "is an EC2 instance type that Databricks' list of AWS node types (2026-11, docs.databricks.com/aws/en/compute/flexible-node-type-instances) does not include; check `databricks clusters list-node-types` on the workspace before relying on it");
    expect(instanceTypeWarning("m5d.xlarge")).toBeUndefined();
    expect(instanceTypeWarning("md-fleet.xlarge")).toBeUndefined();
    expect(instanceTypeWarning("m5d.xlarg")).toBeUndefined(); // an error, not a warning
  });

  test("the Databricks list is a subset of the EC2 table, without repeats", () => {
    expect(DATABRICKS_AWS_FAMILIES.filter((f) => !EC2_INSTANCE_FAMILIES.includes(f))).toEqual([]);
    expect(new Set(EC2_INSTANCE_FAMILIES).size).toBe(EC2_INSTANCE_FAMILIES.length);
    expect(new Set(DATABRICKS_AWS_FAMILIES).size).toBe(DATABRICKS_AWS_FAMILIES.length);
  });

  test("the config's warnings name the environment and field; the shipped examples have none", () => {
    expect(loadConfig(undefined, undefined, {}).warnings).toEqual([]);
    const poc = pocCopy();
    poc.workspaceConfig.jobPolicy.allowedNodeTypes = ["m5d.large", "t3.large"];
    expect(loadConfig([poc as never], undefined, {}).warnings).toEqual([{
      environment: "poc",
      problem: { path: "workspaceConfig.jobPolicy.allowedNodeTypes[1]", value: "t3.large", message: instanceTypeWarning("t3.large") },
    }]);
  });
});
