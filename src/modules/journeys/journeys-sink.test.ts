import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import type { RecordedEvent } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { journeysSink } from "./journeys-sink.js";

const QUIET = "ws_sink_quiet" as WorkspaceId;
const JOURNEYS = "ws_sink_journeys" as WorkspaceId;
const AUTOMATED = "ws_sink_automated" as WorkspaceId;
const T0 = Date.UTC(2026, 11, 1);

const status = (id: string, messageId: string, s = "delivered"): RecordedEvent =>
  ({ id, type: "message.status", at: T0, data: { messageId, status: s } }) as unknown as RecordedEvent;
const received = (id: string, from: string): RecordedEvent =>
  ({ id, type: "message.received", at: T0, data: { from } }) as unknown as RecordedEvent;

/**
 * The sink asks its workspace-wide questions once per transaction (a webhook batch records
 * hundreds of events in one): each event must still get the answer it would get alone.
 */
describeEachDialect("journeys sink: which events queue the runtime's job", (dialect) => {
  let tdb: TestDatabase;
  let queued: string[];
  const sink = journeysSink({
    jobs: {
      enqueue: (_executor: unknown, _def: unknown, payload: { event: { id: string } }) => {
        queued.push(payload.event.id);
        return Promise.resolve(true);
      },
    } as never,
  });

  beforeEach(async () => {
    queued = [];
    tdb = await openTestDatabase(dialect, allMigrations);
    // A journey of JOURNEYS sent msg_j1 and is still active for 15550000001.
    await sql`insert into journeys (id, workspace_id, automation_id, version, wa_id, trigger_key, entry_key,
      trigger_event_id, status, cursor, step_index, context, entered_at, updated_at)
      values ('jny_1', ${JOURNEYS}, 'aut_j', 1, '15550000001', 'k', 'e', 'evt_0', 'active', 0, 0, '{}', ${T0}, ${T0})`.execute(
      tdb.db,
    );
    await sql`insert into journey_steps (id, journey_id, workspace_id, automation_id, seq, step_id, kind, status,
      message_id, at, updated_at)
      values ('jst_1', 'jny_1', ${JOURNEYS}, 'aut_j', 0, 's1', 'send_template', 'done', 'msg_j1', ${T0}, ${T0})`.execute(
      tdb.db,
    );
    // AUTOMATED has an enabled automation on message statuses (and none on inbound messages).
    await sql`insert into automations (id, workspace_id, name, status, version, trigger_kind, created_at, updated_at)
      values ('aut_s', ${AUTOMATED}, 'on status', 'enabled', 2, 'message_status', ${T0}, ${T0})`.execute(tdb.db);
    await sql`insert into automation_versions (workspace_id, automation_id, version, definition, frozen, created_at)
      values (${AUTOMATED}, 'aut_s', 2, '{}', 1, ${T0})`.execute(tdb.db);
  });
  afterEach(() => tdb.cleanup());

  it("in one transaction: only a journey's message, a journey's customer or an automated workspace's events", async () => {
    await tdb.db.transaction().execute(async (trx) => {
      for (const [ws, e] of [
        [QUIET, status("evt_q1", "msg_q1")],
        [JOURNEYS, status("evt_j0", "msg_other")],
        [JOURNEYS, status("evt_j1", "msg_j1")],
        [JOURNEYS, status("evt_j2", "msg_j1", "queued")],
        [AUTOMATED, status("evt_a1", "msg_a1")],
        [AUTOMATED, status("evt_a2", "msg_a2", "read")],
        [QUIET, received("evt_q2", "15550000001")],
        [JOURNEYS, received("evt_j3", "15550000009")],
        [JOURNEYS, received("evt_j4", "15550000001")],
        [AUTOMATED, received("evt_a3", "15550000001")],
        [QUIET, status("evt_q3", "msg_j1")],
      ] as const)
        await sink(trx, ws, e);
    });
    expect(queued).toEqual(["evt_j1", "evt_a1", "evt_a2", "evt_j4"]);
  });

  it("an automation disabled between two transactions is not heard by the second", async () => {
    await tdb.db.transaction().execute((trx) => sink(trx, AUTOMATED, status("evt_1", "msg_1")));
    await sql`update automations set status = 'paused' where id = 'aut_s'`.execute(tdb.db);
    await tdb.db.transaction().execute((trx) => sink(trx, AUTOMATED, status("evt_2", "msg_2")));
    // Outside a transaction nothing is kept either.
    await sql`update automations set status = 'enabled' where id = 'aut_s'`.execute(tdb.db);
    await sink(tdb.db, AUTOMATED, status("evt_3", "msg_3"));
    await sql`update automations set status = 'paused' where id = 'aut_s'`.execute(tdb.db);
    await sink(tdb.db, AUTOMATED, status("evt_4", "msg_4"));
    expect(queued).toEqual(["evt_1", "evt_3"]);
  });
});
