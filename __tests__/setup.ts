import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";

// cdktf records a full stack trace for every token it creates, only to explain a token that fails to resolve; under
// Jest each one is formatted through source maps, which made the construct suites several times slower. Tests never
// read them (a resolution error still names the token and its construct path). The app does the same in main.ts.
jest.mock("cdktf/lib/tokens/private/stack-trace", () => ({ captureStackTrace: () => [] }));

Testing.setupJest();

// esbuild's JS API keeps a service process running until stop(), and its *Sync calls one inside a worker thread that
// stop() ends without ending that process: either would outlive the Jest worker that loaded esbuild (the bundle
// errors and library suites). Sync calls run a one-off esbuild instead (read when esbuild loads), and after each test
// file that loaded esbuild its service is stopped (evanw/esbuild:lib/npm/node.ts, ESBUILD_WORKER_THREADS and stop()).
process.env.ESBUILD_WORKER_THREADS = "0";
afterAll(async () => {
  const esbuild = require.resolve("esbuild");
  if (require.cache[esbuild]) await (await import("esbuild")).stop();
});
