// A JavaScript mistake in an environment file stops `npm run synth` with the file, line, column and a hint
// (scripts/build/bundle.js), not a bundler stack trace.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { formatBuildErrors } = require("../../scripts/build/bundle.js") as { formatBuildErrors(errors: unknown[], base?: string): string };
import * as esbuild from "esbuild";

/** esbuild's errors for `source` as environments/prod.ts of a scratch project, formatted as the synth prints them. */
async function buildErrors(source: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-errors-"));
  try {
    fs.mkdirSync(path.join(dir, "environments"));
    fs.writeFileSync(path.join(dir, "environments", "prod.ts"), source);
    await esbuild.build({ entryPoints: ["environments/prod.ts"], absWorkingDir: dir, bundle: true, write: false, logLevel: "silent", platform: "node" });
    throw new Error("expected the build to fail");
  } catch (e) {
    const errors = (e as { errors?: unknown[] }).errors;
    if (!errors) throw e;
    return formatBuildErrors(errors, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("bundle errors name the file, line and column, with a hint", () => {
  test("an account id written as a number with a leading 0", async () => {
    expect(await buildErrors('export const prod = {\n  name: "prod",\n  awsAccountId: 012345678901,\n};\n')).toBe([
      'environments/prod.ts:3:17: Legacy octal literals cannot be used in an ECMAScript module. Hint: a number cannot start with 0; account ids are strings: put the digits in quotes, e.g. awsAccountId: "012345678901"',
      "      awsAccountId: 012345678901,",
      "                    ^",
    ].join("\n"));
  });

  test("a missing comma", async () => {
    expect((await buildErrors('export const prod = {\n  name: "prod"\n  region: "us-east-1",\n};\n')).split("\n")[0]).toBe(
      'environments/prod.ts:3:3: Expected "}" but found "region". Hint: a comma, bracket, brace or quote is missing or extra at this point or just before it');
  });
});
