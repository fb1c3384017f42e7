import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { asWorkspaceId } from "../workspace-id.js";
import { createEventBus, type EventBus } from "./bus.js";
import type { RecordedEvent, WharfEvent } from "./catalog.js";

const WS = asWorkspaceId("ws_events");
const queued = (id: string): WharfEvent => ({
  type: "message.queued",
  at: Date.UTC(2026, 0, 1),
  data: { id, to: "15550001" },
});
const opted = (waId: string): WharfEvent => ({
  type: "contact.opted_out",
  at: Date.UTC(2026, 0, 1),
  data: { waId, source: "stop_keyword" },
});

describeEachDialect("events.recordEvent: owed in the transaction, live only after the commit", (dialect) => {
  let tdb: TestDatabase;
  let events: EventBus;
  const live: RecordedEvent[] = [];
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect);
    await sql`create table owed (event_id text not null, type text not null)`.execute(tdb.db);
    events = createEventBus();
    // A sink like the endpoints': writes in the recording transaction.
    events.addSink((executor, _ws, e) =>
      sql`insert into owed (event_id, type) values (${e.id}, ${e.type})`.execute(executor),
    );
    events.subscribe(WS, (e) => live.push(e));
    live.length = 0;
  });
  afterEach(() => tdb.cleanup());
  const owed = async () => (await sql<{ type: string }>`select type from owed`.execute(tdb.db)).rows.map((r) => r.type);

  it("publishes after the commit, never inside the transaction; sinks write only what endpoints may receive", async () => {
    const recorded = await events.transaction(tdb.db, async (trx) => {
      const a = await events.recordEvent(trx, WS, opted("1555"));
      await events.recordEvent(trx, WS, queued("msg_1"));
      expect(live).toEqual([]);
      return a;
    });
    expect(live.map((e) => e.type)).toEqual(["contact.opted_out", "message.queued"]);
    expect(recorded.id).toMatch(/^evt_[0-9a-z]{26}$/);
    // message.queued is dashboard-only in the catalog: nothing is owed for it.
    expect(await owed()).toEqual(["contact.opted_out"]);
  });

  it("a rolled-back transaction publishes nothing and owes nothing", async () => {
    await expect(
      events.transaction(tdb.db, async (trx) => {
        await events.recordEvent(trx, WS, opted("1555"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(live).toEqual([]);
    expect(await owed()).toEqual([]);
  });

  it("on the plain handle (already committed writes) it publishes at once; endpoints: false skips the sinks", async () => {
    await events.recordEvent(tdb.db, WS, opted("1"));
    await events.recordEvent(tdb.db, WS, opted("2"), { endpoints: false });
    expect(live.map((e) => e.type)).toEqual(["contact.opted_out", "contact.opted_out"]);
    expect(await owed()).toEqual(["contact.opted_out"]);
  });

  it("refuses a transaction it cannot publish after, an unknown type and a payload the catalog does not allow", async () => {
    await expect(tdb.db.transaction().execute((trx) => events.recordEvent(trx, WS, opted("1")))).rejects.toThrow(
      /events\.transaction/,
    );
    await expect(
      events.recordEvent(tdb.db, WS, { type: "template.status_changed", at: 1, data: {} } as unknown as WharfEvent),
    ).rejects.toThrow(/unknown event type/);
    await expect(
      events.recordEvent(tdb.db, WS, { type: "contact.opted_out", at: 1, data: { waId: 5 } } as unknown as WharfEvent),
    ).rejects.toThrow(/does not match the catalog/);
    expect(live).toEqual([]);
    expect(await owed()).toEqual([]);
  });

  it("ids sort by time", async () => {
    const first = await events.recordEvent(tdb.db, WS, { ...opted("1"), at: Date.UTC(2026, 0, 1) });
    const second = await events.recordEvent(tdb.db, WS, { ...opted("1"), at: Date.UTC(2026, 0, 1, 0, 0, 1) });
    expect(first.id < second.id).toBe(true);
  });
});
