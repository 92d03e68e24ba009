import { IPv4, IPv4CidrRange, IPv4Prefix } from "ip-num";

/** Strict dotted-quad CIDR: four decimal octets without leading zeros, and a prefix. */
const CIDR_SHAPE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;

type Parsed = { range: IPv4CidrRange } | { error: string };
/** ip-num's parsing is most of a config check's time, and the same few CIDRs are parsed again and again: the results (immutable) are kept. */
const parsed = new Map<string, Parsed>();

/** Parses an IPv4 CIDR, or says why it is not one. Host bits must be zero (AWS rejects them). */
export function parseCidr(text: unknown): Parsed {
  if (typeof text !== "string" || !CIDR_SHAPE.test(text)) {
    return { error: "is not an IPv4 CIDR block (expected a.b.c.d/n)" };
  }
  let result = parsed.get(text);
  if (!result) parsed.set(text, (result = parseValidCidr(text)));
  return result;
}

function parseValidCidr(text: string): Parsed {
  const range = IPv4CidrRange.fromCidr(text);
  const network = range.getFirst().toString();
  if (`${network}/${range.getPrefix().getValue()}` !== text) {
    return { error: `has host bits set; the network address is ${network}/${range.getPrefix().getValue()}` };
  }
  return { range };
}

export function prefixOf(range: IPv4CidrRange): number {
  return Number(range.getPrefix().getValue());
}

/** The `index`-th block of /`prefix` inside `parent`, counting from the start (or from the end). */
export function blockAt(parent: IPv4CidrRange, prefix: number, index: number, fromEnd = false): IPv4CidrRange {
  const size = 2n ** BigInt(32 - prefix);
  const base = parent.getFirst().getValue();
  const offset = fromEnd ? parent.getSize() - size * BigInt(index + 1) : size * BigInt(index);
  return new IPv4CidrRange(IPv4.fromNumber(base + offset), IPv4Prefix.fromNumber(BigInt(prefix)));
}

export function addressCount(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** First and last address of a range, as numbers: ip-num derives them through its mask each time it is asked. */
const boundsOf = new WeakMap<IPv4CidrRange, { readonly first: bigint; readonly last: bigint }>();
export function bounds(range: IPv4CidrRange): { readonly first: bigint; readonly last: bigint } {
  let b = boundsOf.get(range);
  if (!b) {
    const first = range.getFirst().getValue();
    boundsOf.set(range, (b = { first, last: first + range.getSize() - 1n }));
  }
  return b;
}

/** Whether two ranges share an address. */
export function overlaps(a: IPv4CidrRange, b: IPv4CidrRange): boolean {
  const x = bounds(a), y = bounds(b);
  return x.first <= y.last && y.first <= x.last;
}

/** Whether `inner` lies wholly inside `outer` (or is it). */
export function within(inner: IPv4CidrRange, outer: IPv4CidrRange): boolean {
  const x = bounds(inner), y = bounds(outer);
  return x.first >= y.first && x.last <= y.last;
}
