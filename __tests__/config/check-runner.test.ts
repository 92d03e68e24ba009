// environments/check-runner.ts: a check that throws is reported on its section, once, and hides nothing the other
// checks find (the wrong-types fuzz only sees the message; this pins the behaviour).
import { checkRunner } from "../../environments/check-runner";
import type { Problem } from "../../modules/core/problems";

test("a throwing check becomes one problem on its section; the checks around it still report", () => {
  const problems: Problem[] = [];
  const run = checkRunner(problems);
  run(() => [{ path: "network.vpcCidr", value: "10.0.0.0/8", message: "is too big" }]);
  run(() => {
    throw new TypeError("x.map is not a function");
  }, "budget");
  run(() => {
    throw new Error("boom");
  });
  run(() => [{ path: "tags.Owner", value: "", message: "must not be blank" }]);
  expect(problems).toEqual([
    { path: "network.vpcCidr", value: "10.0.0.0/8", message: "is too big" },
    { path: "budget", value: undefined, message: "could not be checked completely (x.map is not a function); fix the problems reported above for it" },
    { path: "config", value: undefined, message: "could not be checked completely (boom); fix the problems reported above for it" },
    { path: "tags.Owner", value: "", message: "must not be blank" },
  ]);
});
