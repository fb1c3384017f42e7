import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../../test/support/databases.js";
import type { ChannelSession, SendMessageRequest } from "../../../channels/index.js";
import { allMigrations } from "../../../main.js";
import { manualClock } from "../../../platform/clock.js";
import { createEventBus } from "../../../platform/events/bus.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { applyStatusUpdate, type StatusUpdateInput } from "../apply-status-update.js";
import { eventsOf, findMessage, insertMessages, newMessageRow } from "../messages.repo.js";
import { claimOutbox, deleteCustomerOutbox, insertOutbox, markInDoubt, type OutboxRow } from "../outbox.repo.js";
import { newNumberRates, pumpNumber, type PumpDeps } from "./number-pump.js";
import { recordOutcomes } from "./record-outcomes.js";

const WS = "ws_doubt_a" as WorkspaceId;
const OTHER = "ws_doubt_b" as WorkspaceId;
const PN = "pn_doubt";
const T0 = Date.UTC(2026, 11, 26);
const GRACE = 60_000;
const LEASE = 5_000;

/**
 * Issue 18 acceptance 3 / issue 13: a dispatcher killed after handing sends to Meta and before
 * recording the answers leaves their outbox rows in flight. Meta's `/messages` takes no
 * idempotency key, so the next owner must not send them again at once: it holds them in doubt
 * (`markInDoubt`), Meta's status webhooks, which echo the message id in `biz_opaque_callback_data`,
 * settle those Meta accepted, and only the rest are sent after the grace.
 */
describeEachDialect(
  "sends a dead dispatcher left in flight: in doubt, settled by Meta's status or sent after the grace",
  (dialect) => {
    let tdb: TestDatabase;
    const clock = manualClock(T0);
    const sent: Array<{ to: string; callback: string | undefined }> = [];
    let deps: PumpDeps;

    beforeEach(async () => {
      tdb = await openTestDatabase(dialect, allMigrations);
      clock.set(T0);
      sent.length = 0;
      const session = {
        messages: {
          send: (_from: string, body: SendMessageRequest) => {
            sent.push({ to: String(body.to), callback: body.biz_opaque_callback_data });
            return Promise.resolve({ messages: [{ id: `wamid.resent.${sent.length}` }] });
          },
        },
      } as unknown as ChannelSession;
      deps = {
        db: tdb.db,
        dialect,
        clock,
        events: createEventBus(),
        random: () => 0.5,
        senderFor: () => Promise.resolve({ graph: session, metaPhoneNumberId: "1000", throughputMps: 80 }),
      };
      const ids = ["msg_d1", "msg_d2", "msg_d3"];
      await insertMessages(
        tdb.db,
        ids.map((id, i) =>
          newMessageRow({
            id,
            workspace_id: WS,
            direction: "outbound",
            phone_number_id: PN,
            wa_id: `1555000000${i}`,
            type: "text",
            content: JSON.stringify({
              messaging_product: "whatsapp",
              to: `1555000000${i}`,
              type: "text",
              text: { body: "hi" },
            }),
            status: "queued",
            status_rank: 0,
            created_at: T0 - 60_000,
          }),
        ),
      );
      await insertOutbox(
        tdb.db,
        ids.map((id, i) => outboxRow(id, `1555000000${i}`)),
      );
      // The dead owner's claim: its lease ran out a moment ago, its answers were never written.
      expect((await claimOutbox(tdb.db, dialect, PN, "dead", T0 - LEASE - 1, LEASE, 10)).length).toBe(3);
    });
    afterEach(() => tdb.cleanup());

    const outboxRow = (id: string, waId: string): OutboxRow => ({
      message_id: id,
      workspace_id: WS,
      phone_number_id: PN,
      wa_id: waId,
      campaign_id: null,
      state: "ready",
      run_at: T0 - 60_000,
      attempts: 0,
      lease_owner: null,
      lease_until: null,
      last_error: null,
    });
    const pump = () =>
      pumpNumber(deps, { owner: "next", leaseMs: LEASE, maxBatch: 10 }, PN, newNumberRates(), {
        valid: () => true,
        wanted: () => true,
      });
    const status = (ws: WorkspaceId, input: Partial<StatusUpdateInput> & { wamid: string }) =>
      tdb.db
        .transaction()
        .execute((trx) => applyStatusUpdate(trx, { clock }, ws, { status: "sent", timestamp: clock.now(), ...input }));
    const outbox = async () =>
      (await tdb.db.selectFrom("outbox").select(["message_id", "state"]).orderBy("message_id").execute()) as Array<{
        message_id: string;
        state: string;
      }>;

    it("an echoed status settles a row in doubt: it gets Meta's wamid and is never sent again", async () => {
      // A status can come before the row is marked (the lease just ran out) or after: both settle.
      expect(await status(WS, { wamid: "wamid.old1", callbackData: "msg_d1" })).toMatchObject({
        found: true,
        messageId: "msg_d1",
        changed: true,
        previous: "sending",
        status: "sent",
      });
      expect(await markInDoubt(tdb.db, PN, clock.now(), GRACE)).toBe(2);
      // Another workspace cannot settle a message by naming its id; an unknown wamid without the echo stays unknown.
      expect(await status(OTHER, { wamid: "wamid.old2", callbackData: "msg_d2" })).toEqual({ found: false });
      expect(await status(WS, { wamid: "wamid.old2" })).toEqual({ found: false });
      clock.set(T0 + 1_000);
      expect(await status(WS, { wamid: "wamid.old2", callbackData: "msg_d2", status: "delivered" })).toMatchObject({
        found: true,
        status: "delivered",
      });
      // The settled rows leave the outbox at once, unsent; msg_d3 still waits for its grace.
      await pump();
      expect(sent).toEqual([]);
      expect(await outbox()).toEqual([{ message_id: "msg_d3", state: "doubt" }]);
      const m1 = (await findMessage(tdb.db, WS, "msg_d1"))!;
      const m2 = (await findMessage(tdb.db, WS, "msg_d2"))!;
      expect([m1.status, m1.wamid, m2.status, m2.wamid]).toEqual(["sent", "wamid.old1", "delivered", "wamid.old2"]);
      expect((await eventsOf(tdb.db, WS, "msg_d1")).map((e) => e.status)).toEqual(
        expect.arrayContaining(["sending", "sent"]),
      );
    });

    it("a row without word is sent again once the grace is over, not before", async () => {
      // Never claimed straight from the dead owner's lapsed lease, even before being marked.
      await pump();
      expect(sent).toEqual([]);
      expect(await markInDoubt(tdb.db, PN, clock.now(), GRACE)).toBe(3);
      // Marked once: a second owner's look changes nothing and does not restart the grace.
      expect(await markInDoubt(tdb.db, PN, clock.now() + 1, GRACE)).toBe(0);
      clock.set(T0 + GRACE - 1);
      await pump();
      expect(sent).toEqual([]);
      clock.set(T0 + GRACE);
      await pump();
      expect(sent.map((s) => s.callback).sort()).toEqual(["msg_d1", "msg_d2", "msg_d3"]);
      expect(await outbox()).toEqual([]);
      const m = (await findMessage(tdb.db, WS, "msg_d1"))!;
      expect(m.status).toBe("sending");
      expect(m.wamid).toMatch(/^wamid\.resent\./);
    });

    it("a status of the first send arriving after the resend changes nothing and breaks nothing", async () => {
      await markInDoubt(tdb.db, PN, clock.now(), GRACE);
      clock.set(T0 + GRACE);
      await pump();
      const resent = (await findMessage(tdb.db, WS, "msg_d1"))!.wamid!;
      // Meta had the first send after all: the duplicate the grace makes rare. Its status finds no
      // message to adopt (stays unmatched: retried, then flagged), and the resend's statuses still apply.
      expect(await status(WS, { wamid: "wamid.first", callbackData: "msg_d1" })).toEqual({ found: false });
      expect(await status(WS, { wamid: resent, callbackData: "msg_d1", status: "read" })).toMatchObject({
        found: true,
        status: "read",
      });
      const m = (await findMessage(tdb.db, WS, "msg_d1"))!;
      expect([m.status, m.wamid]).toEqual(["read", resent]);
      expect(await outbox()).toEqual([]);
    });

    it("a stalled owner's late answer settles its rows too: they leave the outbox unsent", async () => {
      await markInDoubt(tdb.db, PN, clock.now(), GRACE);
      // The owner was not dead, only slow: its answers arrive after the rows were put in doubt. Its
      // outbox writes are fenced out (the rows are no longer its), the wamids it writes are not.
      const rows = (await tdb.db.selectFrom("outbox").selectAll().execute()) as OutboxRow[];
      await recordOutcomes(
        deps,
        "dead",
        rows.map((row) => ({ kind: "accepted", row, wamid: `wamid.late.${row.message_id}` })),
      );
      expect((await outbox()).map((r) => r.state)).toEqual(["doubt", "doubt", "doubt"]);
      clock.set(T0 + GRACE);
      await pump();
      expect(sent).toEqual([]);
      expect(await outbox()).toEqual([]);
      expect((await findMessage(tdb.db, WS, "msg_d2"))!.wamid).toBe("wamid.late.msg_d2");
    });

    it("a customer erased meanwhile: their row in doubt leaves the outbox and is never sent", async () => {
      await markInDoubt(tdb.db, PN, clock.now(), GRACE);
      expect(await deleteCustomerOutbox(tdb.db, WS, "15550000001")).toEqual(["msg_d2"]);
      clock.set(T0 + GRACE);
      await pump();
      expect(sent.map((s) => s.callback).sort()).toEqual(["msg_d1", "msg_d3"]);
    });

    it("a live owner's rows (lease running) are neither put in doubt nor settled by a status", async () => {
      clock.set(T0 + 10_000);
      // The next owner claimed them again after the grace and is sending them now.
      await markInDoubt(tdb.db, PN, T0, 0);
      expect((await claimOutbox(tdb.db, dialect, PN, "next", clock.now(), LEASE, 10)).length).toBe(3);
      expect(await markInDoubt(tdb.db, PN, clock.now(), GRACE)).toBe(0);
      // Its own `sent` may race its answer: unmatched for now (retried), never adopted under a live lease.
      expect(await status(WS, { wamid: "wamid.live", callbackData: "msg_d1" })).toEqual({ found: false });
      expect((await findMessage(tdb.db, WS, "msg_d1"))!.status).toBe("queued");
      expect((await outbox()).map((r) => r.state)).toEqual(["inflight", "inflight", "inflight"]);
    });
  },
);
