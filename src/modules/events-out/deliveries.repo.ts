import type { AnyDb, DialectName, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import { leaseFree, LEASE_COLUMNS, leasedQueue } from "../../platform/queue/index.js";
import type { ClaimRequest, LeasedQueue } from "../../platform/queue/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type DeliveryState = "pending" | "delivered" | "failed" | "cancelled";

export interface DeliveryRow {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  state: DeliveryState;
  attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface AttemptRow {
  delivery_id: string;
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

interface Tables {
  webhook_deliveries: DeliveryRow;
  webhook_delivery_attempts: AttemptRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

export async function insertDeliveries(
  executor: Executor,
  workspaceId: WorkspaceId,
  rows: Array<Omit<DeliveryRow, "workspace_id">>,
): Promise<void> {
  if (rows.length > 0)
    await q(executor)
      .insertInto("webhook_deliveries")
      .values(rows.map((r) => ({ ...r, workspace_id: workspaceId })))
      .execute();
}

/** Due deliveries, and ones a dead worker held. */
function deliveryQueue(dialect: DialectName): LeasedQueue<DeliveryRow> {
  return leasedQueue<DeliveryRow>(dialect, {
    table: "webhook_deliveries",
    id: "id",
    ...LEASE_COLUMNS,
    pending: (eb) => eb("state", "=", "pending"),
    claimable: (eb, now) => eb.and([eb("state", "=", "pending"), eb("run_at", "<=", now), leaseFree(eb, now)]),
    onComplete: (now) => ({ state: "delivered", delivered_at: now }),
  });
}

const queues = { sqlite: deliveryQueue("sqlite"), postgres: deliveryQueue("postgres") };
export const deliveryLeases = (dialect: DialectName): LeasedQueue<DeliveryRow> => queues[dialect];
// The dialect matters only to claims; the fenced writes are the same SQL on both.
const settled = queues.sqlite;

// cross-tenant: queue claim: the delivery worker serves every workspace
export async function claimDeliveries(db: AnyDb, dialect: DialectName, request: ClaimRequest): Promise<DeliveryRow[]> {
  return queues[dialect].claim(db, request);
}

/** The outcome of one attempt, fenced by the lease, and its line in the delivery log. */
// cross-tenant: queue write on a claimed row, fenced by the lease owner
export async function settleDelivery(
  db: AnyDb,
  row: Pick<DeliveryRow, "id" | "attempts">,
  owner: string,
  attempt: Omit<AttemptRow, "delivery_id" | "attempt">,
  next: { state: DeliveryState; runAt: number; deliveredAt: number | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const changed = await settled.settle(trx, [row.id], owner, {
      state: next.state,
      run_at: next.runAt,
      delivered_at: next.deliveredAt,
      last_status: attempt.status,
      last_error: attempt.error,
    });
    if (changed === 0) return;
    await q(trx)
      .insertInto("webhook_delivery_attempts")
      .values({ ...attempt, delivery_id: row.id, attempt: row.attempts })
      .onConflict((oc) => oc.columns(["delivery_id", "attempt"]).doNothing())
      .execute();
  });
}

export async function cancelPendingDeliveries(
  executor: Executor,
  workspaceId: WorkspaceId,
  endpointId: string,
): Promise<void> {
  await q(executor)
    .updateTable("webhook_deliveries")
    .set({ state: "cancelled" })
    .where("workspace_id", "=", workspaceId)
    .where("endpoint_id", "=", endpointId)
    .where("state", "=", "pending")
    .execute();
}

export async function listDeliveryRows(
  db: AnyDb,
  workspaceId: WorkspaceId,
  endpointId: string,
  page: { before?: string; limit: number },
): Promise<DeliveryRow[]> {
  return q(db)
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("endpoint_id", "=", endpointId)
    .$if(page.before !== undefined, (qb) => qb.where("id", "<", page.before!))
    .orderBy("id", "desc")
    .limit(page.limit)
    .execute();
}

/** The attempts of the workspace's own deliveries (attempts have no workspace column: their delivery has). */
export async function attemptsOf(db: AnyDb, workspaceId: WorkspaceId, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return q(db)
    .selectFrom("webhook_delivery_attempts")
    .innerJoin("webhook_deliveries", "webhook_deliveries.id", "webhook_delivery_attempts.delivery_id")
    .selectAll("webhook_delivery_attempts")
    .where("webhook_deliveries.workspace_id", "=", workspaceId)
    .where("webhook_delivery_attempts.delivery_id", "in", deliveryIds)
    .orderBy("webhook_delivery_attempts.delivery_id")
    .orderBy("webhook_delivery_attempts.attempt")
    .execute();
}

/** Re-queues one delivery now (after the receiver was fixed); only this workspace's. */
export async function redeliver(
  db: AnyDb,
  workspaceId: WorkspaceId,
  endpointId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const changed = await settled.reset(
    db,
    (eb) =>
      eb.and([
        eb("workspace_id", "=", workspaceId),
        eb("endpoint_id", "=", endpointId),
        eb("id", "=", id),
        eb("state", "in", ["failed", "delivered", "pending"]),
      ]),
    { state: "pending", run_at: now },
  );
  return changed > 0;
}

/** Settled deliveries and their attempt log, once older than the log's retention. */
// cross-tenant: retention over every workspace's delivery log
export async function purgeDeliveries(db: AnyDb, before: number): Promise<number> {
  const old = q(db)
    .selectFrom("webhook_deliveries")
    .select("id")
    .where("created_at", "<", before)
    .where("state", "!=", "pending");
  await q(db).deleteFrom("webhook_delivery_attempts").where("delivery_id", "in", old).execute();
  const res = await q(db)
    .deleteFrom("webhook_deliveries")
    .where("created_at", "<", before)
    .where("state", "!=", "pending")
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
