import { CompiledQuery, PostgresAdapter, type Generated } from "kysely";
import type { AnyDb, DialectName, Executor } from "../../platform/db/index.js";
import { hotInsert, typed } from "../../platform/db/index.js";
import { leaseFree, LEASE_COLUMNS, leasedQueue } from "../../platform/queue/index.js";
import type { ClaimRequest, LeasedQueue } from "../../platform/queue/index.js";

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
  webhook_events: Omit<WebhookEventRow, "attempts" | "flags"> & {
    attempts: Generated<number>;
    flags: Generated<number>;
  };
  webhook_flags: WebhookFlagRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
// Flags: 7 bound values a row, so 200 rows stay far below SQLite's bound-parameter limit.
const FLAG_INSERT_CHUNK = 200;
// The receiver's inserts, compiled once per row count (hotInsert takes up to 100 rows).
const HOT_INSERT_CHUNK = 100;
const insertEventsHot = hotInsert<Pick<WebhookEventRow, "id" | "received_at" | "body" | "state" | "run_at">>(
  ["id", "received_at", "body", "state", "run_at"],
  (db, rows) => q(db).insertInto("webhook_events").values(rows),
);

/**
 * PostgreSQL: a whole batch in one statement of fixed text, its rows as three arrays. One round
 * trip and no explicit transaction (a single statement is atomic by itself: every row is stored or
 * none), where a multi-row VALUES took BEGIN, one INSERT per 200 rows and COMMIT, each a round
 * trip, and a statement of up to 1,000 parameters that Kysely built and PostgreSQL parsed anew for
 * every batch size.
 */
const INSERT_UNNEST = `insert into webhook_events (id, received_at, body, state, run_at)
select id, received_at, body, 'pending', received_at from unnest($1::text[], $2::bigint[], $3::text[]) as t(id, received_at, body)`;

/**
 * The hot path of ingestion: only the columns without a default, so a batch binds as few values as
 * possible. On SQLite call it inside a transaction (several statements for a large batch); on
 * PostgreSQL it is one statement, atomic as it stands.
 */
// cross-tenant: Meta's webhooks are stored before they are routed to a workspace
export async function insertEvents(
  executor: Executor,
  rows: Array<Pick<WebhookEventRow, "id" | "received_at" | "body">>,
): Promise<void> {
  if (rows.length === 0) return;
  if (executor.getExecutor().adapter instanceof PostgresAdapter) {
    await executor.executeQuery(
      CompiledQuery.raw(INSERT_UNNEST, [
        rows.map((r) => r.id),
        rows.map((r) => r.received_at),
        rows.map((r) => r.body),
      ]),
    );
    return;
  }
  for (let i = 0; i < rows.length; i += HOT_INSERT_CHUNK) {
    const values = rows.slice(i, i + HOT_INSERT_CHUNK).map((r) => ({
      id: r.id,
      received_at: r.received_at,
      body: r.body,
      state: "pending" as const,
      run_at: r.received_at,
    }));
    await insertEventsHot(executor, values);
  }
}

export type ClaimedEvent = Pick<WebhookEventRow, "id" | "body" | "attempts" | "received_at">;

/** Due events, and events whose processor's lease ran out, while attempts remain. */
function eventQueue(dialect: DialectName, maxAttempts: number): LeasedQueue<ClaimedEvent> {
  return leasedQueue<ClaimedEvent>(dialect, {
    table: "webhook_events",
    id: "id",
    ...LEASE_COLUMNS,
    pending: (eb) => eb("state", "=", "pending"),
    claimable: (eb, now) =>
      eb.and([
        eb("state", "=", "pending"),
        eb("run_at", "<=", now),
        eb("attempts", "<", maxAttempts),
        leaseFree(eb, now),
      ]),
    onComplete: (now) => ({ state: "done", processed_at: now }),
  });
}

const queues = new Map<string, LeasedQueue<ClaimedEvent>>();
export function webhookEventLeases(dialect: DialectName, maxAttempts: number): LeasedQueue<ClaimedEvent> {
  const key = `${dialect}:${maxAttempts}`;
  let queue = queues.get(key);
  if (!queue) queues.set(key, (queue = eventQueue(dialect, maxAttempts)));
  return queue;
}
// The dialect and attempt limit matter only to claims; the fenced writes are the same SQL everywhere.
const settled = eventQueue("sqlite", 0);

const CLAIMED = ["id", "body", "attempts", "received_at"] as const;

/** Takes due events in one statement, oldest first; several processors may claim side by side. */
// cross-tenant: queue claim: the processor serves every workspace
export async function claimEvents(
  db: AnyDb,
  dialect: DialectName,
  request: ClaimRequest,
  maxAttempts: number,
): Promise<ClaimedEvent[]> {
  const rows = await webhookEventLeases(dialect, maxAttempts).claim(db, request, CLAIMED);
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The first statement of a processing transaction: a write, so on SQLite the transaction takes the
 * write lock (waiting for another process's commit if need be) before it reads anything; a read
 * first would fail with SQLITE_BUSY_SNAPSHOT whenever `wharf serve` in another process committed
 * a webhook in between. Returns how many of the events this processor still holds.
 */
// cross-tenant: queue write on claimed rows, fenced by the lease owner
export async function renewLeases(executor: Executor, ids: string[], owner: string, until: number): Promise<number> {
  return settled.renew(executor, ids, owner, until);
}

/** Fenced by the lease: a processor that lost its event to another changes nothing here. */
// cross-tenant: queue write on claimed rows, fenced by the lease owner
export async function finishEvents(
  executor: Executor,
  ids: string[],
  owner: string,
  state: "done" | "invalid",
  now: number,
  detail: { error?: string | null; flags?: number } = {},
): Promise<void> {
  await settled.settle(executor, ids, owner, {
    state,
    processed_at: now,
    ...(detail.error !== undefined ? { last_error: detail.error } : {}),
    ...(detail.flags ? { flags: detail.flags } : {}),
  });
}

// cross-tenant: queue write on a claimed row, fenced by the lease owner
export async function retryEventLater(
  db: AnyDb,
  id: string,
  owner: string,
  runAt: number,
  error: string,
  giveUp: boolean,
): Promise<void> {
  await settled.retryAt(db, [id], owner, runAt, {
    state: giveUp ? "failed" : "pending",
    last_error: error.slice(0, 2000),
  });
}

// cross-tenant: flags are about Meta's events, routed or not
export async function insertFlags(executor: Executor, rows: WebhookFlagRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += FLAG_INSERT_CHUNK) {
    await q(executor)
      .insertInto("webhook_flags")
      .values(rows.slice(i, i + FLAG_INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["event_id", "seq"]).doNothing())
      .execute();
  }
}

/** Done events are kept for Meta's redelivery horizon (up to 7 days), then dropped; failed and invalid ones stay. */
// cross-tenant: retention over every stored webhook
export async function purgeDoneEvents(db: AnyDb, before: number): Promise<number> {
  const res = await q(db)
    .deleteFrom("webhook_events")
    .where("state", "=", "done")
    .where("processed_at", "<", before)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

// cross-tenant: operator statistics
export async function countEventsByState(db: AnyDb): Promise<Record<string, number>> {
  const rows = await q(db)
    .selectFrom("webhook_events")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

// cross-tenant: operator route
export async function listFlags(
  db: AnyDb,
  page: { before?: { createdAt: number; eventId: string; seq: number }; limit: number },
): Promise<WebhookFlagRow[]> {
  const b = page.before;
  return q(db)
    .selectFrom("webhook_flags")
    .selectAll()
    .$if(b !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("created_at", "<", b!.createdAt),
          eb.and([eb("created_at", "=", b!.createdAt), eb("event_id", "<", b!.eventId)]),
          eb.and([eb("created_at", "=", b!.createdAt), eb("event_id", "=", b!.eventId), eb("seq", "<", b!.seq)]),
        ]),
      ),
    )
    .orderBy("created_at", "desc")
    .orderBy("event_id", "desc")
    .orderBy("seq", "desc")
    .limit(page.limit)
    .execute();
}

// cross-tenant: a stored webhook by our id, before (or without) routing: operators and tests
export async function findEvent(db: AnyDb, id: string): Promise<WebhookEventRow | null> {
  return (await q(db).selectFrom("webhook_events").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

// cross-tenant: retention over every flag
export async function purgeFlags(db: AnyDb, before: number): Promise<number> {
  const res = await q(db).deleteFrom("webhook_flags").where("created_at", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** An event whose processor died on its last attempt (e.g. the process ran out of memory on it) is kept as failed. */
// cross-tenant: queue housekeeping over every stored webhook
export async function failExhaustedEvents(db: AnyDb, now: number, maxAttempts: number): Promise<number> {
  return settled.reset(
    db,
    (eb) => eb.and([eb("state", "=", "pending"), eb("attempts", ">=", maxAttempts), leaseFree(eb, now)]),
    {
      state: "failed",
      last_error: "the processor stopped during its last attempt",
    },
  );
}
