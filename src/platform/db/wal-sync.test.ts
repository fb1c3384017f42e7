import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { hotQuery } from "./hot-query.js";
import { WalSync } from "./wal-sync.js";
import type { AnyDb } from "./database.js";

const add = hotQuery((db: AnyDb, [id, n]: [string, number]) => db.insertInto("items").values({ id, n }));
const find = hotQuery((db: AnyDb, [id]: [string]) => db.selectFrom("items").select(["id", "n"]).where("id", "=", id));

/**
 * Every fdatasync, held until `finish` is called: a write must not resolve before a sync that
 * started after it has finished.
 */
function holdSyncs() {
  const syncs: Array<{ done: boolean; finish(error?: Error): void }> = [];
  const spy = vi.spyOn(fs, "fdatasync").mockImplementation((fd: number, callback: (e: Error | null) => void) => {
    const entry = {
      done: false,
      finish(error?: Error) {
        // The real one, so the test also proves the WAL file is there to sync.
        fs.fdatasyncSync(fd);
        entry.done = true;
        callback(error ?? null);
      },
    };
    syncs.push(entry);
  });
  return {
    syncs,
    spy,
    finishAll: () => syncs.filter((s) => !s.done).forEach((s) => s.finish()),
  };
}

/** Lets pending promise callbacks and I/O run. */
const settle = () => new Promise((r) => setTimeout(r, 10));

describe("SQLite writes resolve once an fsync of the WAL covers them (wal-sync.ts)", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase("sqlite");
    await sql`create table items (id text primary key, n integer not null)`.execute(tdb.db);
  });
  afterAll(() => tdb.cleanup());
  afterEach(() => vi.restoreAllMocks());

  it("a transaction resolves after a sync that started after its commit, not before", async () => {
    const h = holdSyncs();
    let resolved = false;
    const trx = tdb.db
      .transaction()
      .execute(async (t) => {
        await add(t, "t1", 1);
        await t.insertInto("items").values({ id: "t2", n: 2 }).execute();
      })
      .then(() => (resolved = true));
    await settle();
    expect(resolved).toBe(false);
    expect(h.syncs).toHaveLength(1);
    h.syncs[0]!.finish();
    await trx;
    expect(resolved).toBe(true);
  });

  it("the connection is free meanwhile: another transaction commits while the first one's sync runs", async () => {
    const h = holdSyncs();
    const first = tdb.db.transaction().execute((t) => add(t, "f1", 1));
    await settle();
    expect(h.syncs).toHaveLength(1);
    // The second commits now, but the sync in flight may have started before it: it waits for the next.
    let secondDone = false;
    const second = tdb.db
      .transaction()
      .execute((t) => add(t, "f2", 2))
      .then(() => (secondDone = true));
    await settle();
    expect((await find(tdb.db, "f2")).rows).toEqual([{ id: "f2", n: 2 }]);
    h.syncs[0]!.finish();
    await first;
    await settle();
    expect(secondDone).toBe(false);
    expect(h.syncs).toHaveLength(2);
    h.syncs[1]!.finish();
    await second;
  });

  it("one sync covers every write made before it started", async () => {
    const h = holdSyncs();
    const first = add(tdb.db, "c0", 0);
    await settle();
    // Written while the first sync runs: all of them wait for one second sync.
    const rest = Array.from({ length: 20 }, (_, i) => add(tdb.db, `c${i + 1}`, i + 1));
    await settle();
    expect(h.syncs).toHaveLength(1);
    h.syncs[0]!.finish();
    await first;
    await settle();
    expect(h.syncs).toHaveLength(2);
    h.syncs[1]!.finish();
    await Promise.all(rest);
    expect(h.syncs).toHaveLength(2);
  });

  it("an autocommit write on the handle waits for its sync, through Kysely and through the direct path", async () => {
    const h = holdSyncs();
    let viaKysely = false;
    let direct = false;
    const a = tdb.db
      .insertInto("items")
      .values({ id: "k1", n: 1 })
      .execute()
      .then(() => (viaKysely = true));
    await settle();
    const b = add(tdb.db, "d1", 1).then(() => (direct = true));
    await settle();
    expect([viaKysely, direct]).toEqual([false, false]);
    h.finishAll();
    await settle();
    h.finishAll();
    await Promise.all([a, b]);
  });

  it("reads do not wait for a sync", { timeout: 5_000 }, async () => {
    await add(tdb.db, "r1", 1);
    const h = holdSyncs();
    expect((await find(tdb.db, "r1")).rows).toEqual([{ id: "r1", n: 1 }]);
    expect(await tdb.db.selectFrom("items").select("id").where("id", "=", "r1").execute()).toEqual([{ id: "r1" }]);
    await tdb.db.transaction().execute((t) => find(t, "r1"));
    expect(h.spy).not.toHaveBeenCalled();
  });

  it("a failed sync fails the writes waiting on it, and the next write syncs again", async () => {
    const h = holdSyncs();
    const failing = tdb.db.transaction().execute((t) => add(t, "e1", 1));
    await settle();
    h.syncs[0]!.finish(new Error("EIO: the disk said no"));
    await expect(failing).rejects.toThrow("EIO");
    const next = add(tdb.db, "e2", 2);
    await settle();
    expect(h.syncs).toHaveLength(2);
    h.syncs[1]!.finish();
    await next;
  });

  it("without WAL (a file system that refused it) nothing is waited on: each commit synced itself", async () => {
    const h = holdSyncs();
    const none = new WalSync(null);
    none.wrote();
    await none.durable();
    expect(h.spy).not.toHaveBeenCalled();
  });
});
