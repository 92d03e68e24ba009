import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IPv4CidrRange } from "ip-num";
import { poc } from "../../environments/poc";
import { prod } from "../../environments/prod";
import { blockAt } from "../../modules/core/cidr";

type Json = Record<string, any>;
const lib = require("../../scripts/diagram.js") as {
  diagram(tf: Json, stack: string): string;
  readStacks(outdir: string, ids?: string[]): { id: string; json: Json }[];
  readmeBlocks(text: string): Record<string, string>;
  updateReadme(text: string, diagrams: Record<string, string>): string;
  portsText(rules: { proto: string; from?: number; to?: number }[]): string;
  main(argv: string[]): void;
  cli(argv: string[]): number;
};

const OUTDIR = process.env.SYNTH_OUTDIR!; // synthesized once for all suites (global-setup.js)
const README = path.join(__dirname, "..", "..", "docs", "diagrams.md");
const stacks = Object.fromEntries(lib.readStacks(OUTDIR).map(({ id, json }) => [id, json]));
const drawn = Object.fromEntries(Object.entries(stacks).map(([id, json]) => [id, lib.diagram(json, id)]));

interface Node { id: string; lines: string[]; groups: string[] }
interface Edge { from: string; to: string; arrow: string; label: string }

// The Mermaid subset the generator may emit, read back strictly: any other line fails the test.
const OPEN_CLOSE: Record<string, string> = { "[": "]", "(": ")", "([": "])", "[(": ")]", "((": "))", "{{": "}}", "[[": "]]" };
const NODE = /^([A-Za-z][A-Za-z0-9_]*)(\[\(|\(\[|\(\(|\{\{|\[\[|\[|\()"([^"]*)"(\)\]|\]\)|\)\)|\}\}|\]\]|\]|\))$/;
const EDGE = /^([A-Za-z][A-Za-z0-9_]*) (-->|-\.->|==>|-\.-)(?:\|"([^"]*)"\|)? ([A-Za-z][A-Za-z0-9_]*)$/;
const decode = (s: string) => s.replace(/#quot;/g, "\"").replace(/#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
/** Label text must not hold anything Mermaid could read as syntax; `<br/>` is the only markup. */
const safe = (label: string) => !/["[\](){}<>|`]/.test(label.replace(/<br\/>/g, ""));

function parse(text: string) {
  const nodes = new Map<string, Node>(), groups = new Map<string, Node>(), edges: Edge[] = [], classed: string[] = [];
  const open: string[] = [], ids = new Set<string>();
  const declare = (id: string) => { if (ids.has(id)) throw new Error(`id ${id} declared twice`); ids.add(id); };
  const [comment, header, ...lines] = text.trimEnd().split("\n");
  expect(comment).toMatch(/^%% /);
  expect(header).toBe("flowchart LR");
  for (const line of lines.map((l) => l.trim())) {
    let m: RegExpExecArray | null;
    if ((m = /^subgraph ([A-Za-z][A-Za-z0-9_]*)\["([^"]*)"\]$/.exec(line))) {
      declare(m[1]);
      if (!safe(m[2])) throw new Error(`unsafe subgraph label: ${line}`);
      groups.set(m[1], { id: m[1], lines: [decode(m[2])], groups: [...open] });
      open.push(m[1]);
    } else if (line === "end") {
      if (!open.pop()) throw new Error("end without subgraph");
    } else if ((m = EDGE.exec(line))) {
      if (m[3] !== undefined && !safe(m[3])) throw new Error(`unsafe edge label: ${line}`);
      edges.push({ from: m[1], arrow: m[2], label: decode(m[3] ?? ""), to: m[4] });
    } else if ((m = NODE.exec(line))) {
      if (OPEN_CLOSE[m[2]] !== m[4] || !safe(m[3])) throw new Error(`bad node line: ${line}`);
      declare(m[1]);
      nodes.set(m[1], { id: m[1], lines: m[3].split("<br/>").map(decode), groups: [...open] });
    } else if ((m = /^classDef [a-z]+ [a-z:#0-9,-]+$/.exec(line))) {
      // style only
    } else if ((m = /^class ([A-Za-z0-9_,]+) [a-z]+$/.exec(line))) {
      classed.push(...m[1].split(","));
    } else {
      throw new Error(`unexpected line: ${line}`);
    }
  }
  expect(open).toEqual([]);
  const label = (n: Node) => n.lines.join(" / ");
  const inGroup = (groupLabel: string) => [...nodes.values()].filter((n) => n.groups.some((g) => groups.get(g)!.lines[0] === groupLabel));
  return { nodes: [...nodes.values()], groups: [...groups.values()], edges, classed, ids, label, inGroup, byId: nodes };
}

describe("npm run diagram", () => {
  test("docs/diagrams.md shows the current diagrams of the example stacks", () => {
    const blocks = lib.readmeBlocks(fs.readFileSync(README, "utf8"));
    expect(Object.keys(blocks)).toEqual(expect.arrayContaining(["poc-workspace", "prod-workspace"]));
    const stale = Object.keys(blocks).filter((id) => blocks[id] !== drawn[id]);
    if (stale.length) throw new Error(`docs/diagrams.md diagrams out of date (${stale.join(", ")}): run \`npm run synth && npm run diagram -- --readme\``);
  });

  test("every stack parses: unique ids, edges between declared nodes, safe labels, deterministic text", () => {
    for (const [id, text] of Object.entries(drawn)) {
      const d = parse(text);
      expect(d.nodes.length).toBeGreaterThan(0);
      for (const e of d.edges) expect([id, d.byId.has(e.from), d.byId.has(e.to)]).toEqual([id, true, true]);
      for (const c of d.classed) expect([id, c, d.byId.has(c)]).toEqual([id, c, true]);
      // Same resources in another key order: the same text.
      const json = stacks[id];
      const flip = (o: Json) => Object.fromEntries(Object.entries(o).reverse());
      const reversed = { ...json, resource: flip(Object.fromEntries(Object.entries(json.resource || {}).map(([t, b]) => [t, flip(b as Json)]))) };
      expect(lib.diagram(reversed, id)).toBe(text);
    }
  });

  test("poc-workspace: one NAT gateway, the config's AZs with their subnets, the relay through NAT", () => {
    const d = parse(drawn["poc-workspace"]);
    const net = poc.network as { vpcCidr: string; privateSubnetNetmask: number; publicSubnetNetmask: number; availabilityZones: string[] };
    const vpc = IPv4CidrRange.fromCidr(net.vpcCidr);
    expect(d.groups.filter((g) => g.lines[0].startsWith("VPC")).map((g) => g.lines[0])).toEqual([expect.stringContaining(net.vpcCidr)]);
    expect(d.nodes.filter((n) => n.lines[0] === "NAT gateway")).toHaveLength(1);
    const azs = d.groups.filter((g) => /^[a-z]{2}-[a-z]+-\d[a-z]$/.test(g.lines[0])).map((g) => g.lines[0]);
    expect(azs).toEqual(net.availabilityZones);
    net.availabilityZones.forEach((az, i) => {
      expect(d.inGroup(az).map(d.label).filter((l) => l.includes("subnet")).sort()).toEqual([
        `public subnet / ${blockAt(vpc, net.publicSubnetNetmask, i, true).toCidrString()}`,
        `workspace subnet / ${blockAt(vpc, net.privateSubnetNetmask, i).toCidrString()}`,
      ]);
    });
    const relay = d.edges.filter((e) => e.arrow === "==>");
    expect(relay).toEqual([{ from: "internet", to: "control_plane", arrow: "==>", label: "SCC relay + REST API via NAT: TCP 443, 2443, 5432, 6666, 8443-8451" }]);
    const sg = d.nodes.find((n) => n.lines.includes("cluster nodes"))!;
    expect(sg.lines).toContain("out: TCP 443, 2443, 5432, 6666, 8443-8451 to 0.0.0.0/0");
  });

  test("prod-workspace: isolated in 3 AZs (no NAT, no internet), PrivateLink endpoints and the relay over PrivateLink only", () => {
    const d = parse(drawn["prod-workspace"]);
    for (const az of (prod.network as { availabilityZones: string[] }).availabilityZones) {
      const kinds = d.inGroup(az).map((n) => n.lines[0]).sort();
      expect([az, kinds]).toEqual([az, ["PrivateLink subnet", "workspace subnet"]]);
    }
    expect(d.byId.has("internet")).toBe(false);
    expect(d.nodes.filter((n) => n.lines[0] === "workspace subnet").every((n) => n.lines.includes("local routes only"))).toBe(true);
    const relay = d.nodes.find((n) => n.lines[0] === "SCC relay endpoint")!;
    expect(relay.lines).toContain("ENIs in 3 PrivateLink subnets");
    expect(d.edges.filter((e) => e.arrow === "==>").map((e) => [d.byId.get(e.from)!.lines[0], e.label]).sort()).toEqual([
      ["REST API endpoint", "PrivateLink: REST API"], ["SCC relay endpoint", "PrivateLink: SCC relay"],
    ]);
    const compute = d.nodes.find((n) => n.lines.includes("cluster nodes"))!;
    expect(d.edges.find((e) => e.from === compute.id && e.to === relay.id)?.label).toContain("6666");
    // Egress to the VPC CIDR reaches the endpoints; S3 only through the gateway endpoint's prefix list.
    expect(compute.lines).toEqual(expect.arrayContaining(["out: TCP 443, 2443, 5432, 6666, 8443-8451 to 10.30.0.0/16", "out: TCP 443 to S3 prefix list"]));
    const s3 = d.nodes.find((n) => n.lines[0] === "S3 gateway endpoint")!;
    expect(d.edges.find((e) => e.from === compute.id && e.to === s3.id)?.label).toBe("TCP 443 to the prefix list");
    // Databricks registers the endpoint, the keys, the role and the root bucket (dotted edges from the control plane).
    const registered = d.edges.filter((e) => e.arrow === "-.->" && d.byId.get(e.from)!.groups.includes("g_dbx")).map((e) => d.byId.get(e.to)!.lines[0]);
    expect([...new Set(registered)].sort()).toEqual(["IAM role", "KMS key", "REST API endpoint", "S3 bucket", "SCC relay endpoint", "VPC endpoint service", "security group", "workspace subnet"]);
    // The serverless private path to orders-db: NLB (listener folded in) → target group, and the endpoint service over the NLB.
    const node = (title: string) => [...d.byId.values()].find((n) => n.lines[0] === title)!;
    expect(node("internal network load balancer").lines).toEqual(["internal network load balancer", "databricks-prod-orders-db", "3 subnets", "listener TCP 5432"]);
    expect(node("VPC endpoint service").lines).toEqual(["VPC endpoint service", "databricks-prod-orders-db", "acceptance required", "allows role/private-connectivity-role-us-east-1"]);
  });

  test("workspace-config stacks show the workspace objects: cluster policies, IP access lists, the job", () => {
    const d = parse(drawn["prod-workspace-config"]);
    expect(d.groups.map((g) => g.lines[0])).toEqual(["Databricks workspace · URL from stack prod-workspace", "Customer AWS account 333333333333 · us-east-1", "IAM", "Data and keys"]);
    const policies = d.nodes.filter((n) => n.lines[0] === "cluster policy");
    expect(policies.map((p) => p.lines[1]).sort()).toEqual(["databricks-prod all-purpose", "databricks-prod jobs"]);
    expect(policies.map((p) => p.lines.find((l) => l.startsWith("cluster_type")))).toEqual(["cluster_type = all-purpose", "cluster_type = job"]);
    expect(d.nodes.filter((n) => n.lines[0] === "IP access list").map((n) => n.lines[2]).sort()).toEqual(["ALLOW: 203.0.113.0/24, 198.51.100.32/28", "BLOCK: 203.0.113.13/32"]);
    const job = d.nodes.find((n) => n.lines[0] === "job")!;
    expect(d.edges.filter((e) => e.from === job.id).map((e) => d.byId.get(e.to)!.lines[0]).sort()).toEqual(["catalog", "cluster policy", "credential", "notebook"]); // on Unity Catalog: no instance profile
  });

  test("the catalog, its storage and who may use it (scripts/diagram/catalog.js)", () => {
    const d = parse(drawn["prod-workspace-config"]);
    const node = (first: string, second?: string) => d.nodes.find((n) => n.lines[0] === first && (second === undefined || n.lines[1] === second))!;
    const catalog = node("catalog", "prod");
    expect(catalog.lines).toEqual(["catalog", "prod", "isolated to this workspace", "prevent_destroy", "schema raw", "the workspace's default catalog", "volume checkpoints (managed)"]);
    const edge = (from: { id: string }, to: { id: string }) => d.edges.filter((e) => e.from === from.id && e.to === to.id).map((e) => e.label);
    const location = node("external location"), credential = node("storage credential"), bucket = node("S3 bucket"), role = node("IAM role");
    expect(location.lines[2]).toBe("s3://databricks-prod-333333333333-catalog/");
    expect(edge(location, bucket)).toEqual(["reads/writes"]);
    expect(edge(credential, role)).toEqual(["assumes"]);
    expect(bucket.lines.at(-1)).toContain("Unity Catalog storage");
    expect(edge(node("group", "data-analysts"), catalog)).toEqual(["USE_CATALOG, USE_SCHEMA, SELECT"]);
    expect(edge(node("group", "data-engineers"), catalog)).toEqual(["USE_CATALOG; USE_SCHEMA, CREATE_TABLE, MODIFY, SELECT on schema raw"]);
    expect(edge(node("group", "finops"), node("catalog", "system"))).toEqual([
      "USE_SCHEMA, SELECT on schemas access, billing, compute, lakeflow, query, storage; USE_CATALOG",
    ]);
    expect(d.nodes.filter((n) => /(^| )(on|off)$/.test(n.lines[0])).map((n) => n.lines[0]).sort()).toEqual([
      "automatic cluster update on", "enhanced security monitoring on", "legacy DBFS off", "legacy access off",
    ]);
  });

  test("labels are escaped and ids stay unique whatever the names", () => {
    const weird = "a\"b[c](d){e}<f>|g#h`i&j";
    const tf = { resource: { aws_s3_bucket: { "x-y": { bucket: weird }, x_y: { bucket: "plain" } }, aws_kinesis_stream: { "x-y": { name: "end" } } } };
    const d = parse(lib.diagram(tf, "weird"));
    expect(d.nodes.map((n) => n.lines[1]).sort()).toEqual([weird, "end", "plain"].sort());
    expect(d.ids.size).toBe(d.nodes.length + d.groups.length);
    expect(lib.portsText([{ proto: "tcp", from: 0, to: 65535 }, { proto: "udp", from: 0, to: 65535 }, { proto: "tcp", from: 443, to: 443 }])).toBe("TCP all, 443; UDP all");
    expect(lib.portsText([{ proto: "-1" }])).toBe("all traffic");
  });

  test("bad input: missing synth output, unknown stacks and README blocks name what exists", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-"));
    expect(() => lib.main(["--outdir", empty])).toThrow(/no synthesized stacks in .*manifest\.json is missing\): run `npm run synth` first/);
    expect(() => lib.main(["--outdir", OUTDIR, "--stack", "nope"])).toThrow(/unknown stack "nope" in .*; it has: .*poc-workspace/);
    expect(() => lib.main(["--bogus"])).toThrow(/unknown or incomplete argument "--bogus"/);
    expect(() => lib.updateReadme("<!-- diagram:gone:start -->\nx\n<!-- diagram:gone:end -->", { a: "" })).toThrow(/stack "gone", which is not synthesized; stacks: a/);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(lib.cli(["--outdir", OUTDIR, "--stack", "nope"])).toBe(2); // the exit code
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^diagram: unknown stack "nope"/));
    fs.rmSync(empty, { recursive: true });
  });

  test("writes <outdir>/diagrams/<stack>.mmd for the asked stacks", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-"));
    fs.copyFileSync(path.join(OUTDIR, "manifest.json"), path.join(dir, "manifest.json"));
    fs.mkdirSync(path.join(dir, "stacks", "poc-workspace"), { recursive: true });
    fs.copyFileSync(path.join(OUTDIR, "stacks", "poc-workspace", "cdk.tf.json"), path.join(dir, "stacks", "poc-workspace", "cdk.tf.json"));
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    lib.main(["--outdir", dir, "--stack", "poc-workspace"]);
    expect(fs.readdirSync(path.join(dir, "diagrams"))).toEqual(["poc-workspace.mmd"]);
    expect(fs.readFileSync(path.join(dir, "diagrams", "poc-workspace.mmd"), "utf8")).toBe(drawn["poc-workspace"]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("poc-workspace.mmd"));
    fs.rmSync(dir, { recursive: true });
  });
});
