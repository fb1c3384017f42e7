import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyStatusUpdate, applyStatusUpdates, type StatusUpdateInput } from "./apply-status-update.js";
import { eventsOf, findMessage, insertEvent, insertMessages, newMessageRow, type MessageRow } from "./messages.repo.js";

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

  // Meta's status webhooks carry whole-second `timestamp`s (Cloud API webhooks reference, "statuses"
  // object: "Unix timestamp", seconds), while Wharf stamps `queued`/`sending` with its own clock in
  // milliseconds: in the same second (or with Meta's clock a little behind) a plain time order put
  // `sending` after `read`. Wharf's own steps come first; Meta's are ordered by second, then by rank.
  it("the timeline never shows sending after Meta's sent, delivered or read of the same second", async () => {
    await tdb.db
      .transaction()
      .execute((trx) => insertEvent(trx, { message_id: sent.id, status: "sending", at: T0 + 1_700, detail: null }));
    await apply("read", 1);
    await apply("sent", 1);
    await apply("delivered", 1);
    expect(await timeline()).toEqual(["sending", "sent", "delivered", "read"]);
  });

  it("Meta's clock a second behind Wharf's still leaves sending first", async () => {
    await tdb.db
      .transaction()
      .execute((trx) => insertEvent(trx, { message_id: sent.id, status: "sending", at: T0 + 2_100, detail: null }));
    await apply("sent", 1);
    await apply("read", 2);
    expect(await timeline()).toEqual(["sending", "sent", "read"]);
  });

  it("a batch gives what one status at a time gives: per status its previous and change, each message written once with the last status that moved it", async () => {
    const others = ["msg_status2", "msg_status3", "msg_status4"].map((id, i) =>
      newMessageRow({ ...sent, id, wamid: `wamid.status${i + 2}` }),
    );
    await insertMessages(tdb.db, others);
    const at = (second: number) => T0 + second * 1000;
    const batch: StatusUpdateInput[] = [
      { wamid: "wamid.status1", status: "delivered", timestamp: at(2) },
      { wamid: "wamid.status2", status: "read", timestamp: at(3) },
      { wamid: "wamid.status1", status: "sent", timestamp: at(1) },
      { wamid: "wamid.status3", status: "delivered", timestamp: at(2) },
      { wamid: "wamid.status1", status: "read", timestamp: at(3) },
      { wamid: "wamid.status2", status: "delivered", timestamp: at(2) },
      { wamid: "wamid.status4", status: "failed", timestamp: at(4), error: { code: 131049, title: "Not delivered" } },
      { wamid: "wamid.status4", status: "read", timestamp: at(5) },
      { wamid: "wamid.unknown", status: "read", timestamp: at(5) },
      { wamid: "wamid.status3", status: "delivered", timestamp: at(2) },
    ];
    const results = await tdb.db.transaction().execute((trx) => applyStatusUpdates(trx, { clock }, WS, batch));
    expect(results.map((r) => (r.found ? [r.previous, r.status, r.changed] : null))).toEqual([
      ["sending", "delivered", true],
      ["sending", "read", true],
      ["delivered", "delivered", false],
      ["sending", "delivered", true],
      ["delivered", "read", true],
      ["read", "read", false],
      ["sending", "failed", true],
      ["failed", "failed", false],
      null,
      ["delivered", "delivered", false],
    ]);
    const rows = await Promise.all(
      ["msg_status1", "msg_status2", "msg_status3", "msg_status4"].map((id) => findMessage(tdb.db, WS, id)),
    );
    expect(rows.map((m) => [m!.status, m!.status_rank, Number(m!.meta_timestamp), m!.meta_error_code])).toEqual([
      ["read", 4, at(3), null],
      ["read", 4, at(3), null],
      ["delivered", 3, at(2), null],
      ["failed", 9, at(4), 131049],
    ]);
    expect(await timeline()).toEqual(["sent", "delivered", "read"]);
    expect((await eventsOf(tdb.db, WS, "msg_status2")).map((e) => e.status)).toEqual(["delivered", "read"]);
    expect((await eventsOf(tdb.db, WS, "msg_status3")).map((e) => e.status)).toEqual(["delivered"]);
    expect((await eventsOf(tdb.db, WS, "msg_status4")).map((e) => e.status)).toEqual(["failed", "read"]);
  });

  it("another workspace's message with the same wamid is neither found nor moved", async () => {
    await insertMessages(tdb.db, [newMessageRow({ ...sent, id: "msg_other_ws", workspace_id: "ws_other" })]);
    await apply("delivered", 2);
    expect((await findMessage(tdb.db, "ws_other" as WorkspaceId, "msg_other_ws"))!.status).toBe("sending");
    expect((await stored()).status).toBe("delivered");
  });
});
