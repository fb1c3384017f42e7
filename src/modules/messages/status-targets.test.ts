import { CompiledQuery, sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { textMessageRow } from "../../../test/support/message-rows.js";
import { allMigrations } from "../../main.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { insertMessages, lockStatusTargets, statusTargetsQuery } from "./messages.repo.js";

const WS = asWorkspaceId("ws_targets");
const OTHER = asWorkspaceId("ws_other");

type IndexName = { name: string };

const sent = (id: string, workspaceId: typeof WS, wamid: string) => textMessageRow(workspaceId, id, { wamid });

/**
 * A batch of status webhooks finds its messages by (workspace, wamid): one search of the unique
 * index per wamid, never a read of the workspace's messages. Nothing else looks a message up by
 * wamid alone, so the wamid-only index is gone (migration 20261229-01).
 */
describeEachDialect("the messages a status batch names", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    await insertMessages(tdb.db, [
      sent("msg_03", WS, "wamid.C"),
      sent("msg_01", WS, "wamid.A"),
      sent("msg_02", WS, "wamid.B"),
      // The same wamid in another workspace (its own number, its own Meta ids) is not ours.
      sent("msg_04", OTHER, "wamid.A"),
    ]);
  });
  afterEach(async () => {
    await tdb.cleanup();
  });

  it("are the workspace's own, in message id order, unknown wamids left out", async () => {
    const found = await lockStatusTargets(tdb.db, WS, ["wamid.C", "wamid.A", "wamid.Z"]);
    expect(found.map((t) => [t.id, t.wamid])).toEqual([
      ["msg_01", "wamid.A"],
      ["msg_03", "wamid.C"],
    ]);
    expect((await lockStatusTargets(tdb.db, OTHER, ["wamid.A", "wamid.B"])).map((t) => t.id)).toEqual(["msg_04"]);
  });

  it("are found through the (workspace_id, wamid) index (SQLite's plan)", async () => {
    if (dialect !== "sqlite") return; // PostgreSQL plans by its statistics; SQLite's choice is fixed by the indexes.
    const compiled = statusTargetsQuery(tdb.db, WS, ["wamid.A", "wamid.C"]).compile();
    const plan = await tdb.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(
      /SEARCH messages USING INDEX \S+ \(workspace_id=\? AND wamid=\?\)/,
    );
  });

  it("has no index on wamid alone", async () => {
    const names =
      dialect === "sqlite"
        ? await sql<IndexName>`select name from sqlite_master where type = 'index' and tbl_name = 'messages'`.execute(
            tdb.db,
          )
        : await sql<IndexName>`select indexname as name from pg_indexes where tablename = 'messages' and schemaname = current_schema()`.execute(
            tdb.db,
          );
    const all = names.rows.map((r) => r.name);
    expect(all.length).toBeGreaterThan(3);
    expect(all).not.toContain("messages_wamid_lookup");
  });
});
