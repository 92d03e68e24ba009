// Speed-ups to cdktf 0.21.0 (final upstream) and ip-num, applied when esbuild bundles the app (only the app's
// dist/main.js: the library and the tests run the packages as published). None changes what is written:
// __tests__/e2e/app.test.ts compares the bundle's cdktf.out with plain cdktf's byte for byte, and
// __tests__/scripts/cdktf-fast-paths.test.ts the values each fast path steps aside for. Each patch must match the
// package's source exactly (count included), so a changed cdktf or ip-num fails the build loudly.
const fs = require("fs");

// cdktf resolves every block three times per synth (the cross-stack pass, the guardrails, the synth itself), and
// each time walks every string and key through three regular expressions, two closures and an options copy.
// A string with no token marker resolves to itself: say so before any of that work.
const PLAIN_STRING = `
function isPlainString(s) {
    return s.indexOf("TfToken[") === -1 && s !== token_1.Token.STRING_MAP_TOKEN_VALUE && s !== token_1.Token.ANY_MAP_TOKEN_VALUE &&
        !encoding_1.TokenString.forNumbers(s).test();
}
// depth: a value nested deeper than 200 still goes through resolve(), which reports a cyclic value there.
function isPlainScalar(x, depth) {
    return depth < 200 && (typeof x === "boolean" || (typeof x === "string" && isPlainString(x)));
}
`;

const LAZY_CHILD_PROCESS = {
  why: "lazy child_process",
  from: 'const child_process_1 = require("child_process");',
  to: 'const child_process_1 = { execSync: (...args) => require("child_process").execSync(...args) };',
};

const FILES = [
  {
    name: "cdktf/lib/tokens/private/resolve.js",
    filter: /[\\/]cdkt[fn][\\/]lib[\\/]tokens[\\/]private[\\/]resolve\.js$/,
    patches: [
      // The path is only for error messages: join it when one is thrown, not on every call.
      { why: "lazy path name", from: '    const pathName = "/" + prefix.join("/");\n', to: "" },
      { why: "path name in errors", from: /\)\(pathName/g, to: ')("/" + prefix.join("/")', count: 4 },
      { why: "plain strings", from: '    if (typeof obj === "string") {\n', to: '    if (typeof obj === "string") {\n        if (isPlainString(obj))\n            return obj;\n' },
      { why: "plain keys", from: "const resolvedKey = makeContext()[0].resolve(key);", to: "const resolvedKey = isPlainString(key) ? key : makeContext()[0].resolve(key);" },
      {
        why: "plain values",
        from: "const value = makeContext(key)[0].resolve(obj[key]);",
        to: "const raw = obj[key];\n        const value = isPlainScalar(raw, prefix.length + 1) ? raw : makeContext(key)[0].resolve(raw);",
      },
      {
        why: "plain elements",
        from: ".map((x, i) => makeContext(`${i}`)[0].resolve(x))",
        to: ".map((x, i) => (isPlainScalar(x, prefix.length + 1) ? x : makeContext(`${i}`)[0].resolve(x)))",
      },
      { why: "helpers", from: /\n\/\/# sourceMappingURL=.*$/s, to: `\n${PLAIN_STRING}` },
    ],
  },
  {
    // snakeCase is pure and runs on every attribute name of every block, three times per synth.
    name: "cdktf/lib/util.js",
    filter: /[\\/]cdkt[fn][\\/]lib[\\/]util\.js$/,
    patches: [
      {
        why: "memoized snakeCase",
        from: "function snakeCase(str) {\n    if (!str)\n        return \"\";\n    return String(str)",
        to: "const snakeCases = new Map();\nfunction snakeCase(str) {\n    if (!str)\n        return \"\";\n" +
          "    const key = String(str);\n    let snake = snakeCases.get(key);\n    if (snake === undefined)\n        snakeCases.set(key, (snake = snakeCase1(key)));\n    return snake;\n}\n" +
          "function snakeCase1(str) {\n    return String(str)",
      },
    ],
  },
  {
    // ip-num parses seven IPv6 ranges (BigInt from binary strings) when it loads; the config checks use IPv4 only.
    name: "ip-num/dist/src/IPNumber.js",
    filter: /[\\/]ip-num[\\/]dist[\\/]src[\\/]IPNumber\.js$/,
    patches: [
      {
        why: "lazy IPv6 ranges",
        from: /^IPv6\.([A-Z_]+) = (IPRange_2\.[^;]*|\[[^;]*\]);$/gm,
        to: (_m, name, value) => `lazyStatic(IPv6, "${name}", () => ${value});`,
        count: 7,
      },
      {
        why: "lazyStatic",
        from: /\n\/\/# sourceMappingURL=.*$/s,
        to: "\nfunction lazyStatic(o, name, make) {\n    Object.defineProperty(o, name, { configurable: true, enumerable: true, get() {\n" +
          "        const value = make();\n        Object.defineProperty(o, name, { value, writable: true, enumerable: true, configurable: true });\n        return value;\n    } });\n}\n",
      },
    ],
  },
  // cdktf's index loads archiver (and its streams, glob, zip) for TerraformAsset and child_process (with net, dgram)
  // for the Terraform-binary checks and test matchers; a synth of this app uses none of them.
  {
    name: "cdktf/lib/private/fs.js",
    filter: /[\\/]cdkt[fn][\\/]lib[\\/]private[\\/]fs\.js$/,
    patches: [
      { why: "lazy archiver", from: 'const archiver = require("archiver");', to: 'const archiver = (...args) => require("archiver")(...args);' },
      LAZY_CHILD_PROCESS,
    ],
  },
  { name: "cdktf/lib/validations/validate-binary-version.js", filter: /[\\/]cdkt[fn][\\/]lib[\\/]validations[\\/]validate-binary-version\.js$/, patches: [LAZY_CHILD_PROCESS] },
  { name: "cdktf/lib/testing/matchers.js", filter: /[\\/]cdkt[fn][\\/]lib[\\/]testing[\\/]matchers\.js$/, patches: [LAZY_CHILD_PROCESS] },
];

function applyPatches(file, contents) {
  for (const patch of file.patches) {
    const matches = typeof patch.from === "string" ? contents.split(patch.from).length - 1 : (contents.match(patch.from) || []).length;
    if (matches !== (patch.count ?? 1)) {
      throw new Error(`cdktf-fast-paths: "${patch.why}" matches ${matches} times in ${file.name}, not ${patch.count ?? 1}; is the installed version the one package-lock.json pins?`);
    }
    contents = contents.replace(patch.from, typeof patch.to === "function" ? patch.to : () => patch.to);
  }
  return contents;
}

/** esbuild plugin: every file above must be bundled and patched, or the build fails. */
const cdktfFastPaths = {
  name: "cdktf-fast-paths",
  setup(build) {
    const patched = new Set();
    build.onEnd((result) => {
      const missing = FILES.filter((f) => !patched.has(f.name)).map((f) => f.name);
      if (missing.length > 0 && result.errors.length === 0) throw new Error(`cdktf-fast-paths: never bundled: ${missing.join(", ")}`);
    });
    for (const file of FILES) {
      build.onLoad({ filter: file.filter }, ({ path }) => {
        patched.add(file.name);
        return { contents: applyPatches(file, fs.readFileSync(path, "utf8")), loader: "js" };
      });
    }
  },
};

module.exports = { cdktfFastPaths, applyPatches, FILES };
