import { Token } from "cdktf";
import { Partition, PARTITIONS, REGIONS } from "../core/constants";
import type { ContextValues } from "../core/context";
import { iamRoleArnPattern } from "../core/iam-names";
import { awsResourceIdListProblems, awsResourceIdProblems } from "../core/ids";
import type { Problem } from "../core/problems";
import { CrossAccountRoleProps, SECURITY_GROUP_COUNT, WORKSPACE_NETWORK_MODES } from "./props";

/**
 * Every problem with the props of a {@link CrossAccountRole}; format checks skip Terraform tokens. The context's
 * region picks the partition pass-role ARNs must be in (any partition while the region is unknown: the context
 * reports that).
 */
export function crossAccountRoleProblems(props: CrossAccountRoleProps, ctx: Pick<ContextValues, "region">): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });

  if (!WORKSPACE_NETWORK_MODES.includes(props.networkMode)) {
    add("networkMode", props.networkMode, `must be one of ${WORKSPACE_NETWORK_MODES.map((m) => JSON.stringify(m)).join(", ")}`);
  } else if (props.networkMode === "customer-managed") {
    problems.push(...customerManagedProblems(props));
  } else {
    const why = "Databricks creates the VPC and its security groups itself in this mode; pass them only with networkMode \"customer-managed\"";
    if (props.vpcId !== undefined) add("vpcId", props.vpcId, `must not be set for networkMode "databricks-managed": ${why}`);
    if (props.securityGroupIds !== undefined) add("securityGroupIds", props.securityGroupIds, `must not be set for networkMode "databricks-managed": ${why}`);
  }

  problems.push(...passRoleProblems(props.passRoleArns, REGIONS[ctx.region]?.partition));
  return problems;
}

function customerManagedProblems(props: CrossAccountRoleProps): Problem[] {
  const problems: Problem[] = [];
  const { vpcId, securityGroupIds } = props;
  const { min, max } = SECURITY_GROUP_COUNT;

  if (vpcId === undefined) {
    problems.push({ path: "vpcId", value: undefined, message: 'is required for networkMode "customer-managed": the policy scopes RunInstances and security group changes to this VPC' });
  } else problems.push(...awsResourceIdProblems("vpcId", vpcId, "vpc"));

  if (securityGroupIds === undefined) {
    problems.push({ path: "securityGroupIds", value: undefined, message: `is required for networkMode "customer-managed": ${min} to ${max} security group ids the clusters use` });
  } else if (Token.isUnresolved(securityGroupIds)) {
    problems.push({
      path: "securityGroupIds", value: "<list token>",
      message: "must be a literal list (its elements may be tokens): each security group becomes its own ARN in the policy",
    });
  } else {
    problems.push(...awsResourceIdListProblems("securityGroupIds", securityGroupIds, "sg", { min, max, why: `a workspace takes ${min} to ${max} security groups` }));
  }
  return problems;
}

function passRoleProblems(arns: readonly string[] | undefined, partition: Partition | undefined): Problem[] {
  if (arns === undefined) return [];
  if (Token.isUnresolved(arns)) {
    return [{ path: "passRoleArns", value: "<list token>", message: "must be a literal list (its elements may be tokens): the policy lists each role ARN" }];
  }
  const problems: Problem[] = [];
  const partitions = partition ? [partition] : (Object.keys(PARTITIONS) as Partition[]);
  const shape = `arn:${partitions.join("|")}:iam::<12 digits>:role/<optional path/><role name>`;
  arns.forEach((arn, i) => {
    const add = (message: string) => problems.push({ path: `passRoleArns[${i}]`, value: arn, message });
    if (Token.isUnresolved(arn)) return;
    if (arn === "*") add("must not be \"*\": Databricks could then pass any role in the account to its clusters; list the instance-profile role ARNs");
    else if (/[*?]/.test(arn)) add("must not contain wildcards (* or ?): list each instance-profile role ARN");
    else if (!partitions.some((p) => iamRoleArnPattern(p).test(arn))) add(`is not an IAM role ARN of the region's partition: ${shape}`);
    else if (arns.indexOf(arn) !== i) add("is listed twice");
  });
  return problems;
}
