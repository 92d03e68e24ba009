// WorkspaceSettings: the deployer's egress must pass the IP access lists, no list admits every address, and the
// conf and lists are protected from destroy where the environment protects data (issue 15, items 1 and 5).
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { DeploymentContextProps } from "../../modules/core/context";
import { formatProblem } from "../../modules/core/problems";
import { IpAccessListsSettings, WorkspaceSettings, WorkspaceSettingsProps, workspaceSettingsProblems } from "../../modules/workspace-config";
import { Json, resource, resources, synthJson, withContext } from "../helpers";

const WHY = "Databricks refuses an allow list that would block the caller's IP (400 INVALID_STATE) and answers every later plan from outside it with 403";
const problems = (ipAccessLists: IpAccessListsSettings) => workspaceSettingsProblems({ ipAccessLists }).map(formatProblem);

function synthSettings(props: WorkspaceSettingsProps, overrides: Partial<DeploymentContextProps> = {}): Json {
  return synthJson((scope) => {
    withContext(scope, { workspaceProvider: new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" }), ...overrides });
    new WorkspaceSettings(scope, "settings", props);
  });
}

describe("WorkspaceSettings: the deployer's egress (ipAccessLists.deployerCidrs)", () => {
  test("is required with an allow list, and must not be empty", () => {
    expect(problems({ allow: ["203.0.113.0/24"] })).toEqual([
      `ipAccessLists.deployerCidrs: is required with an allow list: list the egress addresses or CIDRs of whoever plans and deploys (CI runner or its NAT, VPN); ${WHY}`,
    ]);
    expect(problems({ allow: ["203.0.113.0/24"], deployerCidrs: [] })).toEqual([
      `ipAccessLists.deployerCidrs = []: must list the egress addresses or CIDRs of whoever plans and deploys (CI runner or its NAT, VPN); ${WHY}`,
    ]);
    expect(() => synthSettings({ ipAccessLists: { allow: ["203.0.113.0/24"] } })).toThrow(/ipAccessLists\.deployerCidrs: is required with an allow list/);
  });

  test("containment, not equality: a /32 or a smaller block inside an allowed range passes, so does a range the allow entries cover together", () => {
    expect(problems({ allow: ["203.0.113.0/24"], deployerCidrs: ["203.0.113.7", "203.0.113.7/32", "203.0.113.64/26", "203.0.113.0/24"] })).toEqual(["ipAccessLists.deployerCidrs[1] = \"203.0.113.7/32\": repeats ipAccessLists.deployerCidrs[0]"]);
    expect(problems({ allow: ["198.51.100.0/25", "198.51.100.128/25"], deployerCidrs: ["198.51.100.0/24"] })).toEqual([]);
    expect(problems({ allow: ["198.51.100.128/25", "198.51.100.0/26", "198.51.100.64/26"], deployerCidrs: ["198.51.100.0/24"] })).toEqual([]);
  });

  test("an allow list that misses the deployer's egress names the field and the missing CIDR", () => {
    expect(problems({ allow: ["203.0.113.0/24"], deployerCidrs: ["203.0.113.9", "198.51.100.7"] })).toEqual([
      `ipAccessLists.allow: does not contain the deployer's egress 198.51.100.7/32 (ipAccessLists.deployerCidrs[1]): ${WHY}; add it to the allow list`,
    ]);
    expect(problems({ allow: ["198.51.100.0/25", "198.51.100.192/26"], deployerCidrs: ["198.51.100.0/24"] })).toEqual([
      `ipAccessLists.allow: contains only part of the deployer's egress 198.51.100.0/24 (ipAccessLists.deployerCidrs[0]): ${WHY}; add it to the allow list`,
    ]);
  });

  test("a blocked entry overlapping the deployer's egress locks the deployer out (block lists win)", () => {
    expect(problems({ allow: ["203.0.113.0/24"], block: ["203.0.113.13", "203.0.113.0/28"], deployerCidrs: ["203.0.113.8/30"] })).toEqual([
      "ipAccessLists.block[1] = \"203.0.113.0/28\": overlaps the deployer's egress 203.0.113.8/30 (ipAccessLists.deployerCidrs[0]); block lists take precedence, so the deployer would be locked out",
    ]);
  });

  test("deployer entries are checked like list entries", () => {
    expect(problems({ allow: ["203.0.113.0/24"], deployerCidrs: ["runner", "203.0.113.1/24", "0.0.0.0/0"] })).toEqual([
      "ipAccessLists.deployerCidrs[0] = \"runner\": is not an IPv4 address or CIDR block (expected a.b.c.d or a.b.c.d/n)",
      "ipAccessLists.deployerCidrs[1] = \"203.0.113.1/24\": has host bits set; the network address is 203.0.113.0/24",
      "ipAccessLists.deployerCidrs[2] = \"0.0.0.0/0\": is every address; give the egress CIDRs of the runner or NAT that deploys (docs/ci.md)",
    ]);
  });

  test("the compute plane's egress (NAT gateway addresses, tokens too) is appended to the allow list and counts against the limit", () => {
    const json = synthSettings({ ipAccessLists: { allow: ["203.0.113.0/24"], deployerCidrs: ["203.0.113.7"] }, computeEgressIps: ["${aws_nat_gateway.a.public_ip}", "198.51.100.9"] });
    expect(resource(json, "databricks_ip_access_list", "allow-list").ip_addresses).toEqual(["203.0.113.0/24", "${aws_nat_gateway.a.public_ip}", "198.51.100.9"]);
    const allow = Array.from({ length: 999 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expect(workspaceSettingsProblems({ ipAccessLists: { allow, deployerCidrs: ["10.0.0.0/24"] }, computeEgressIps: ["198.51.100.9", "198.51.100.10"] }).map(formatProblem)).toEqual([
      "ipAccessLists: has 1001 entries (2 compute egress IPs included); Databricks allows at most 1000 across the allow and block lists together",
    ]);
  });

  test("the lists themselves never get the deployer's CIDRs: they are a check, not an entry", () => {
    const json = synthSettings({ ipAccessLists: { allow: ["203.0.113.0/24"], deployerCidrs: ["203.0.113.7"] } });
    expect(resource(json, "databricks_ip_access_list", "allow-list").ip_addresses).toEqual(["203.0.113.0/24"]);
  });
});

describe("WorkspaceSettings: no list may cover every address", () => {
  test("an allow list with a /0 is an error, host bits or not", () => {
    expect(problems({ allow: ["0.0.0.0/0", "10.1.2.3/0", "203.0.113.0/24"], deployerCidrs: ["203.0.113.7"] })).toEqual([
      "ipAccessLists.allow[0] = \"0.0.0.0/0\": allows every address, so the list protects nothing; list the networks your users and deployers come from, or remove ipAccessLists",
      "ipAccessLists.allow[1] = \"10.1.2.3/0\": allows every address, so the list protects nothing; list the networks your users and deployers come from, or remove ipAccessLists",
    ]);
  });
});

describe("WorkspaceSettings: destroy protection", () => {
  const lists: IpAccessListsSettings = { allow: ["203.0.113.0/24"], block: ["203.0.113.13"], deployerCidrs: ["203.0.113.7"] };
  const lifecycles = (json: Json) => [
    ...resources(json, "databricks_workspace_conf"), ...resources(json, "databricks_ip_access_list"),
  ].map((r) => r.lifecycle);

  test("the context's protectData puts prevent_destroy on the conf and both lists", () => {
    expect(lifecycles(synthSettings({ ipAccessLists: lists }, { protectData: true }))).toEqual([
      { prevent_destroy: true }, { prevent_destroy: true }, { prevent_destroy: true },
    ]);
    expect(lifecycles(synthSettings({ ipAccessLists: lists }))).toEqual([undefined, undefined, undefined]);
  });

  test("preventDestroy overrides the context either way", () => {
    expect(lifecycles(synthSettings({ ipAccessLists: lists, preventDestroy: true }))).toEqual([
      { prevent_destroy: true }, { prevent_destroy: true }, { prevent_destroy: true },
    ]);
    expect(lifecycles(synthSettings({ ipAccessLists: lists, preventDestroy: false }, { protectData: true }))).toEqual([undefined, undefined, undefined]);
    expect(lifecycles(synthSettings({ preventDestroy: true }))).toEqual([{ prevent_destroy: true }]);
  });
});
