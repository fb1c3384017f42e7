import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyStatusUpdate, type StatusUpdateInput } from "./apply-status-update.js";
import { eventsOf, findMessage, insertMessages, newMessageRow, type MessageRow } from "./messages.repo.js";

const WS = "ws_status" as WorkspaceId;
const T0 = Date.UTC(2026, 11, 1);
const clock = { now: () => T0 + 60_000 };
const sent: MessageRow = newMessageRow({
  id: "msg_status1",
  workspace_id: WS,
  direction: "outbound",
  phone_number_id: "pn_1",
  wa_id: "15550000001",
  type: "text",
  content: "{}",
  status: "sending",
  status_rank: 1,
  wamid: "wamid.status1",
  created_at: T0,
});

/**
 * Meta sends sent, delivered and read as separate webhooks that may arrive in any order (and
 * twice); a read implies the message was delivered. The stored status only moves forward
 * (STATUS_RANK), while every status Meta reported is kept once in the timeline.
 */
describeEachDialect("status updates applied in a fixed order: the status never moves backwards", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    await insertMessages(tdb.db, [sent]);
  });
  afterEach(() => tdb.cleanup());

  const apply = (status: StatusUpdateInput["status"], second: number, error?: StatusUpdateInput["error"]) =>
    tdb.db.transaction().execute((trx) =>
      applyStatusUpdate(trx, { clock }, WS, {
        wamid: "wamid.status1",
        status,
        timestamp: T0 + second * 1000,
        ...(error ? { error } : {}),
      }),
    );
  const stored = async () => (await findMessage(tdb.db, WS, sent.id))!;
  const timeline = async () => (await eventsOf(tdb.db, WS, sent.id)).map((e) => e.status);

  it("read, then a late delivered: still read, and delivered is kept in the timeline", async () => {
    expect(await apply("read", 3)).toMatchObject({ changed: true, previous: "sending", status: "read" });
    expect(await apply("delivered", 2)).toMatchObject({ changed: false, previous: "read", status: "read" });
    const m = await stored();
    expect([m.status, m.status_rank, Number(m.meta_timestamp)]).toEqual(["read", 4, T0 + 3000]);
    expect(await timeline()).toEqual(["delivered", "read"]);
  });

  it("read, then a late sent and the same read again: still read, each status once", async () => {
    await apply("read", 3);
    expect(await apply("sent", 1)).toMatchObject({ changed: false, status: "read" });
    expect(await apply("read", 3)).toMatchObject({ changed: false, status: "read" });
    expect((await stored()).status).toBe("read");
    expect(await timeline()).toEqual(["sent", "read"]);
  });

  it("failed after read wins (failed ranks above every delivery status, as STATUS_RANK says), and nothing moves a failed message", async () => {
    await apply("read", 3);
    expect(await apply("failed", 4, { code: 131026, title: "Message undeliverable" })).toMatchObject({
      changed: true,
      previous: "read",
      status: "failed",
    });
    expect(await apply("delivered", 5)).toMatchObject({ changed: false, status: "failed" });
    const m = await stored();
    expect([m.status, m.error_code, m.meta_error_code]).toEqual(["failed", "META_DELIVERY_FAILED", 131026]);
    expect(await timeline()).toEqual(["read", "failed", "delivered"]);
  });
});
