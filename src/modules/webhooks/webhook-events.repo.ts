import { sql, type Generated } from "kysely";
import type { AnyDb, DialectName, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";

export type EventState = "pending" | "done" | "failed" | "invalid";

export interface WebhookEventRow {
  id: string;
  received_at: number;
  body: string;
  state: EventState;
  attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  processed_at: number | null;
  flags: number;
}

export interface WebhookFlagRow {
  event_id: string;
  seq: number;
  kind: string;
  field: string | null;
  waba_id: string | null;
  meta_phone_number_id: string | null;
  detail: string | null;
  created_at: number;
}

interface Tables {
  webhook_events: Omit<WebhookEventRow, "attempts" | "flags"> & { attempts: Generated<number>; flags: Generated<number> };
  webhook_flags: WebhookFlagRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
// 5 bound values a row on insert (flags: 7): 200 rows stay far below SQLite's bound-parameter limit.
const INSERT_CHUNK = 200;

/** The hot path of ingestion: only the columns without a default, so a batch binds as few values as possible. */
export async function insertEvents(executor: Executor, rows: Array<Pick<WebhookEventRow, "id" | "received_at" | "body">>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ id: r.id, received_at: r.received_at, body: r.body, state: "pending" as const, run_at: r.received_at }));
    await q(executor).insertInto("webhook_events").values(values).execute();
  }
}

export type ClaimedEvent = Pick<WebhookEventRow, "id" | "body" | "attempts" | "received_at">;

/**
 * Takes due events (and events whose processor's lease ran out) in one statement, oldest first.
 * PostgreSQL: SKIP LOCKED lets several workers claim side by side; SQLite has one writer anyway.
 */
export async function claimEvents(db: AnyDb, dialect: DialectName, owner: string, now: number, leaseMs: number, limit: number, maxAttempts: number): Promise<ClaimedEvent[]> {
  const due = q(db)
    .selectFrom("webhook_events")
    .select("id")
    .where("state", "=", "pending")
    .where("run_at", "<=", now)
    .where("attempts", "<", maxAttempts)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
    .orderBy("run_at")
    .limit(limit)
    .$if(dialect === "postgres", (qb) => qb.forUpdate().skipLocked());
  const rows = await q(db)
    .updateTable("webhook_events")
    .set({ lease_owner: owner, lease_until: now + leaseMs, attempts: sql`attempts + 1` })
    .where("id", "in", due)
    .returning(["id", "body", "attempts", "received_at"])
    .execute();
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The first statement of a processing transaction: a write, so on SQLite the transaction takes the
 * write lock (waiting for another process's commit if need be) before it reads anything; a read
 * first would fail with SQLITE_BUSY_SNAPSHOT whenever `wharf serve` in another process committed
 * a webhook in between. Returns how many of the events this processor still holds.
 */
export async function renewLeases(executor: Executor, ids: string[], owner: string, until: number): Promise<number> {
  const res = await q(executor).updateTable("webhook_events").set({ lease_until: until }).where("id", "in", ids).where("lease_owner", "=", owner).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Fenced by the lease: a processor that lost its event to another changes nothing here. */
export async function finishEvents(executor: Executor, ids: string[], owner: string, state: "done" | "invalid", now: number, detail: { error?: string | null; flags?: number } = {}): Promise<void> {
  if (ids.length === 0) return;
  await q(executor)
    .updateTable("webhook_events")
    .set({ state, processed_at: now, lease_owner: null, lease_until: null, ...(detail.error !== undefined ? { last_error: detail.error } : {}), ...(detail.flags ? { flags: detail.flags } : {}) })
    .where("id", "in", ids)
    .where("lease_owner", "=", owner)
    .execute();
}

export async function retryEventLater(db: AnyDb, id: string, owner: string, runAt: number, error: string, giveUp: boolean): Promise<void> {
  await q(db)
    .updateTable("webhook_events")
    .set({ state: giveUp ? "failed" : "pending", run_at: runAt, lease_owner: null, lease_until: null, last_error: error.slice(0, 2000) })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

export async function insertFlags(executor: Executor, rows: WebhookFlagRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await q(executor)
      .insertInto("webhook_flags")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["event_id", "seq"]).doNothing())
      .execute();
  }
}

/** Done events are kept for Meta's redelivery horizon (up to 7 days), then dropped; failed and invalid ones stay. */
export async function purgeDoneEvents(db: AnyDb, before: number): Promise<number> {
  const res = await q(db).deleteFrom("webhook_events").where("state", "=", "done").where("processed_at", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function countEventsByState(db: AnyDb): Promise<Record<string, number>> {
  const rows = await q(db).selectFrom("webhook_events").select(["state", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("state").execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export async function listFlags(db: AnyDb, page: { before?: { createdAt: number; eventId: string; seq: number }; limit: number }): Promise<WebhookFlagRow[]> {
  const b = page.before;
  return q(db)
    .selectFrom("webhook_flags")
    .selectAll()
    .$if(b !== undefined, (qb) => qb.where((eb) => eb.or([eb("created_at", "<", b!.createdAt), eb.and([eb("created_at", "=", b!.createdAt), eb("event_id", "<", b!.eventId)]), eb.and([eb("created_at", "=", b!.createdAt), eb("event_id", "=", b!.eventId), eb("seq", "<", b!.seq)])])))
    .orderBy("created_at", "desc")
    .orderBy("event_id", "desc")
    .orderBy("seq", "desc")
    .limit(page.limit)
    .execute();
}

export async function findEvent(db: AnyDb, id: string): Promise<WebhookEventRow | null> {
  return (await q(db).selectFrom("webhook_events").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function purgeFlags(db: AnyDb, before: number): Promise<number> {
  const res = await q(db).deleteFrom("webhook_flags").where("created_at", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** An event whose processor died on its last attempt (e.g. the process ran out of memory on it) is kept as failed. */
export async function failExhaustedEvents(db: AnyDb, now: number, maxAttempts: number): Promise<number> {
  const res = await q(db)
    .updateTable("webhook_events")
    .set({ state: "failed", lease_owner: null, lease_until: null, last_error: "the processor stopped during its last attempt" })
    .where("state", "=", "pending")
    .where("attempts", ">=", maxAttempts)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
