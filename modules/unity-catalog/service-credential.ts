import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Credential } from "@cdktf/provider-databricks/lib/credential";
import { Grants } from "@cdktf/provider-databricks/lib/grants";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { policyDocument, PolicyDocument, renderPolicy } from "../core/policy";
import { Problem, throwIfProblems } from "../core/problems";
import { KINESIS_STREAM_READ_ACTIONS } from "../core/kinesis-actions";
import { KINESIS_STREAM_NAME_PATTERN } from "../data-access/props";
import { unityCatalogTrustPolicy } from "./policy";
import { ROLE_PROPAGATION_WAIT } from "./workspace-catalog";

/** Suffix of the role and credential names: `<prefix>-kinesis`. */
export const KINESIS_CREDENTIAL_SUFFIX = "-kinesis";

/** Props of {@link KinesisServiceCredential}. Prefix, region, account and both providers come from the context. */
export interface KinesisServiceCredentialProps {
  /** The Kinesis streams (names, in the context's region and account) the credential may read; nothing else. */
  readonly streamNames: readonly string[];
  /** Application id of the one service principal granted `ACCESS` (the job's `run_as`; may be a token). */
  readonly servicePrincipalApplicationId: string;
  /** Delete the credential even when objects depend on it. @default - not the context's `protectData` */
  readonly forceDestroy?: boolean;
}

export function kinesisServiceCredentialProblems(props: Pick<KinesisServiceCredentialProps, "streamNames">): Problem[] {
  const problems: Problem[] = [];
  if (props.streamNames.length === 0) problems.push({ path: "streamNames", value: [], message: "must name at least one stream: the credential grants reading exactly these" });
  props.streamNames.forEach((s, i) => {
    if (!KINESIS_STREAM_NAME_PATTERN.test(s)) problems.push({ path: `streamNames[${i}]`, value: s, message: "must be a Kinesis stream name: 1 to 128 letters, digits, _ . -" });
  });
  return problems;
}

/**
 * A Unity Catalog service credential for Kinesis (`databricks_credential`, purpose SERVICE; provider v1.99.0
 * docs/resources/credential.md): an IAM role that may read exactly the configured streams, trusted by Unity
 * Catalog's master role with the credential's external id (the storage credential's cycle, broken the same way:
 * the credential names the role's computed ARN, the role reads the issued external id), and `ACCESS` for one
 * service principal only. Structured Streaming reads Kinesis with it through the source's `serviceCredential`
 * option (Databricks Runtime 16.1+, docs.databricks.com/aws/en/structured-streaming/kinesis-best-practices), so
 * clusters need no instance profile. Isolated: bound to the workspace that creates it.
 */
export class KinesisServiceCredential extends Construct {
  /** `<prefix>-kinesis`, literal: the `serviceCredential` option's value. */
  public readonly credentialName: string;
  /** The credential. */
  public readonly credential: Credential;
  /** The role behind it, `<prefix>-kinesis`. */
  public readonly role: IamRole;
  /** The role's permissions as data (before rendering). */
  public readonly policyDocument: PolicyDocument;
  /** Waits for the role (and its policy) to propagate in IAM: the grant and whatever uses the credential depend on it. */
  public readonly ready: Sleep;
  /** `ACCESS` for the service principal, after {@link ready}. */
  public readonly grants: Grants;
  /** What a user of the credential (a job) must depend on: the role's propagation wait and the grant. */
  public readonly usable: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: KinesisServiceCredentialProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`KinesisServiceCredential ${this.node.path}`, kinesisServiceCredentialProblems(props));
    const provider = ctx.workspaceProvider(this);
    const partition = ctx.partition.name;
    const roleName = `${ctx.resourcePrefix}${KINESIS_CREDENTIAL_SUFFIX}`;
    this.credentialName = roleName;
    this.credential = new Credential(this, "credential", {
      provider, name: roleName, purpose: "SERVICE", comment: `Kinesis streams read by ${ctx.resourcePrefix}'s jobs`,
      awsIamRole: { roleArn: `arn:${partition}:iam::${ctx.awsAccountId}:role/${roleName}` },
      isolationMode: "ISOLATION_MODE_ISOLATED", forceDestroy: props.forceDestroy ?? !ctx.protectData,
    });
    const streams = props.streamNames.map((s) => `arn:${partition}:kinesis:${ctx.region}:${ctx.awsAccountId}:stream/${s}`);
    this.policyDocument = policyDocument(
      { Sid: "ReadConfiguredStreams", Effect: "Allow", Action: KINESIS_STREAM_READ_ACTIONS, Resource: streams },
      { Sid: "SelfAssume", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: `arn:${partition}:iam::${ctx.awsAccountId}:role/${roleName}` },
    );
    this.role = new IamRole(this, "role", {
      name: roleName, description: "Unity Catalog service credential: read the configured Kinesis streams",
      assumeRolePolicy: renderPolicy(unityCatalogTrustPolicy({ partition, awsAccountId: ctx.awsAccountId, roleName, externalId: this.credential.awsIamRole.externalId })),
    });
    this.role.addOverride("//.tf-check", { offlinePlaceholders: "the external id Databricks issues for the service credential" });
    const policy = new IamRolePolicy(this, "policy", { name: `${roleName}-policy`, role: this.role.id, policy: renderPolicy(this.policyDocument) });
    this.ready = new Sleep(this, "role-propagation", { createDuration: ROLE_PROPAGATION_WAIT, dependsOn: [this.role, policy] });
    // Nothing may use the credential before Databricks can assume the role: the grant, then the job, wait for it.
    this.grants = new Grants(this, "grants", {
      provider, credential: this.credential.name,
      grant: [{ principal: props.servicePrincipalApplicationId, privileges: ["ACCESS"] }],
      dependsOn: [this.ready],
    });
    this.usable = [this.ready, this.grants];
  }
}
