import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { createSignals, type Signals } from "./signals.js";

describeEachDialect("signals: wake-ups between processes", (dialect) => {
  let tdb: TestDatabase;
  let a: Signals;
  let b: Signals;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect);
    const open = () => createSignals({ dialect, db: tdb.db, url: tdb.url, schema: tdb.schema, retryMs: 50 });
    a = open();
    b = open();
    await a.start();
    await b.start();
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await tdb.cleanup();
  });

  const next = (s: Signals, topic: string) =>
    new Promise<string>((resolve) => {
      const off = s.on(topic, (payload) => (off(), resolve(payload)));
    });

  it("a send wakes this process's listeners at once", async () => {
    const heard = next(a, "work");
    a.send("work", "ws_1 7");
    expect(await heard).toBe("ws_1 7");
  });

  if (dialect === "postgres") {
    it("reaches the other process; inside a transaction only at its commit, never after a rollback", async () => {
      const heard = next(b, "work");
      a.send("work", "x");
      expect(await heard).toBe("x");

      const got: string[] = [];
      b.on("tx", (p) => got.push(p));
      await tdb.db
        .transaction()
        .execute(async (trx) => {
          await a.sendIn(trx, "tx", "rolled-back");
          throw new Error("no");
        })
        .catch(() => {});
      const committed = next(b, "tx");
      await tdb.db.transaction().execute(async (trx) => {
        await a.sendIn(trx, "tx", "committed");
        await new Promise((r) => setTimeout(r, 100));
        expect(got).toEqual([]);
      });
      expect(await committed).toBe("committed");
      expect(got).toEqual(["committed"]);
    });

    it("listens again after its connection is killed, and says so (what was signalled meanwhile was missed)", async () => {
      const resumed = new Promise<void>((resolve) => b.onResume(resolve));
      const killed = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name = 'wharf-listener' and query ilike ${`listen "wharf_${tdb.schema!}"%`}`.execute(tdb.db);
      expect(killed.rows[0]!.n).toBe(2);
      await resumed;
      const heard = next(b, "work");
      a.send("work", "after");
      expect(await heard).toBe("after");
    });
  }
});
