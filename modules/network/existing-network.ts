import { Construct } from "constructs";
import { throwIfProblems } from "../core/problems";
import { ExistingNetworkProps, IWorkspaceNetwork } from "./props";
import { existingNetworkProblems } from "./validation";

/**
 * A network the user brings: validated ids, nothing created. The VPC must already meet Databricks'
 * requirements (DNS hostnames and support on, private subnets with egress, the compute SG rules).
 */
export class ExistingNetwork extends Construct implements IWorkspaceNetwork {
  /** The given VPC id. */
  public readonly vpcId: string;
  /** The given private subnet ids. */
  public readonly privateSubnetIds: string[];
  /** The given security group ids. */
  public readonly securityGroupIds: string[];

  constructor(scope: Construct, id: string, props: ExistingNetworkProps) {
    super(scope, id);
    throwIfProblems(`ExistingNetwork ${this.node.path}`, existingNetworkProblems(props));
    this.vpcId = props.vpcId;
    this.privateSubnetIds = [...props.privateSubnetIds];
    this.securityGroupIds = [...props.securityGroupIds];
  }
}
