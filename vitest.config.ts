import { defineConfig } from "vitest/config";

/** CI retries a failed test once (`.ci/run` sets it, with test/support/flaky-reporter.ts listing every test that needed it). */
const retry = Number(process.env["WHARF_TEST_RETRY"] ?? 0);

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores: more workers than that only adds contention, and every PostgreSQL test file
    // gets its own schema, so files can still run side by side.
    maxWorkers: 2,
    retry,
  },
});
