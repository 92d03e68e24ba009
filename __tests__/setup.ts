import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";

// cdktf records a full stack trace for every token it creates, only to explain a token that fails to resolve; under
// Jest each one is formatted through source maps, which made the construct suites several times slower. Tests never
// read them (a resolution error still names the token and its construct path). The app does the same in main.ts.
jest.mock("cdktf/lib/tokens/private/stack-trace", () => ({ captureStackTrace: () => [] }));

Testing.setupJest();
