import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../../test/support/databases.js";
import { systemClock } from "../../../platform/clock.js";
import { createEventBus } from "../../../platform/events.js";
import type { JobQueue } from "../../../platform/jobs/index.js";
import { createDispatcher } from "./dispatcher.js";

describeEachDialect("the dispatcher does not swallow its errors", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    // No migrations: every query of the dispatcher fails, as with a database that went away.
    tdb = await openTestDatabase(dialect);
  });
  afterEach(() => tdb.cleanup());

  it("logs each failed tick with the loop's name and counts it", async () => {
    const counted: string[] = [];
    const logged: unknown[] = [];
    const dispatcher = createDispatcher(
      {
        db: tdb.db,
        dialect,
        clock: systemClock,
        events: createEventBus(),
        jobs: { onOutboxPoke: () => () => undefined } as unknown as JobQueue,
        logger: { error: (obj: unknown) => void logged.push(obj) },
        metrics: { loopError: (loop) => void counted.push(loop) },
      } as Parameters<typeof createDispatcher>[0],
      { pollMs: 5, leaseMs: 1_000, maxBatch: 10 },
    );
    dispatcher.start();
    const deadline = Date.now() + 5_000;
    while (counted.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await dispatcher.stop();
    expect(counted.length).toBeGreaterThanOrEqual(2);
    expect(new Set(counted)).toEqual(new Set(["dispatcher"]));
    expect(logged.every((l) => (l as { loop: string }).loop === "dispatcher")).toBe(true);
  });
});
