import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { messagesMigrations } from "./messages.migrations.js";
import { acquireNumberLease, releaseNumberLeases, savePairRates, takePairRates } from "./number-leases.repo.js";

// Rate state across an owner change (issue 13): the throughput window by a quiet span between two
// owners' leases, the pair rate by what an owner hands over in the database.
describeEachDialect("number leases hand rate state over", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, messagesMigrations);
  });
  afterEach(() => tdb.cleanup());

  it("a number released or lapsed is taken only one span (Meta's throughput second) after its lease ended", async () => {
    expect(await acquireNumberLease(tdb.db, "pn_1", "a", 0, 5_000, 1_000)).toBe(true);
    expect(await acquireNumberLease(tdb.db, "pn_1", "b", 1_000, 5_000, 1_000)).toBe(false);
    // Lapsed at 5,000 (a kill -9): not before 6,000.
    expect(await acquireNumberLease(tdb.db, "pn_1", "b", 5_500, 5_000, 1_000)).toBe(false);
    expect(await acquireNumberLease(tdb.db, "pn_1", "b", 6_001, 5_000, 1_000)).toBe(true);
    // Released at 7,000 (SIGTERM, its sends answered): not before 8,000; its owner may take it back at once.
    await releaseNumberLeases(tdb.db, "b", 7_000, ["pn_1"]);
    expect(await acquireNumberLease(tdb.db, "pn_1", "c", 7_900, 5_000, 1_000)).toBe(false);
    expect(await acquireNumberLease(tdb.db, "pn_1", "b", 7_900, 5_000, 1_000)).toBe(true);
    await releaseNumberLeases(tdb.db, "b", 8_000);
    expect(await acquireNumberLease(tdb.db, "pn_1", "c", 9_001, 5_000, 1_000)).toBe(true);
  });

  it("pair rate state only moves forward, per number, and a taker reads what is not yet past", async () => {
    await savePairRates(tdb.db, "pn_1", [
      { waId: "111", tat: 100_000 },
      { waId: "222", tat: 50_000 },
    ]);
    await savePairRates(tdb.db, "pn_2", [{ waId: "111", tat: 70_000 }]);
    // A stalled former owner writing late does not lower a pair; a later time replaces it.
    await savePairRates(tdb.db, "pn_1", [
      { waId: "111", tat: 90_000 },
      { waId: "222", tat: 60_000 },
    ]);
    const sorted = (rows: Array<{ waId: string; tat: number }>) => rows.sort((a, b) => a.waId.localeCompare(b.waId));
    expect(sorted(await takePairRates(tdb.db, "pn_1", 0))).toEqual([
      { waId: "111", tat: 100_000 },
      { waId: "222", tat: 60_000 },
    ]);
    // Past rows are dropped as a number is taken.
    expect(await takePairRates(tdb.db, "pn_1", 80_000)).toEqual([{ waId: "111", tat: 100_000 }]);
    expect(sorted(await takePairRates(tdb.db, "pn_1", 0))).toEqual([{ waId: "111", tat: 100_000 }]);
    expect(await takePairRates(tdb.db, "pn_2", 0)).toEqual([{ waId: "111", tat: 70_000 }]);
  });
});
