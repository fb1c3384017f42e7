import { sql } from "kysely";
import type { AnyDb, DialectName, Executor } from "../../platform/db/index.js";
import { hotInsert, typed } from "../../platform/db/index.js";
import {
  LEASE_COLUMNS,
  leasedQueue,
  refundAttempt,
  type LeasedQueue,
  type QueueWhere,
} from "../../platform/queue/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface OutboxRow {
  message_id: string;
  workspace_id: string;
  phone_number_id: string;
  wa_id: string;
  campaign_id: string | null;
  /**
   * `doubt`: claimed by a process that died (or stalled) before recording the answer, so Meta may
   * have the message; due again at `run_at`, the end of its grace (see `markInDoubt`).
   */
  state: "ready" | "inflight" | "held" | "doubt";
  run_at: number;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
}

interface Tables {
  outbox: OutboxRow;
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

// cross-tenant: a group-committed batch holds several workspaces' rows, each carrying its own workspace_id
export async function insertOutbox(executor: Executor, rows: OutboxRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await insertOutboxRows(executor, rows.slice(i, i + 100));
}

/**
 * Phone numbers that have something due: the dispatcher's work list. A campaign can leave 100k
 * rows ready on one number, so the numbers are found by walking outbox_due from one number to the
 * next (a loose index scan, one probe per number) and each is asked whether it has a due row,
 * instead of scanning every due row for its number. `stranded`: rows a process left in flight
 * (their lease ran out), which the number's owner puts in doubt (`markInDoubt`) before its pump runs.
 */
// cross-tenant: the dispatcher looks for due work of every workspace
export async function numbersWithDueWork(
  db: AnyDb,
  now: number,
): Promise<Array<{ phoneNumberId: string; stranded: boolean }>> {
  const { rows } = await sql<{ phone_number_id: string; stranded: unknown }>`
    with recursive p(id) as (
      select min(phone_number_id) from outbox
      union all
      select (select min(o.phone_number_id) from outbox o where o.phone_number_id > p.id) from p where p.id is not null
    ), s as (
      select id, exists (select 1 from outbox d where d.phone_number_id = p.id and d.state = 'inflight' and d.lease_until < ${now}) as stranded
      from p where id is not null
    )
    select id as phone_number_id, stranded from s
    where stranded
      or exists (select 1 from outbox d where d.phone_number_id = s.id and d.state = 'ready' and d.run_at <= ${now})
      or exists (select 1 from outbox d where d.phone_number_id = s.id and d.state = 'doubt' and d.run_at <= ${now})`.execute(
    db,
  );
  // SQLite answers a boolean as 0 or 1.
  return rows.map((r) => ({ phoneNumberId: r.phone_number_id, stranded: r.stranded === true || r.stranded === 1 }));
}

/**
 * The outbox as a leased queue partitioned by phone number: one number's due rows, oldest first,
 * claimed in one statement. Rows a dead process left in flight count as due (metrics, and the
 * queue's contract), but the dispatcher never claims them as they are: Meta may have accepted
 * them, so they are put in doubt first (`markInDoubt`) and claimed once their grace is over.
 */
const queues = {
  sqlite: outboxQueue("sqlite"),
  postgres: outboxQueue("postgres"),
};

function outboxQueue(dialect: DialectName): LeasedQueue<OutboxRow> {
  return leasedQueue<OutboxRow>(dialect, {
    table: "outbox",
    id: "message_id",
    ...LEASE_COLUMNS,
    partition: "phone_number_id",
    // Sent and failed rows leave the table; held ones (a paused campaign) are still owed.
    pending: (eb) => eb("state", "in", ["ready", "inflight", "held", "doubt"]),
    claimable: (eb, now) =>
      eb.or([
        eb.and([eb("state", "in", ["ready", "doubt"]), eb("run_at", "<=", now)]),
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

// cross-tenant: queue claim: the dispatcher serves every workspace
export async function claimOutbox(
  db: AnyDb,
  dialect: DialectName,
  phoneNumberId: string,
  owner: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  return queues[dialect].claim(db, {
    owner,
    now,
    leaseMs,
    limit,
    partition: phoneNumberId,
    // Never a row left in flight: it may be at Meta already (`markInDoubt`).
    filter: (eb) => eb("state", "!=", "inflight"),
  });
}

/**
 * A number's rows a process left in flight (claimed, lease run out, answer never recorded): Meta
 * may have accepted them, and `/messages` has no idempotency key. They are not sent again at once
 * but held in doubt until `now + graceMs`, waiting for a status webhook echoing their message id
 * (`adoptInDoubtSends`); whatever no status claimed by then is sent again. Called by the number's
 * owner while no pump of its own runs, so none of these rows is being sent by this process; a
 * stalled process still sending them is fenced out of the outbox (its lease is cleared), while the
 * wamid it may still write to the message keeps the row from being sent again (number-pump.ts).
 */
// cross-tenant: the dispatcher recovers the rows of one phone number, whatever their workspace
export async function markInDoubt(
  executor: Executor,
  phoneNumberId: string,
  now: number,
  graceMs: number,
): Promise<number> {
  return settled.reset(
    executor,
    (eb) =>
      eb.and([eb("phone_number_id", "=", phoneNumberId), eb("state", "=", "inflight"), eb("lease_until", "<", now)]),
    { state: "doubt", run_at: now + graceMs },
  );
}

/** A row in doubt, or left in flight by a process whose lease ran out: one a status webhook may settle (as `findInDoubt`). */
const inDoubt = (eb: QueueWhere, now: number) =>
  eb.or([eb("state", "=", "doubt"), eb.and([eb("state", "=", "inflight"), eb("lease_until", "<", now)])]);

/** Which of these messages have their outbox row in doubt (or left in flight by a dead process). */
export async function findInDoubt(
  executor: Executor,
  workspaceId: WorkspaceId,
  messageIds: string[],
  now: number,
): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const rows = await q(executor)
    .selectFrom("outbox")
    .select("message_id")
    .where("workspace_id", "=", workspaceId)
    .where("message_id", "in", messageIds)
    .where((eb) =>
      eb.or([eb("state", "=", "doubt"), eb.and([eb("state", "=", "inflight"), eb("lease_until", "<", now)])]),
    )
    .execute();
  return rows.map((r) => r.message_id);
}

/**
 * A row in doubt whose message Meta's status proved sent: due now and held by nobody, so the
 * number's pump takes it out of the outbox without sending it (the message has its wamid).
 */
export async function settleInDoubt(
  executor: Executor,
  workspaceId: WorkspaceId,
  messageId: string,
  now: number,
): Promise<boolean> {
  const n = await settled.reset(
    executor,
    (eb) => eb.and([eb("workspace_id", "=", workspaceId), eb("message_id", "=", messageId), inDoubt(eb, now)]),
    { state: "ready", run_at: now },
  );
  return n > 0;
}

/**
 * The customers of a number's rows in flight: claimed by an owner that has not recorded them (it is
 * sending them, or died or stalled doing so). A new owner counts them as sent for the pair rate.
 */
// cross-tenant: the dispatcher serves every workspace; rows of one phone number
export async function inflightRecipients(db: AnyDb, phoneNumberId: string): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("outbox")
    .select("wa_id")
    .where("phone_number_id", "=", phoneNumberId)
    .where("state", "=", "inflight")
    .execute();
  return rows.map((r) => r.wa_id);
}

/** Sent or failed for good: the row leaves the outbox (fenced: only while this process holds it). */
// cross-tenant: queue write on claimed rows, fenced by the lease owner
export async function deleteOutbox(executor: Executor, messageIds: string[], owner: string): Promise<void> {
  await settled.complete(executor, messageIds, owner, 0);
}

/** Back to ready at `runAt` (retry, rate limit, paused workspace); `refund` gives the attempt back. */
// cross-tenant: queue write on a claimed row, fenced by the lease owner
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
export async function holdCampaignOutbox(
  executor: Executor,
  workspaceId: WorkspaceId,
  campaignId: string,
  hold: boolean,
): Promise<number> {
  const res = await q(executor)
    .updateTable("outbox")
    .set({ state: hold ? "held" : "ready" })
    .where("workspace_id", "=", workspaceId)
    .where("campaign_id", "=", campaignId)
    .where("state", "=", hold ? "ready" : "held")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function deleteCampaignOutbox(
  executor: Executor,
  workspaceId: WorkspaceId,
  campaignId: string,
): Promise<string[]> {
  const rows = await q(executor)
    .deleteFrom("outbox")
    .where("workspace_id", "=", workspaceId)
    .where("campaign_id", "=", campaignId)
    .where("state", "in", ["ready", "held"])
    .returning("message_id")
    .execute();
  return rows.map((r) => r.message_id);
}

/**
 * How many of the campaign's messages are still in the outbox (not yet handed to Meta, or held).
 * The workspace is checked on one probed row, as `countCampaignMessagesByStatus` does, so the count
 * stays on the (campaign_id, state) index.
 */
export async function countCampaignOutbox(
  executor: AnyDb | Executor,
  workspaceId: WorkspaceId,
  campaignId: string,
): Promise<number> {
  const row = await q(executor)
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where(
      (eb) =>
        eb
          .selectFrom("outbox as probe")
          .select("probe.workspace_id")
          .where("probe.campaign_id", "=", campaignId)
          .limit(1),
      "=",
      workspaceId,
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function campaignOutboxExists(
  executor: Executor,
  workspaceId: WorkspaceId,
  campaignId: string,
): Promise<boolean> {
  const row = await q(executor)
    .selectFrom("outbox")
    .select("message_id")
    .where("workspace_id", "=", workspaceId)
    .where("campaign_id", "=", campaignId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes a customer's messages not yet handed to Meta out of the outbox (their contact is being
 * erased), and those in doubt: they may have reached Meta, but must not be sent again with their
 * body erased. A row in flight is left to its sender, whose send started before the erasure.
 */
export async function deleteCustomerOutbox(
  executor: Executor,
  workspaceId: WorkspaceId,
  waId: string,
): Promise<string[]> {
  const rows = await q(executor)
    .deleteFrom("outbox")
    .where("workspace_id", "=", workspaceId)
    .where("wa_id", "=", waId)
    .where("state", "in", ["ready", "held", "doubt"])
    .returning("message_id")
    .execute();
  return rows.map((r) => r.message_id);
}
