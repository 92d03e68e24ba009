// docs/API.md is generated from the library's doc comments (scripts/api-docs.js): it must be current, and the
// doc comments complete: every construct and its public members, every props member, every optional prop's @default.
import * as fs from "fs";
import * as path from "path";

interface ApiModel { classes: { name: string; construct: boolean; props?: { name: string; members: { name: string }[] } }[] }
const docs = require("../../scripts/api-docs.js") as {
  collectApi(): ApiModel; apiProblems(api: ApiModel): string[]; generate(api: ApiModel): string; OUTPUT: string;
};

const api = docs.collectApi();

test("docs/API.md is what `npm run docs:api` generates", () => {
  const committed = fs.existsSync(docs.OUTPUT) ? fs.readFileSync(docs.OUTPUT, "utf8") : "";
  const generated = docs.generate(api);
  if (committed !== generated) {
    const a = committed.split("\n"), b = generated.split("\n");
    const line = b.findIndex((l, i) => l !== a[i]);
    throw new Error(`${path.relative(process.cwd(), docs.OUTPUT)} is out of date: run \`npm run docs:api\` and commit it.\n` +
      `First difference at line ${line + 1}:\n  committed: ${a[line] ?? "(end of file)"}\n  generated: ${b[line] ?? "(end of file)"}`);
  }
});

test("every exported construct, output and prop is documented, every optional prop with @default", () => {
  expect(docs.apiProblems(api)).toEqual([]);
});

test("the reference covers the constructs the README promises, with their props", () => {
  const constructs = new Map(api.classes.filter((c) => c.construct).map((c) => [c.name, c]));
  for (const name of ["WorkspaceVpc", "ExistingNetwork", "CrossAccountRole", "RootBucket", "DatabricksWorkspace", "BackendPrivateLink", "WorkspaceKeys", "LogDelivery"]) {
    expect(constructs.get(name)?.props?.name).toBe(`${name}Props`);
  }
  expect(constructs.get("WorkspaceVpc")!.props!.members.map((m) => m.name)).toEqual(expect.arrayContaining(["vpcCidr", "natGateways", "flowLogs"]));
  expect(api.classes.find((c) => c.name === "ValidationError")?.construct).toBe(false);
});
