// The Terraform suite (`npm run validate:tf`, or a bare `npx jest`) is the longest: start it first (also on a fresh
// clone, where Jest has no timing cache), so the other suites run beside it on the other worker instead of after it.
const Sequencer = require("@jest/test-sequencer").default;

class TerraformFirst extends Sequencer {
  sort(tests) {
    const first = (t) => (t.path.endsWith("terraform.test.ts") ? 0 : 1);
    return [...super.sort(tests)].sort((a, b) => first(a) - first(b));
  }
}

module.exports = TerraformFirst;
