import { sql } from "kysely";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { hotListQuery, hotQuery } from "./hot-query.js";
import type { AnyDb } from "./database.js";

const q = (db: AnyDb) => db;
const find = hotQuery((db, [owner, min]: [string, number]) =>
  q(db)
    .selectFrom("items")
    .select(["id", "n"])
    .where("owner", "=", owner)
    .where("n", ">=", min)
    .where("kind", "=", "fixed")
    .orderBy("id"),
);
const bump = hotQuery((db, [n, id]: [number, string]) =>
  q(db).updateTable("items").set({ n }).where("id", "=", id).where("n", "<", n),
);
const add = hotQuery((db, [id, owner, n]: [string, string, number]) =>
  q(db)
    .insertInto("items")
    .values({ id, owner, n, kind: "fixed" })
    .onConflict((oc) => oc.column("id").doNothing()),
);

const findAmong = hotListQuery((db, [owners, ids], [min]) =>
  q(db)
    .selectFrom("items")
    .select(["id", "n"])
    .where("owner", "in", owners as string[])
    .where("id", "not in", ids as string[])
    .where("n", ">=", min as number)
    .where("kind", "=", "fixed")
    .orderBy("id"),
);

describeEachDialect("hotQuery: compiled once, arguments swapped per call", (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase(dialect);
    await sql`create table items (id text primary key, owner text not null, n integer not null, kind text not null)`.execute(
      tdb.db,
    );
  });
  afterAll(() => tdb.cleanup());

  it("runs with each call's own arguments, keeps the builder's constants, and reports affected rows", async () => {
    expect((await add(tdb.db, "a", "ana", 1)).numAffectedRows).toBe(1n);
    expect((await add(tdb.db, "b", "ana", 5)).numAffectedRows).toBe(1n);
    expect((await add(tdb.db, "c", "bob", 7)).numAffectedRows).toBe(1n);
    expect((await add(tdb.db, "a", "zed", 9)).numAffectedRows).toBe(0n);
    await sql`insert into items values ('d', 'ana', 9, 'other')`.execute(tdb.db);
    expect((await find(tdb.db, "ana", 0)).rows).toEqual([
      { id: "a", n: 1 },
      { id: "b", n: 5 },
    ]);
    expect((await find(tdb.db, "ana", 2)).rows).toEqual([{ id: "b", n: 5 }]);
    expect((await find(tdb.db, "bob", 0)).rows).toEqual([{ id: "c", n: 7 }]);
    expect((await bump(tdb.db, 3, "a")).numAffectedRows).toBe(1n);
    expect((await bump(tdb.db, 2, "a")).numAffectedRows).toBe(0n);
  });

  it("hotListQuery: each call's lists and scalars, whatever their lengths, in any order of shapes", async () => {
    const ids = async (owners: string[], not: string[], min: number) =>
      (await findAmong(tdb.db, [owners, not], [min])).rows.map((r) => r.id);
    // Rows: a (ana, 3 after the bump above, or 1), b (ana, 5), c (bob, 7); d is of another kind.
    expect(await ids(["ana"], ["x"], 0)).toEqual(["a", "b"]);
    expect(await ids(["ana", "bob"], ["x"], 0)).toEqual(["a", "b", "c"]);
    expect(await ids(["bob", "ana"], ["a", "x"], 0)).toEqual(["b", "c"]);
    // The first shape again, with other values: its compiled form is reused with these.
    expect(await ids(["bob"], ["zzz"], 7)).toEqual(["c"]);
    expect(await ids(["bob"], ["zzz"], 8)).toEqual([]);
    expect(await ids(["ana"], ["b"], 0)).toEqual(["a"]);
    expect(() => findAmong(tdb.db, [Array.from({ length: 3001 }, (_, i) => `o${i}`), ["x"]], [0])).toThrow(
      /at most 3000/,
    );
  });

  it("runs inside a transaction, and what the transaction rolls back is gone", async () => {
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        await add(trx, "e", "eve", 1);
        expect((await find(trx, "eve", 0)).rows).toEqual([{ id: "e", n: 1 }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await find(tdb.db, "eve", 0)).rows).toEqual([]);
  });

  // On SQLite a hot query runs on the connection directly (database.ts, DirectStatements). The
  // connection is the only one: a query on the handle must still wait for another's transaction.
  it("on the handle during another's transaction, waits for it and never sees what it rolls back", async () => {
    let inserted!: () => void;
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const other = tdb.db
      .transaction()
      .execute(async (trx) => {
        await add(trx, "tmp", "tia", 1);
        inserted();
        await released;
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await insertedNow;
    const read = find(tdb.db, "tia", 0);
    const write = add(tdb.db, "mine", "tia", 2);
    release();
    expect(await other).toBe("roll back");
    await write;
    const seen = (await read).rows.map((r) => r.id);
    expect(seen).not.toContain("tmp");
    // SQLite queues both behind the transaction in the order they were asked; PostgreSQL runs them
    // on two pooled connections, so the read may come after the write has committed.
    if (dialect === "sqlite") expect(seen).toEqual([]);
    expect((await find(tdb.db, "tia", 0)).rows).toEqual([{ id: "mine", n: 2 }]);
  });

  it("answers a failing statement with a rejected promise, not a throw", async () => {
    const strict = hotQuery((db, [id]: [string]) =>
      q(db).insertInto("items").values({ id, owner: "x", n: 0, kind: "k" }),
    );
    await strict(tdb.db, "dup");
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = strict(tdb.db, "dup"))).not.toThrow();
    await expect(pending).rejects.toThrow(/unique|duplicate/i);
  });

  it("skips Kysely's executor on SQLite, in a transaction and on the idle handle", async () => {
    const viaKysely = vi.spyOn(tdb.db, "executeQuery");
    try {
      await find(tdb.db, "ana", 0);
      await tdb.db.transaction().execute(async (trx) => {
        const inTrx = vi.spyOn(trx, "executeQuery");
        await add(trx, "f", "fay", 1);
        expect(inTrx).toHaveBeenCalledTimes(dialect === "sqlite" ? 0 : 1);
      });
      expect(viaKysely).toHaveBeenCalledTimes(dialect === "sqlite" ? 0 : 1);
    } finally {
      viaKysely.mockRestore();
    }
  });
});
