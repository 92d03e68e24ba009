// ESLint flat config: eslint's and typescript-eslint's recommended rules, without type information — the
// type-aware presets re-run the TypeScript program on every lint and `npm test` has to stay fast; `tsc` in
// `npm run build` already does the type checking.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/", "lib/", "dist/", "coverage/", "cdktf.out*/", ".tfcheck/", ".bench/",
      "examples/*/*.js", "examples/*/node_modules/", "examples/*/cdktf.out/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // The two control-character regexes are deliberate: log prefixes reject them, plan logs strip ANSI colours.
      "no-control-regex": "off",
      // Best-effort probes (e.g. a provider mirror directory that may not exist) ignore the error on purpose.
      "no-empty": ["error", { allowEmptyCatch: true }],
      // `cond && push(x)` is this codebase's idiom for a conditional side effect; bare expressions still fail.
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // `any` appears only where raw Terraform JSON or user config is walked before validation: shown as
      // warnings (debt to narrow to `unknown`), not a gate; tsc's noImplicitAny still rejects accidental ones.
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    // The scripts and Jest config are plain CommonJS run by node.
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      // api-docs.js writes `if (x) a(), b();`: a comma sequence of calls, which this rule reports as unused.
      // Shown as a warning rather than gating; bare expressions without effect are still errors in TypeScript.
      "@typescript-eslint/no-unused-expressions": ["warn", { allowShortCircuit: true, allowTernary: true }],
      // A module-scoped `const crypto = require("crypto")` shadows Node's global `crypto`; harmless in CommonJS.
      "no-redeclare": ["error", { builtinGlobals: false }],
    },
  },
  {
    // The guardrail rules walk resolved Terraform JSON of any shape (TerraformConfig is a record of `any`): narrowing
    // every access would add casts, not safety — each rule checks the shapes it reads at runtime.
    files: ["modules/guardrails/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Tests assert on synthesized Terraform JSON, typed `any` on purpose (shape checked by expect at runtime).
    files: ["__tests__/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      // The suites load the untyped CommonJS scripts they test (and the Jest runner) with `require(...) as <interface>`.
      "@typescript-eslint/no-require-imports": ["error", { allow: ["^(\\.\\./)+scripts/[\\w./-]+\\.js$", "^\\.\\./group-runner\\.js$"] }],
    },
  },
  {
    files: ["**/*.ts"],
    rules: {
      // tsc's noUnusedLocals/noUnusedParameters already fail the build; keep lint to "_"-prefixed opt-outs.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
