import { App } from "cdktf";
import { ConfigError, loadEnvironments } from "./environments";
import { addEnvironmentStacks } from "./stacks/app";

// Validate every environment before anything is written: a bad config never leaves a half-written cdktf.out.
let environments;
try {
  environments = loadEnvironments();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const app = new App();
addEnvironmentStacks(app, environments);
app.synth();
