import { partitionOf } from "../core/constants";
import { AWS_ACCOUNT_ID } from "../core/ids";
import type { PolicyStatement } from "../core/policy";
import type { Problem } from "../core/problems";

/**
 * What the restrictive S3, Kinesis and STS endpoint policies (./endpoint-policies.ts) also allow, beyond this
 * account's resources and Databricks' own. Typical reasons: a central data-lake account, Delta Sharing or Marketplace
 * providers whose buckets are in the same region (S3 gateway endpoints only carry same-region traffic), a partner's
 * stream, a role in another account the jobs assume. Every list is empty by default: the policies stay as strict.
 */
export interface EndpointAllowLists {
  /** S3 gateway endpoint. @default - nothing more */
  readonly s3?: {
    /** AWS accounts whose buckets clusters may read and write (`s3:ResourceAccount`), e.g. a central data lake. @default [] */
    readonly trustedAccountIds?: readonly string[];
    /** Named buckets of other accounts clusters may read and write, e.g. a Delta Sharing provider's. @default [] */
    readonly buckets?: readonly string[];
  };
  /** Kinesis Data Streams interface endpoint. @default - nothing more */
  readonly kinesis?: {
    /**
     * Stream ARNs (in this region) this account's principals may read and write: streams of other accounts, or own
     * streams the jobs write (the environment's own streams are read-only). @default []
     */
    readonly streamArns?: readonly string[];
  };
  /** STS interface endpoint. @default - nothing more */
  readonly sts?: {
    /**
     * IAM roles of other accounts: this account's principals may assume them through the endpoint (without a list,
     * only roles of this account), and they may call STS through it (assume roles, get session tokens). @default []
     */
    readonly roleArns?: readonly string[];
  };
}

/** S3 bucket naming rules (general purpose buckets; dots allowed: other accounts' buckets may have them). */
const BUCKET_NAME = /^(?!xn--|sthree-)(?!.*(-s3alias|--ol-s3|\.\.))[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function listProblems(path: string, values: readonly string[] | undefined, test: (v: string) => boolean, what: string): Problem[] {
  return (values ?? []).flatMap((v, i) => {
    if (typeof v !== "string" || !test(v)) return [{ path: `${path}[${i}]`, value: v, message: `is not ${what}` }];
    return values!.indexOf(v) !== i ? [{ path: `${path}[${i}]`, value: v, message: "is listed twice" }] : [];
  });
}

/** Problems of `endpointAllowLists` in `region` (paths relative to it). */
export function endpointAllowListProblems(lists: EndpointAllowLists, region: string): Problem[] {
  const p = partitionOf(region).name;
  const esc = (s: string) => s.replace(/[-]/g, "\\-");
  const stream = new RegExp(`^arn:${esc(p)}:kinesis:${esc(region)}:\\d{12}:stream/[A-Za-z0-9_.-]{1,128}$`);
  const role = new RegExp(`^arn:${esc(p)}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);
  return [
    ...listProblems("s3.trustedAccountIds", lists.s3?.trustedAccountIds, (v) => AWS_ACCOUNT_ID.test(v), "a 12-digit AWS account id"),
    ...listProblems("s3.buckets", lists.s3?.buckets, (v) => BUCKET_NAME.test(v), "an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens; not an ARN)"),
    ...listProblems("kinesis.streamArns", lists.kinesis?.streamArns, (v) => stream.test(v), `a Kinesis stream ARN in ${region} (arn:${p}:kinesis:${region}:<account>:stream/<name>)`),
    ...listProblems("sts.roleArns", lists.sts?.roleArns, (v) => role.test(v), `an IAM role ARN (arn:${p}:iam::<account>:role/<name>)`),
  ];
}

/** Extra S3 endpoint statements: trusted accounts' buckets, then named buckets (same actions as this account's). */
export function s3AllowStatements(lists: EndpointAllowLists | undefined, partition: string, actions: readonly string[]): PolicyStatement[] {
  const accounts = lists?.s3?.trustedAccountIds ?? [];
  const buckets = lists?.s3?.buckets ?? [];
  return [
    ...(accounts.length ? [{ Sid: "TrustedAccountBuckets", Effect: "Allow", Principal: "*", Action: [...actions], Resource: "*", Condition: { StringEquals: { "s3:ResourceAccount": [...accounts] } } }] : []),
    ...(buckets.length ? [{ Sid: "NamedBuckets", Effect: "Allow", Principal: "*", Action: [...actions], Resource: buckets.flatMap((b) => [`arn:${partition}:s3:::${b}`, `arn:${partition}:s3:::${b}/*`]) }] : []),
  ] as PolicyStatement[];
}

/** Extra Kinesis endpoint statement: this account's principals on the named streams of other accounts. */
export function kinesisAllowStatements(lists: EndpointAllowLists | undefined, principal: string, actions: readonly string[]): PolicyStatement[] {
  const streams = lists?.kinesis?.streamArns ?? [];
  return streams.length ? [{ Sid: "NamedStreams", Effect: "Allow", Principal: { AWS: principal }, Action: [...actions], Resource: [...streams] } as PolicyStatement] : [];
}

/** Extra STS endpoint statements: this account's principals may assume the named roles of other accounts, and those roles may call STS. */
export function stsAllowStatements(lists: EndpointAllowLists | undefined, self: { AWS: string }): PolicyStatement[] {
  const roles = lists?.sts?.roleArns ?? [];
  return roles.length
    ? [
      { Sid: "AssumeTrustedRoles", Effect: "Allow", Principal: self, Action: ["sts:AssumeRole", "sts:TagSession"], Resource: [...roles] },
      { Sid: "TrustedRoles", Effect: "Allow", Principal: { AWS: [...roles] }, Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession"], Resource: "*" },
    ] as PolicyStatement[]
    : [];
}
