import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createEventBus, type EventBus } from "../../platform/events/bus.js";
import type { RecordedEvent } from "../../platform/events/catalog.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyStatusUpdate, type StatusUpdateInput } from "./apply-status-update.js";
import { eventsOf, findMessage, insertMessages, newMessageRow, SEND_OUTCOME_UNKNOWN } from "./messages.repo.js";
import { settleUnknownSends, UNKNOWN_SEND_WINDOW_MS } from "./settle-unknown-sends.js";

const WS = "ws_unknown_a" as WorkspaceId;
const OTHER = "ws_unknown_b" as WorkspaceId;
const T0 = Date.UTC(2026, 11, 25);

/** A send that got no answer from Meta: no wamid, held as `unknown` (dispatch/record-outcomes.ts). */
const unknownSend = (id: string, ws: WorkspaceId = WS) =>
  newMessageRow({
    id,
    workspace_id: ws,
    direction: "outbound",
    phone_number_id: "pn_1",
    wa_id: "15550000009",
    type: "text",
    content: "{}",
    status: "unknown",
    status_rank: 1,
    error_code: SEND_OUTCOME_UNKNOWN,
    error_message: "no answer",
    created_at: T0,
  });

/**
 * Meta's `/messages` has no idempotency key, so a send without an answer is never re-sent; Meta
 * echoes `biz_opaque_callback_data` (Wharf's message id) in the message's status webhooks (Cloud
 * API messages reference), which is how the message is recognised and settled.
 */
describeEachDialect(
  "sends held as unknown: settled by Meta's echoed callback data, or failed after the window",
  (dialect) => {
    let tdb: TestDatabase;
    let events: EventBus;
    const clock = manualClock(T0);
    const seen: [string, RecordedEvent][] = [];
    beforeEach(async () => {
      tdb = await openTestDatabase(dialect, allMigrations);
      events = createEventBus();
      seen.length = 0;
      events.subscribeAll((ws, e) => seen.push([ws, e]));
      clock.set(T0);
      await insertMessages(tdb.db, [unknownSend("msg_u1"), unknownSend("msg_u2"), unknownSend("msg_u3", OTHER)]);
    });
    afterEach(() => tdb.cleanup());

    const apply = (ws: WorkspaceId, input: Partial<StatusUpdateInput> & { wamid: string }) =>
      tdb.db
        .transaction()
        .execute((trx) => applyStatusUpdate(trx, { clock }, ws, { status: "sent", timestamp: clock.now(), ...input }));

    it("a status echoing the message id gives it Meta's wamid and moves it on; only there", async () => {
      // Another workspace cannot claim the message by naming its id.
      expect(await apply(OTHER, { wamid: "wamid.A", callbackData: "msg_u1" })).toEqual({ found: false });
      // Without the echo, an unknown wamid stays unknown to Wharf.
      expect(await apply(WS, { wamid: "wamid.A" })).toEqual({ found: false });
      expect(await apply(WS, { wamid: "wamid.A", callbackData: "msg_u1" })).toMatchObject({
        found: true,
        messageId: "msg_u1",
        changed: true,
        status: "sent",
      });
      const m = (await findMessage(tdb.db, WS, "msg_u1"))!;
      expect([m.status, m.wamid, m.error_code]).toEqual(["sent", "wamid.A", null]);
      // Later statuses find it by wamid; a second wamid naming the same id is not taken.
      expect(await apply(WS, { wamid: "wamid.A", status: "read" })).toMatchObject({ found: true, status: "read" });
      expect(await apply(WS, { wamid: "wamid.B", callbackData: "msg_u1" })).toEqual({ found: false });
    });

    it("fails what stayed unknown past the window once, however many sweep; a late status still settles it", async () => {
      clock.set(T0 + UNKNOWN_SEND_WINDOW_MS - 1);
      expect(await settleUnknownSends({ db: tdb.db, clock, events })).toBe(0);
      await apply(WS, { wamid: "wamid.2", callbackData: "msg_u2" });
      clock.set(T0 + UNKNOWN_SEND_WINDOW_MS + 1);
      const swept = await Promise.all([1, 2, 3].map(() => settleUnknownSends({ db: tdb.db, clock, events })));
      // msg_u1 and the other workspace's msg_u3; msg_u2 was settled by its status.
      expect(swept.reduce((a, b) => a + b, 0)).toBe(2);
      const failed = (await findMessage(tdb.db, WS, "msg_u1"))!;
      expect([failed.status, failed.error_code]).toEqual(["failed", SEND_OUTCOME_UNKNOWN]);
      expect((await findMessage(tdb.db, WS, "msg_u2"))!.status).toBe("sent");
      const statuses = seen.map(([ws, e]) => [ws, (e.data as { messageId: string; status: string }).messageId, e.type]);
      expect(statuses.sort()).toEqual([
        [WS, "msg_u1", "message.status"],
        [OTHER, "msg_u3", "message.status"],
      ]);
      // Meta's word beats the guess: a status arriving after the window moves the message on.
      expect(await apply(WS, { wamid: "wamid.1", callbackData: "msg_u1", status: "delivered" })).toMatchObject({
        found: true,
        status: "delivered",
      });
      const revived = (await findMessage(tdb.db, WS, "msg_u1"))!;
      expect([revived.status, revived.wamid, revived.error_code]).toEqual(["delivered", "wamid.1", null]);
      expect((await eventsOf(tdb.db, WS, "msg_u1")).map((e) => e.status)).toContain("delivered");
    });
  },
);
