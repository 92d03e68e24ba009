import { IPv4, IPv4CidrRange, IPv4Prefix } from "ip-num";

/** Strict dotted-quad CIDR: four decimal octets without leading zeros, and a prefix. */
const CIDR_SHAPE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** Parses an IPv4 CIDR, or says why it is not one. Host bits must be zero (AWS rejects them). */
export function parseCidr(text: unknown): { range: IPv4CidrRange } | { error: string } {
  if (typeof text !== "string" || !CIDR_SHAPE.test(text)) {
    return { error: "is not an IPv4 CIDR block (expected a.b.c.d/n)" };
  }
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
