// Props and constants of RoleActivityMonitoring. The props are the environment config's `monitoring.roleActivity`
// plus the wiring (`roleName`) and the alarm's tuning.

/** Where the CloudTrail events of the watched role are read from. */
export type RoleActivityTrail =
  | {
    /**
     * A new single-region trail of this account's management events, delivered to a new log group (and to a new
     * hardened bucket, the full record).
     */
    readonly createTrail: {
      /** Name of the trail's bucket: S3 general purpose naming rules, no dots (see `bucketNameProblems`). */
      readonly bucketName: string;
      /** How long the log group keeps the events (the bucket keeps them all). @default 90 */
      readonly retentionInDays?: number;
    };
  }
  | {
    /**
     * Name of a log group an existing trail (e.g. the organization trail) already delivers this account's
     * management events of the region to. May be a token.
     */
    readonly existingLogGroupName: string;
  };

/**
 * Props of {@link RoleActivityMonitoring}. The resource names (`<prefix>-role-activity` trail and topic,
 * `<prefix>-cloudtrail-to-logs` role, …), the metric namespace `Databricks/<prefix>`, the region and the account
 * come from the `DeploymentContext`.
 */
export interface RoleActivityMonitoringProps {
  /**
   * Name of the role to watch (e.g. `<prefix>-cross-account`, see `CrossAccountRole`); literal, it goes into the
   * metric filter pattern. The name only, without path: CloudTrail's `sessionIssuer.userName`.
   */
  readonly roleName: string;
  /**
   * Where the CloudTrail events are: `{ createTrail: { bucketName, retentionInDays? } }` creates a single-region
   * management-events trail delivering to a new log group (and the hardened bucket); `{ existingLogGroupName }`
   * uses a log group an existing (e.g. organization) trail already delivers to.
   */
  readonly trail: RoleActivityTrail;
  /** Email addresses to notify (SNS email subscriptions need confirming). @default - topic only */
  readonly alarmEmails?: readonly string[];
  /** Failed calls in `periodSeconds` that raise the alarm. @default 1 */
  readonly threshold?: number;
  /** The alarm's evaluation period, a multiple of 60 from 60 to 86400. @default 300 */
  readonly periodSeconds?: number;
  /**
   * Terraform `prevent_destroy` on the trail's bucket (`createTrail` only): it holds the audit evidence, the full
   * record of the account's management events.
   * @default - the context's `protectData`
   */
  readonly preventDestroy?: boolean;
}

export const ROLE_ACTIVITY_DEFAULTS = {
  threshold: 1,
  periodSeconds: 300,
  retentionInDays: 90,
} as const;

/** Suffixes of the derived names (`<prefix><suffix>`). */
export const ROLE_ACTIVITY_NAMES = {
  /** Trail, SNS topic (`…-alarms`), KMS alias (`alias/…-alarms`) and log group (`/aws/cloudtrail/…`). */
  base: "-role-activity",
  /** The role CloudTrail assumes to write to the log group. */
  trailRole: "-cloudtrail-to-logs",
} as const;

/** The metric's namespace prefix: `Databricks/<resourcePrefix>`. */
export const ROLE_ACTIVITY_NAMESPACE_PREFIX = "Databricks/";

/**
 * The `errorCode`s that count as a failed call worth paging on: authorization failures only.
 *
 * - `*UnauthorizedOperation`: EC2 (the cross-account role's main API) reports a missing permission, an SCP or
 *   permissions-boundary deny as `Client.UnauthorizedOperation` (also after a dry run that lacks permission).
 * - `AccessDenied*`: the same from IAM, STS and S3 (`AccessDenied`) and from KMS and most JSON APIs
 *   (`AccessDeniedException`), e.g. `iam:CreateServiceLinkedRole` for spot or the storage key for EBS volumes.
 *
 * Such a failure means the role's policy, an SCP, or a key policy no longer lets Databricks do what it needs (or
 * someone is using the role for something it is not for): a person has to act, so it pages.
 *
 * Deliberately not matched: `Client.*` as a whole and `Server.*`. They are mostly capacity, quota and
 * consistency noise Databricks handles itself (`Server.InsufficientInstanceCapacity`,
 * `Client.InstanceLimitExceeded`, `Client.RequestLimitExceeded`, `Client.InvalidInstanceID.NotFound` right
 * after a launch) — and `Client.DryRunOperation` is what a *successful* dry run returns, which Databricks' own
 * permission checks produce. Watch those on a dashboard or a separate, non-paging alarm if wanted.
 */
export const FAILED_CALL_ERROR_CODES: readonly string[] = ["*UnauthorizedOperation", "AccessDenied*"];
