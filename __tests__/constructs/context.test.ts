import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext, deploymentContextProblems, resourcePrefixProblems } from "../../modules/core/context";
import { TEST_CONTEXT, withContext } from "../helpers";

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "stack");
}

describe("DeploymentContext", () => {
  test("of() finds the context of the nearest ancestor, from any depth", () => {
    const s = stack();
    const ctx = withContext(s);
    const deep = new Construct(new Construct(s, "a"), "b");
    expect(DeploymentContext.of(deep)).toBe(ctx);
    expect(DeploymentContext.of(s)).toBe(ctx);
    expect(DeploymentContext.of(ctx)).toBe(ctx);
  });

  test("a nested scope may carry its own context, which wins below it", () => {
    const s = stack();
    withContext(s);
    const team = new Construct(s, "team");
    const inner = withContext(team, { resourcePrefix: "team-x" });
    expect(DeploymentContext.of(new Construct(team, "c")).resourcePrefix).toBe("team-x");
    expect(DeploymentContext.of(new Construct(team, "d"))).toBe(inner);
  });

  test("of() without a context names the scope and how to create one", () => {
    const s = stack();
    expect(() => DeploymentContext.of(new Construct(s, "orphan"))).toThrow(
      "stack/orphan: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });

  test("exposes partition, region facts, defaults and names", () => {
    const ctx = withContext(stack(), { region: "us-gov-west-1" });
    expect(ctx.partition).toEqual({ name: "aws-us-gov", databricksAwsAccountId: "044793339203", databricksArtifactAccountId: "282567162347", databricksAmiOwner: "044732911619" });
    expect(ctx.regionInfo.partition).toBe("aws-us-gov");
    expect(ctx.tags).toEqual({});
    expect(ctx.protectData).toBe(false);
    expect(ctx.nameOf("vpc")).toBe("dbx-test-vpc");
  });

  test("providers: returned when given, a clear error naming the construct when not", () => {
    const s = stack();
    const mws = new DatabricksProvider(s, "mws", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });
    const ctx = withContext(s, { accountProvider: mws });
    const user = new Construct(s, "user");
    expect(ctx.accountProvider(user)).toBe(mws);
    expect(() => ctx.workspaceProvider(user)).toThrow("stack/user: configures a workspace, but the DeploymentContext has no workspaceProvider");
  });

  test("requires the required tags by default (Environment, Owner, CostCenter, Project, ManagedBy), or the ones given", () => {
    const props = { ...TEST_CONTEXT, tags: { Team: "x" } };
    expect(() => new DeploymentContext(stack(), props)).toThrow(
      "DeploymentContext stack/deployment-context: invalid props:\n" +
        "  - tags: is missing required tags Environment, Owner, CostCenter, Project, ManagedBy (each environment needs Environment, Owner, CostCenter, Project, ManagedBy)");
    expect(() => new DeploymentContext(stack(), { ...TEST_CONTEXT })).toThrow("tags: is missing required tags Environment, Owner");
    expect(() => new DeploymentContext(stack(), { ...props, requiredTags: ["Team", "owner"], tags: { Team: " ", Owner: "a" } })).toThrow(
      "DeploymentContext stack/deployment-context: invalid props:\n" +
        "  - tags: is missing required tag owner (requiredTags Team, owner; tag keys are case-sensitive: found Owner)\n" +
        '  - tags["Team"] = " ": Team is empty: required tags need a value');
    expect(new DeploymentContext(stack(), { ...props, requiredTags: ["Team"] }).requiredTags).toEqual(["Team"]);
    const all = { Environment: "e", Owner: "o", CostCenter: "c", Project: "p", ManagedBy: "m" };
    expect(new DeploymentContext(stack(), { ...TEST_CONTEXT, tags: all }).tags).toEqual(all);
    expect(() => new DeploymentContext(stack(), { ...TEST_CONTEXT, requiredTags: [], tags: { Name: "x" } })).toThrow("tag key is reserved");
  });

  test("rejects bad values, every problem at once, with the prop's name", () => {
    expect(() => withContext(stack(), { resourcePrefix: "Bad_Prefix", region: "xx-east-9", awsAccountId: "12", databricksAccountId: "nope" })).toThrow(
      "DeploymentContext stack/deployment-context: invalid props:\n" +
        '  - resourcePrefix = "Bad_Prefix": must be 3 to 32 lowercase letters, digits or dashes, starting with a letter and not ending with a dash\n' +
        '  - region = "xx-east-9": unknown region; supported regions: ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ca-central-1, eu-central-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2, us-gov-west-1\n' +
        '  - awsAccountId = "12": must be an AWS account id: exactly 12 digits\n' +
        '  - databricksAccountId = "nope": must be a Databricks account id: a lowercase UUID like 0a1b2c3d-0000-4000-8000-000000000000',
    );
    expect(deploymentContextProblems(TEST_CONTEXT)).toEqual([]);
  });

  test("prefix rules: names built from it fit every AWS limit", () => {
    expect(resourcePrefixProblems("sg-team")).toEqual([{ path: "resourcePrefix", value: "sg-team", message: 'must not start with "sg-": it starts security group names, which AWS rejects when they do' }]);
    expect(resourcePrefixProblems("a--b")).toEqual([{ path: "resourcePrefix", value: "a--b", message: "must not contain adjacent dashes (--): it starts CloudTrail trail names, which AWS rejects when they do" }]);
    expect(resourcePrefixProblems("x".repeat(33))[0].message).toBe("must be 3 to 32 lowercase letters, digits or dashes, starting with a letter and not ending with a dash");
    expect(resourcePrefixProblems("a".repeat(32))).toEqual([]);
  });

  test("adds nothing to the synthesized Terraform", () => {
    expect(JSON.parse(Testing.synthScope((s) => { withContext(s); }))).toEqual({});
  });
});
