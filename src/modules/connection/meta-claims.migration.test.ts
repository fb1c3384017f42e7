import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { migrate } from "../../platform/db/index.js";
import { allMigrations } from "../../main.js";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";

// A database from before issue 11 may hold one WABA (and one active number) in two workspaces.
// The migration keeps the earliest connection and sends the others to reconnect.
const CLAIMS = "20261204-20-meta-claims";

describeEachDialect("meta_claims migration over duplicated data", (dialect) => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => tdb?.cleanup());

  it("the earliest connection keeps the WABA and its active number; the later one must reconnect", async () => {
    tdb = await openTestDatabase(
      dialect,
      allMigrations.filter((m) => m.name < CLAIMS),
    );
    const db = tdb.db;
    for (const [ws, connectedAt] of [
      ["ws_a", 1000],
      ["ws_b", 2000],
    ] as const) {
      await sql`insert into workspaces (id, name, created_at, updated_at) values (${ws}, ${ws}, 0, 0)`.execute(db);
      await sql`insert into connections (workspace_id, status, waba_id, scopes, connected_at, catalog_status, updated_at) values (${ws}, 'connected', '111', '[]', ${connectedAt}, 'none', 0)`.execute(
        db,
      );
      await sql`insert into phone_numbers (id, workspace_id, meta_phone_number_id, waba_id, display_phone_number, throughput_mps, active, registered_at, created_at, updated_at)
                values (${`pn_${ws}`}, ${ws}, '222', '111', '+1 555', 80, 1, ${connectedAt}, 0, 0)`.execute(db);
    }
    await migrate(db, tdb.dialect, allMigrations, tdb.schema);
    const claims = await sql<{
      kind: string;
      workspace_id: string;
    }>`select kind, workspace_id from meta_claims order by kind`.execute(db);
    expect(claims.rows).toEqual([
      { kind: "phone_number", workspace_id: "ws_a" },
      { kind: "waba", workspace_id: "ws_a" },
    ]);
    const b = await sql<{ status: string }>`select status from connections where workspace_id = 'ws_b'`.execute(db);
    expect(b.rows[0]!.status).toBe("needs_reconnect");
    const numbers = await sql<{
      workspace_id: string;
      active: number;
    }>`select workspace_id, active from phone_numbers order by workspace_id`.execute(db);
    expect(numbers.rows.map((r) => [r.workspace_id, Number(r.active)])).toEqual([
      ["ws_a", 1],
      ["ws_b", 0],
    ]);
  });
});
