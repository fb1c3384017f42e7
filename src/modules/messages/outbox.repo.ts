import { sql } from "kysely";
import type { AnyDb, DialectName, Executor } from "../../platform/db/index.js";
import { hotInsert, typed } from "../../platform/db/index.js";
import { leasedQueue, refundAttempt, type LeasedQueue } from "../../platform/queue/index.js";

export interface OutboxRow {
  message_id: string;
  workspace_id: string;
  phone_number_id: string;
  wa_id: string;
  campaign_id: string | null;
  state: "ready" | "inflight" | "held";
  run_at: number;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
}

interface Tables {
  outbox: OutboxRow;
  dispatch_leases: { phone_number_id: string; owner: string; lease_until: number };
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

const OUTBOX_COLUMNS = [
  "message_id",
  "workspace_id",
  "phone_number_id",
  "wa_id",
  "campaign_id",
  "state",
  "run_at",
  "attempts",
  "lease_owner",
  "lease_until",
  "last_error",
] as const satisfies readonly (keyof OutboxRow)[];
const insertOutboxRows = hotInsert<OutboxRow>(OUTBOX_COLUMNS, (db, rows) => q(db).insertInto("outbox").values(rows));

export async function insertOutbox(executor: Executor, rows: OutboxRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await insertOutboxRows(executor, rows.slice(i, i + 100));
}

/**
 * Phone numbers that have something due: the dispatcher's work list. A campaign can leave 100k
 * rows ready on one number, so the numbers are found by walking outbox_due from one number to the
 * next (a loose index scan, one probe per number) and each is asked whether it has a due row,
 * instead of scanning every due row for its number.
 */
export async function numbersWithDueWork(db: AnyDb, now: number): Promise<string[]> {
  const { rows } = await sql<{ phone_number_id: string }>`
    with recursive p(id) as (
      select min(phone_number_id) from outbox
      union all
      select (select min(o.phone_number_id) from outbox o where o.phone_number_id > p.id) from p where p.id is not null
    )
    select id as phone_number_id from p
    where id is not null and (
      exists (select 1 from outbox d where d.phone_number_id = p.id and d.state = 'ready' and d.run_at <= ${now})
      or exists (select 1 from outbox d where d.phone_number_id = p.id and d.state = 'inflight' and d.lease_until < ${now}))`.execute(
    db,
  );
  return rows.map((r) => r.phone_number_id);
}

/**
 * Takes or renews the lease on a number: succeeds when nobody holds it, it is ours, or its holder's
 * lease ran out. One statement each, so two processes cannot both win.
 */
export async function acquireNumberLease(
  db: AnyDb,
  phoneNumberId: string,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  await q(db)
    .insertInto("dispatch_leases")
    .values({ phone_number_id: phoneNumberId, owner, lease_until: now + leaseMs })
    .onConflict((oc) => oc.column("phone_number_id").doNothing())
    .execute();
  const res = await q(db)
    .updateTable("dispatch_leases")
    .set({ owner, lease_until: now + leaseMs })
    .where("phone_number_id", "=", phoneNumberId)
    .where((eb) => eb.or([eb("owner", "=", owner), eb("lease_until", "<", now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function releaseNumberLeases(db: AnyDb, owner: string): Promise<void> {
  await q(db).deleteFrom("dispatch_leases").where("owner", "=", owner).execute();
}

/** Live number leases by owner (for /metrics: which worker sends for how many numbers). */
export async function numberLeaseOwners(db: AnyDb, now: number): Promise<Record<string, number>> {
  const rows = await q(db)
    .selectFrom("dispatch_leases")
    .select((eb) => ["owner", eb.fn.countAll().as("n")])
    .where("lease_until", ">=", now)
    .groupBy("owner")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.owner, Number(r.n)]));
}

/**
 * The outbox as a leased queue partitioned by phone number: one number's due rows (and rows a dead
 * process left in flight), oldest first, claimed in one statement.
 */
const queues = {
  sqlite: outboxQueue("sqlite"),
  postgres: outboxQueue("postgres"),
};

function outboxQueue(dialect: DialectName): LeasedQueue<OutboxRow> {
  return leasedQueue<OutboxRow>(dialect, {
    table: "outbox",
    id: "message_id",
    dueAt: "run_at",
    leaseOwner: "lease_owner",
    leaseUntil: "lease_until",
    attempts: "attempts",
    partition: "phone_number_id",
    // Sent and failed rows leave the table; held ones (a paused campaign) are still owed.
    pending: (eb) => eb("state", "in", ["ready", "inflight", "held"]),
    claimable: (eb, now) =>
      eb.or([
        eb.and([eb("state", "=", "ready"), eb("run_at", "<=", now)]),
        eb.and([eb("state", "=", "inflight"), eb("lease_until", "<", now)]),
      ]),
    onClaim: () => ({ state: "inflight" }),
    onRequeue: { state: "ready" },
    onComplete: "delete",
  });
}

// The dialect matters only to claims (SKIP LOCKED); the fenced writes are the same SQL on both.
const settled = queues.sqlite;

export const outboxLeases = (dialect: DialectName): LeasedQueue<OutboxRow> => queues[dialect];

export async function claimOutbox(
  db: AnyDb,
  dialect: DialectName,
  phoneNumberId: string,
  owner: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  return queues[dialect].claim(db, { owner, now, leaseMs, limit, partition: phoneNumberId });
}

/** Sent or failed for good: the row leaves the outbox (fenced: only while this process holds it). */
export async function deleteOutbox(executor: Executor, messageIds: string[], owner: string): Promise<void> {
  await settled.complete(executor, messageIds, owner, 0);
}

/** Back to ready at `runAt` (retry, rate limit, paused workspace); `refund` gives the attempt back. */
export async function rescheduleOutbox(
  executor: Executor,
  messageId: string,
  owner: string,
  runAt: number,
  error: string | null,
  refund: boolean,
): Promise<void> {
  await settled.retryAt(executor, [messageId], owner, runAt, {
    state: "ready",
    last_error: error,
    ...(refund ? refundAttempt() : {}),
  });
}

/** Campaign pause/resume: held rows are skipped by the dispatcher until released. */
export async function holdCampaignOutbox(executor: Executor, campaignId: string, hold: boolean): Promise<number> {
  const res = await q(executor)
    .updateTable("outbox")
    .set({ state: hold ? "held" : "ready" })
    .where("campaign_id", "=", campaignId)
    .where("state", "=", hold ? "ready" : "held")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function deleteCampaignOutbox(executor: Executor, campaignId: string): Promise<string[]> {
  const rows = await q(executor)
    .deleteFrom("outbox")
    .where("campaign_id", "=", campaignId)
    .where("state", "in", ["ready", "held"])
    .returning("message_id")
    .execute();
  return rows.map((r) => r.message_id);
}
