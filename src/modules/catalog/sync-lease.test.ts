import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase, type Database } from "../../platform/db/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { catalogMigrations } from "./catalog.migrations.js";
import { acquireSyncLease, findSyncRow, releaseSyncLease, renewSyncLease } from "./sync-state.repo.js";

const ws = asWorkspaceId("ws_lease_test");

describeEachDialect("the catalog sync lease: one owner per catalog across processes", (dialect) => {
  let first: TestDatabase;
  let second: Database;
  beforeEach(async () => {
    first = await openTestDatabase(dialect, catalogMigrations);
    // A second handle of its own (another pool, another connection), as a second worker has.
    second = openDatabase({ url: first.url, dataDir: first.dataDir, schema: first.schema, poolSize: 5 });
  });
  afterEach(async () => {
    await second.close();
    await first.cleanup();
  });

  it("of two workers racing for it, exactly one wins, round after round", async () => {
    for (let round = 0; round < 25; round++) {
      const now = 1_000_000 + round * 100_000;
      const [a, b] = await Promise.all([
        acquireSyncLease(first.db, ws, `worker-a-${round}`, now, 60_000),
        acquireSyncLease(second.db, ws, `worker-b-${round}`, now, 60_000),
      ]);
      expect([a, b].filter(Boolean), `round ${round}`).toHaveLength(1);
      const winner = a ? `worker-a-${round}` : `worker-b-${round}`;
      expect((await findSyncRow(first.db, ws))?.owner).toBe(winner);
      await releaseSyncLease(a ? first.db : second.db, ws, winner, { state: "idle", now });
    }
  });

  it("is taken over only once the holder's lease ran out, and the old holder learns it lost it", async () => {
    expect(await acquireSyncLease(first.db, ws, "a", 0, 60_000)).toBe(true);
    expect(await acquireSyncLease(second.db, ws, "b", 59_999, 60_000)).toBe(false);
    expect(await renewSyncLease(first.db, ws, "a", 120_000)).toBe(true);
    expect(await acquireSyncLease(second.db, ws, "b", 119_999, 60_000)).toBe(false);
    // "a" stalled: its lease ends, "b" takes the catalog, and "a" can no longer renew or release it.
    expect(await acquireSyncLease(second.db, ws, "b", 120_001, 60_000)).toBe(true);
    expect(await renewSyncLease(first.db, ws, "a", 200_000)).toBe(false);
    await releaseSyncLease(first.db, ws, "a", { state: "idle", now: 130_000 });
    expect((await findSyncRow(first.db, ws))?.owner).toBe("b");
  });
});
