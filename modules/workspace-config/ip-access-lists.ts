import { IPv4CidrRange } from "ip-num";
import { Problem } from "../core/problems";
import { bounds, overlaps, parseCidr, prefixOf, within } from "../core/cidr";
import { isRecord, listOf } from "../core/shape";

/** IP access lists of a workspace: who may reach its UI and REST API. */
export interface IpAccessListsSettings {
  /** Addresses or CIDRs allowed to reach the workspace UI and API; never empty (that would lock everyone out), never a /0. */
  readonly allow: readonly string[];
  /** Addresses or CIDRs refused even inside an allowed range (block lists win). @default - none */
  readonly block?: readonly string[];
  /**
   * The egress addresses or CIDRs of whoever plans and deploys this stack: the CI runner's static IPs or its NAT,
   * an operator's VPN. Required with an allow list, and must lie inside it and outside every blocked entry:
   * Databricks refuses an allow list that would block the caller (400 INVALID_STATE, "Your current IP … will not be
   * allowed"), and once the lists are on, every plan from elsewhere gets 403. Checked only, not added to the lists.
   * @default - none, an error: required with an allow list
   */
  readonly deployerCidrs?: readonly string[];
}

/** Databricks: at most 1000 IP/CIDR values per workspace, across all allow and block lists together. */
export const MAX_IP_ACCESS_ENTRIES = 1000;

/** Dotted-quad IPv4 address (no prefix). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Any dotted-quad /0, host bits or not: every address. */
const SLASH_ZERO = /^\d{1,3}(\.\d{1,3}){3}\/0$/;

/** An IP access list entry as a range: a CIDR, or a plain address as its /32. */
function parseEntry(text: unknown): { range: IPv4CidrRange } | { error: string } {
  if (typeof text === "string" && IPV4.test(text)) return parseCidr(`${text}/32`);
  const parsed = parseCidr(text);
  return "error" in parsed ? { error: parsed.error.replace("is not an IPv4 CIDR block (expected a.b.c.d/n)", "is not an IPv4 address or CIDR block (expected a.b.c.d or a.b.c.d/n)") } : parsed;
}

const WHY_DEPLOYER = "Databricks refuses an allow list that would block the caller's IP (400 INVALID_STATE) and answers every later plan from outside it with 403";
const EVERY_ADDRESS: Record<"allow" | "block" | "deployerCidrs", string> = {
  allow: "allows every address, so the list protects nothing; list the networks your users and deployers come from, or remove ipAccessLists",
  block: "blocks every address, locking everyone out; block specific addresses, or remove ipAccessLists",
  deployerCidrs: "is every address; give the egress CIDRs of the runner or NAT that deploys (docs/ci.md)",
};

type Parsed = { range: IPv4CidrRange; index: number };

/** How much of `range` the union of `ranges` covers. */
function coverage(range: IPv4CidrRange, ranges: readonly Parsed[]): "all" | "part" | "none" {
  const { first, last } = bounds(range);
  const overlapping = ranges.map((r) => bounds(r.range)).filter((r) => r.first <= last && r.last >= first)
    .sort((a, b) => (a.first < b.first ? -1 : 1));
  let next = first;
  for (const r of overlapping) {
    if (r.first > next) break;
    if (r.last >= next) next = r.last + 1n;
  }
  return next > last ? "all" : overlapping.length ? "part" : "none";
}

/**
 * Problems with the lists, paths relative to the WorkspaceSettings props (`ipAccessLists.allow[0]`). `added`: entries
 * the construct adds to the allow list (the NAT gateways' addresses), counted against the limit.
 */
export function ipAccessListsProblems(lists: IpAccessListsSettings, added = 0): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(lists)) return problems; // the schema reports it
  const allow = listOf(lists.allow);
  if (Array.isArray(lists.allow) && allow.length === 0) {
    problems.push({ path: "ipAccessLists.allow", value: [], message: "must list at least one address or CIDR: enabling IP access lists with an empty allow list locks everyone out" });
  }
  const block = listOf(lists.block);
  const entries = allow.length + added + block.length;
  if (entries > MAX_IP_ACCESS_ENTRIES) {
    problems.push({ path: "ipAccessLists", value: undefined,
      message: `has ${entries} entries${added ? ` (${added} compute egress IPs included)` : ""}; Databricks allows at most ${MAX_IP_ACCESS_ENTRIES} across the allow and block lists together` });
  }
  const check = (entries: readonly string[], name: "allow" | "block" | "deployerCidrs") => {
    const seen = new Map<string, number>();
    const ranges: Parsed[] = [];
    entries.forEach((entry, index) => {
      const path = `ipAccessLists.${name}[${index}]`;
      const parsed = parseEntry(entry);
      if (typeof entry === "string" && SLASH_ZERO.test(entry) && ("error" in parsed || prefixOf(parsed.range) === 0)) {
        problems.push({ path, value: entry, message: EVERY_ADDRESS[name] });
        return;
      }
      if ("error" in parsed) {
        problems.push({ path, value: entry, message: parsed.error });
        return;
      }
      const key = parsed.range.toCidrString();
      if (seen.has(key)) {
        problems.push({ path, value: entry, message: `repeats ipAccessLists.${name}[${seen.get(key)}]` });
        return;
      }
      seen.set(key, index);
      ranges.push({ range: parsed.range, index });
    });
    return ranges;
  };
  const allowed = check(allow, "allow");
  const blocked = check(block, "block");
  // Block lists are checked first: an allow entry wholly inside a blocked range admits nobody.
  for (const { range, index } of allowed) {
    const by = blocked.find((b) => within(range, b.range));
    if (by) {
      problems.push({ path: `ipAccessLists.allow[${index}]`, value: allow[index],
        message: `is inside blocked ${block[by.index]}; block lists take precedence, so this entry admits nobody` });
    }
  }
  if (!Array.isArray(lists.deployerCidrs) || lists.deployerCidrs.length === 0) {
    if (lists.deployerCidrs !== undefined && !Array.isArray(lists.deployerCidrs)) return problems; // the schema reports it
    problems.push({ path: "ipAccessLists.deployerCidrs", value: lists.deployerCidrs,
      message: `${lists.deployerCidrs ? "must list" : "is required with an allow list: list"} the egress addresses or CIDRs of whoever plans and deploys (CI runner or its NAT, VPN); ${WHY_DEPLOYER}` });
    return problems;
  }
  for (const { range, index } of check(listOf(lists.deployerCidrs), "deployerCidrs")) {
    const name = `the deployer's egress ${range.toCidrString()} (ipAccessLists.deployerCidrs[${index}])`;
    const covered = coverage(range, allowed);
    if (covered !== "all" && allow.length > 0) { // an empty allow list is reported above
      problems.push({ path: "ipAccessLists.allow", value: undefined,
        message: `${covered === "none" ? "does not contain" : "contains only part of"} ${name}: ${WHY_DEPLOYER}; add it to the allow list` });
    }
    for (const b of blocked.filter((b) => overlaps(b.range, range))) {
      problems.push({ path: `ipAccessLists.block[${b.index}]`, value: block[b.index],
        message: `overlaps ${name}; block lists take precedence, so the deployer would be locked out` });
    }
  }
  return problems;
}
