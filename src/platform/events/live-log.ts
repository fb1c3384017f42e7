import { sql } from "kysely";
import { z } from "zod";
import { hotInsert, hotQuery, t, typed, type AnyDb, type Executor, type WharfMigration } from "../db/index.js";
import { defineJob, type JobDefinition } from "../jobs/index.js";
import type { WorkspaceId } from "../workspace-id.js";
import type { RecordedEvent } from "./catalog.js";

/**
 * The live events of the last minutes, numbered per workspace: what an SSE stream replays to a
 * client that comes back with `Last-Event-ID`, and what a process reads when another one signals
 * that it committed events. The numbers are dense and in commit order: a transaction takes its
 * workspace's next numbers (`live_event_heads`, one row per workspace) as its last statement, so
 * the row lock orders the commits of one workspace and a rollback gives its numbers back.
 */
export type LiveEvent = RecordedEvent & {
  /** The workspace's live-event number: the SSE `id`, and what `Last-Event-ID` resumes from. */
  seq: number;
};

/** How long a live event can be replayed: a reconnect (3 s), a serve dying and its clients moving over. */
export const LIVE_EVENT_RETENTION_MS = 10 * 60_000;

interface LiveTables {
  live_event_heads: { workspace_id: string; seq: number };
  live_events: { workspace_id: string; seq: number; event_id: string; type: string; at: number; data: string };
}
const q = (db: Executor) => typed<LiveTables>(db);

export const liveEventsMigrations: WharfMigration[] = [
  {
    name: "20261210-01-live-events",
    async up(db) {
      await db.schema
        .createTable("live_event_heads")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("seq", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("live_events")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("seq", t.millis, (c) => c.notNull())
        .addColumn("event_id", t.id, (c) => c.notNull())
        .addColumn("type", t.text, (c) => c.notNull())
        .addColumn("at", t.millis, (c) => c.notNull())
        .addColumn("data", t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint("live_events_pk", ["workspace_id", "seq"])
        .execute();
      await db.schema.createIndex("live_events_at").on("live_events").column("at").execute();
    },
  },
];

/**
 * Numbers and stores the events of one transaction; call it as the transaction's last statement
 * (the head rows stay locked until the commit). Workspaces are taken in id order, so two
 * transactions over the same workspaces cannot deadlock on their heads. Returns, per workspace, the
 * events with their numbers in the order given.
 */
export async function appendLiveEvents(
  trx: Executor,
  entries: ReadonlyArray<readonly [WorkspaceId, RecordedEvent]>,
): Promise<Array<[WorkspaceId, LiveEvent]>> {
  const byWorkspace = new Map<WorkspaceId, RecordedEvent[]>();
  for (const [ws, e] of entries) {
    const list = byWorkspace.get(ws);
    if (list) list.push(e);
    else byWorkspace.set(ws, [e]);
  }
  const numbered = new Map<RecordedEvent, number>();
  for (const ws of [...byWorkspace.keys()].sort()) {
    const list = byWorkspace.get(ws)!;
    const last = (await takeNumbers(trx, ws, list.length)).rows[0]!.seq;
    list.forEach((e, i) => numbered.set(e, Number(last) - list.length + 1 + i));
  }
  const out = entries.map(([ws, e]): [WorkspaceId, LiveEvent] => [ws, { ...e, seq: numbered.get(e)! }]);
  for (let i = 0; i < out.length; i += 100) {
    await insertLive(
      trx,
      out.slice(i, i + 100).map(([ws, e]) => ({
        workspace_id: ws,
        seq: e.seq,
        event_id: e.id,
        type: e.type,
        at: e.at,
        data: JSON.stringify(e.data),
      })),
    );
  }
  return out;
}

// Both run in every transaction that records events: compiled once (hot-query.ts), not per call.
const takeNumbers = hotQuery((db, [workspace_id, count]: [string, number]) =>
  q(db)
    .insertInto("live_event_heads")
    .values({ workspace_id, seq: count })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet({ seq: sql`live_event_heads.seq + excluded.seq` }))
    .returning("seq"),
);
const insertLive = hotInsert<LiveTables["live_events"]>(
  ["workspace_id", "seq", "event_id", "type", "at", "data"],
  (db, rows) => q(db).insertInto("live_events").values(rows),
);

/** The workspace's events after `afterSeq`, oldest first. */
export async function readLiveEvents(
  db: AnyDb,
  workspaceId: WorkspaceId,
  afterSeq: number,
  limit = 500,
): Promise<LiveEvent[]> {
  const rows = await q(db)
    .selectFrom("live_events")
    .select(["seq", "event_id", "type", "at", "data"])
    .where("workspace_id", "=", workspaceId)
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map(
    (r) =>
      ({
        seq: Number(r.seq),
        id: r.event_id,
        type: r.type,
        at: Number(r.at),
        data: JSON.parse(r.data) as unknown,
      }) as LiveEvent,
  );
}

/** The number of the workspace's last committed event (0 before its first). */
export async function liveEventHead(db: AnyDb, workspaceId: WorkspaceId): Promise<number> {
  const row = await q(db)
    .selectFrom("live_event_heads")
    .select("seq")
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

/** The oldest number still kept for the workspace, or null when none is. */
export async function oldestLiveEvent(db: AnyDb, workspaceId: WorkspaceId): Promise<number | null> {
  const row = await q(db)
    .selectFrom("live_events")
    .select((eb) => eb.fn.min("seq").as("seq"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row?.seq == null ? null : Number(row.seq);
}

/** Every workspace's events older than `before` (the heads stay: numbers never repeat). */
export async function pruneLiveEvents(db: AnyDb, before: number): Promise<number> {
  const result = await q(db).deleteFrom("live_events").where("at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function pruneLiveEventsJob(deps: { db: AnyDb; clock: { now(): number } }): JobDefinition {
  return defineJob({
    name: "live-events.prune",
    payload: z.object({}),
    everyMs: 60_000,
    handler: async () => void (await pruneLiveEvents(deps.db, deps.clock.now() - LIVE_EVENT_RETENTION_MS)),
  });
}
