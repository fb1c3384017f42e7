import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, rowMaker, type Database } from "./database.js";

/**
 * SQLite rows are read as arrays and made into objects by a maker per statement (database.ts): the
 * rows must be exactly the objects better-sqlite3 builds itself, also after the schema changes
 * under a cached statement.
 */
describe("SQLite rows made from arrays", () => {
  let dir: string;
  let database: Database;
  let plain: Sqlite.Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-rows-"));
    database = openDatabase({ url: null, dataDir: dir });
    await sql`create table a (id text primary key, n integer, x real, b blob, note text)`.execute(database.db);
    await sql`create table c (id text primary key, a_id text, note text)`.execute(database.db);
    await sql`insert into a values ('a1', 9007199254740991, 1.5, x'00ff', null), ('a2', -1, 0, x'', 'two')`.execute(
      database.db,
    );
    await sql`insert into c values ('c1', 'a1', 'child')`.execute(database.db);
    // The same file through better-sqlite3's own row objects.
    plain = new Sqlite(path.join(dir, "wharf.db"));
  });
  afterEach(async () => {
    plain.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const both = async (query: string) => ({
    ours: (await sql.raw(query).execute(database.db)).rows,
    theirs: plain.prepare(query).all(),
  });

  it("equal better-sqlite3's own rows: every type, nulls, a join whose names repeat, odd aliases", async () => {
    for (const query of [
      "select * from a order by id",
      "select * from a join c on c.a_id = a.id",
      `select id as "x", n as "1", note as "with space", note as "é", 'x' as "constructor" from a order by id`,
      "select count(*) as n from a",
      "select * from a where id = 'none'",
    ]) {
      const { ours, theirs } = await both(query);
      expect(ours, query).toEqual(theirs);
      expect(
        ours.map((r) => Object.keys(r as object)),
        query,
      ).toEqual(theirs.map((r) => Object.keys(r as object)));
    }
    const [row] = (await sql.raw(`select 'p' as "__proto__"`).execute(database.db)).rows as Array<
      Record<string, unknown>
    >;
    // A column named __proto__ is a property of the row, never its prototype (better-sqlite3 passes
    // it to the prototype setter, which drops a string and would take a blob as the prototype).
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toBe("p");
  });

  it("follow the schema when a cached `select *` gains, loses or swaps a column", async () => {
    const all = async () => (await sql`select * from c`.execute(database.db)).rows;
    expect(await all()).toEqual([{ id: "c1", a_id: "a1", note: "child" }]);
    await sql`alter table c add column extra text default 'e'`.execute(database.db);
    expect(await all()).toEqual([{ id: "c1", a_id: "a1", note: "child", extra: "e" }]);
    // As wide as before, other names: only the schema change itself can tell.
    await sql`alter table c drop column note`.execute(database.db);
    await sql`alter table c add column other text default 'o'`.execute(database.db);
    expect(await all()).toEqual([{ id: "c1", a_id: "a1", extra: "e", other: "o" }]);
    expect(await all()).toEqual(plain.prepare("select * from c").all());
    // Changed by another connection (another process): the row is wider, and that is seen.
    plain.exec("alter table c add column z text default 'z'");
    expect(await all()).toEqual([{ id: "c1", a_id: "a1", extra: "e", other: "o", z: "z" }]);
  });

  it("are made the same way when streamed, and for `returning`", async () => {
    const streamed: unknown[] = [];
    for await (const r of database.db.selectFrom("a").selectAll().orderBy("id").stream()) streamed.push(r);
    expect(streamed).toEqual(plain.prepare("select * from a order by id").all());
    const returned = await database.db
      .insertInto("c")
      .values({ id: "c2", a_id: "a2", note: "n" })
      .returning(["id", "note"])
      .execute();
    expect(returned).toEqual([{ id: "c2", note: "n" }]);
  });

  it("rowMaker: keys in column order, a later column of the same name wins", () => {
    expect(rowMaker(["a", "b", "a"])(["1", "2", "3"])).toEqual({ a: "3", b: "2" });
    expect(Object.keys(rowMaker(["z", "y"])([1, 2]) as object)).toEqual(["z", "y"]);
    expect(rowMaker(['"; process.exit(1); "', "`${x}`"])([1, 2])).toEqual({ '"; process.exit(1); "': 1, "`${x}`": 2 });
  });
});
