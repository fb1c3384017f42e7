import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { asWorkspaceId } from "../workspace-id.js";
import { workspaceTable } from "./workspace-table.js";

interface ItemRow {
  workspace_id: string;
  id: string;
  kind: string;
  note: string | null;
  n: number;
}

const items = workspaceTable<ItemRow>({ table: "items" });
const A = asWorkspaceId("ws_a");
const B = asWorkspaceId("ws_b");

describeEachDialect("workspaceTable: a tenant table's common statements, always within one workspace", (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase(dialect);
    await sql`create table items (workspace_id text not null, id text not null, kind text not null, note text, n integer not null, primary key (workspace_id, id))`.execute(
      tdb.db,
    );
  });
  afterAll(() => tdb.cleanup());
  beforeEach(async () => {
    await tdb.db.deleteFrom("items").execute();
    await items.insert(tdb.db, A, [
      { id: "1", kind: "x", note: null, n: 3 },
      { id: "2", kind: "y", note: "b", n: 1 },
      { id: "3", kind: "x", note: "c", n: 2 },
    ]);
    // The same ids in another workspace: no statement of A's may reach them.
    await items.insert(tdb.db, B, { id: "1", kind: "x", note: null, n: 9 });
  });

  it("finds and lists by value, list and null, sorted and limited, within the workspace", async () => {
    expect(await items.find(tdb.db, A, { id: "1" })).toMatchObject({ workspace_id: "ws_a", n: 3 });
    expect(await items.find(tdb.db, B, { id: "2" })).toBeNull();
    expect((await items.find(tdb.db, A, { kind: "x" }, [["n", "asc"]]))?.id).toBe("3");
    const ids = async (rows: Promise<ItemRow[]>) => (await rows).map((r) => r.id);
    expect(await ids(items.list(tdb.db, A, { id: ["1", "2"] }, { orderBy: [["id", "desc"]] }))).toEqual(["2", "1"]);
    expect(await ids(items.list(tdb.db, A, { note: null }))).toEqual(["1"]);
    expect(
      await ids(
        items.list(
          tdb.db,
          A,
          {},
          {
            orderBy: [
              ["kind", "asc"],
              ["n", "desc"],
            ],
            limit: 2,
          },
        ),
      ),
    ).toEqual(["1", "3"]);
    expect(await items.list(tdb.db, A, { id: [] })).toEqual([]);
  });

  it("updates and deletes only the workspace's matching rows, answering how many", async () => {
    expect(await items.update(tdb.db, A, { id: "1", n: 4 }, { note: "no" })).toBe(0);
    expect(await items.update(tdb.db, A, { id: "1", n: 3 }, { note: "yes" })).toBe(1);
    expect(await items.update(tdb.db, A, { kind: "x" }, { n: 0 })).toBe(2);
    expect((await items.find(tdb.db, B, { id: "1" }))?.n).toBe(9);
    expect(await items.update(tdb.db, A, { id: [] }, { n: 5 })).toBe(0);
    expect(await items.update(tdb.db, A, { id: "2" }, { n: sql<number>`n + 10` })).toBe(1);
    expect((await items.find(tdb.db, A, { id: "2" }))?.n).toBe(11);
    expect(await items.delete(tdb.db, A, { id: ["1", "2"] })).toBe(2);
    expect(await items.delete(tdb.db, A, { id: [] })).toBe(0);
    expect((await items.list(tdb.db, A, {})).map((r) => r.id)).toEqual(["3"]);
    expect(await items.find(tdb.db, B, { id: "1" })).not.toBeNull();
  });

  it("refuses a column given as undefined instead of widening the statement to the workspace", async () => {
    await expect(items.update(tdb.db, A, { id: undefined }, { n: 0 })).rejects.toThrow(/id is undefined/);
    expect((await items.find(tdb.db, A, { id: "1" }))?.n).toBe(3);
  });
});
