import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores: more workers than that only adds contention, and every PostgreSQL test file
    // gets its own schema, so files can still run side by side.
    maxWorkers: 2,
  },
});
