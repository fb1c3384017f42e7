import { CompiledQuery } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { textMessageRow } from "../../../test/support/message-rows.js";
import { allMigrations } from "../../main.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import {
  insertMessages,
  lastInboundAt,
  lastInboundByRecipient,
  lastInboundQuery,
  type MessageRow,
} from "./messages.repo.js";

const WS = asWorkspaceId("ws_window");
const OTHER = asWorkspaceId("ws_other");

const row = (id: string, over: Partial<MessageRow>): MessageRow => textMessageRow(WS, id, over);

/**
 * A send's 24-hour window opens at the customer's last inbound message. It is read on every send,
 * so it must be found through an index of inbound messages, not by reading the customer's thread.
 */
describeEachDialect("the customer's last inbound message", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    // A long thread: 300 messages, inbound every third, outbound ones later than any inbound.
    const thread = Array.from({ length: 300 }, (_, i) =>
      row(`msg_${String(i).padStart(4, "0")}`, {
        direction: i % 3 === 0 ? "inbound" : "outbound",
        meta_timestamp: i % 3 === 0 ? 1_000 + i : 1_000_000 + i,
      }),
    );
    for (let i = 0; i < thread.length; i += 100) await insertMessages(tdb.db, thread.slice(i, i + 100));
    await insertMessages(tdb.db, [
      // Later inbound messages of other numbers, customers and workspaces do not count.
      row("msg_x1", { direction: "inbound", meta_timestamp: 9_000_000, phone_number_id: "pn_2" }),
      row("msg_x2", { direction: "inbound", meta_timestamp: 9_000_000, wa_id: "15550002" }),
      row("msg_x3", { direction: "inbound", meta_timestamp: 9_000_000, workspace_id: OTHER }),
    ]);
  });
  afterEach(async () => {
    await tdb.cleanup();
  });

  it("is the latest inbound of that customer on that number, alone and by recipient", async () => {
    expect(await lastInboundAt(tdb.db, WS, "pn_1", "15550001")).toBe(1_000 + 297);
    expect(await lastInboundAt(tdb.db, WS, "pn_1", "15559999")).toBeNull();
    const byRecipient = await lastInboundByRecipient(tdb.db, WS, "pn_1", ["15550001", "15550002", "15559999"]);
    expect([...byRecipient]).toEqual(
      expect.arrayContaining([
        ["15550001", 1_297],
        ["15550002", 9_000_000],
      ]),
    );
    expect(byRecipient.has("15559999")).toBe(false);
  });

  it("is one index search, not a read of the thread (SQLite's plan)", async () => {
    if (dialect !== "sqlite") return; // PostgreSQL plans by its statistics; SQLite's choice is fixed by the indexes.
    const compiled = lastInboundQuery(tdb.db, WS, "pn_1", "15550001").compile();
    const plan = await tdb.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(/USING COVERING INDEX messages_last_inbound/);
  });
});
