import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface CommerceEventRow {
  id: string;
  workspace_id: string;
  type: string;
  contact_id: string;
  data: string;
  source: "api" | "shopify";
  occurred_at: number;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: number;
}

export interface EventTypeRow {
  workspace_id: string;
  type: string;
  description: string | null;
  fields: string;
  created_at: number;
  updated_at: number;
}

interface Tables {
  commerce_events: CommerceEventRow;
  commerce_event_types: EventTypeRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const events = workspaceTable<CommerceEventRow>({ table: "commerce_events" });
const eventTypes = workspaceTable<EventTypeRow>({ table: "commerce_event_types" });

/**
 * Inserts the event unless its idempotency key was taken (by an earlier request, or by a
 * concurrent one that committed first: the unique index decides). Then answers the row that holds
 * the key, and whether it is this one.
 */
export async function insertCommerceEvent(
  trx: Executor,
  workspaceId: WorkspaceId,
  row: Omit<CommerceEventRow, "workspace_id">,
): Promise<{ inserted: boolean; row: CommerceEventRow }> {
  const res = await q(trx)
    .insertInto("commerce_events")
    .values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(["workspace_id", "idempotency_key"]).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) > 0)
    return { inserted: true, row: { ...row, workspace_id: workspaceId } };
  const held = await events.find(trx, workspaceId, { idempotency_key: row.idempotency_key });
  if (!held) throw new Error("insertCommerceEvent: the idempotency key's row is gone");
  return { inserted: false, row: held };
}

export async function findCommerceEvent(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<CommerceEventRow | null> {
  return events.find(db, workspaceId, { id });
}

/** A contact's timeline, newest first; `before` is the last row of the previous page. */
export async function listContactEvents(
  db: AnyDb,
  workspaceId: WorkspaceId,
  contactId: string,
  options: { type?: string | undefined; before?: { occurredAt: number; id: string } | undefined; limit: number },
): Promise<CommerceEventRow[]> {
  const { before } = options;
  return q(db)
    .selectFrom("commerce_events")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("contact_id", "=", contactId)
    .$if(options.type !== undefined, (qb) => qb.where("type", "=", options.type!))
    .$if(before !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("occurred_at", "<", before!.occurredAt),
          eb.and([eb("occurred_at", "=", before!.occurredAt), eb("id", "<", before!.id)]),
        ]),
      ),
    )
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit)
    .execute();
}

/** A contact was erased: its business events go with it (their data names the customer). */
export async function deleteContactEvents(trx: Executor, workspaceId: WorkspaceId, contactId: string): Promise<number> {
  return events.delete(trx, workspaceId, { contact_id: contactId });
}

export async function listEventTypeRows(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<EventTypeRow[]> {
  return eventTypes.list(db, workspaceId, {}, { orderBy: [["type", "asc"]] });
}

export async function findEventTypeRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  type: string,
): Promise<EventTypeRow | null> {
  return eventTypes.find(db, workspaceId, { type });
}

export async function countEventTypeRows(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<number> {
  const r = await q(db)
    .selectFrom("commerce_event_types")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function upsertEventTypeRow(
  trx: Executor,
  workspaceId: WorkspaceId,
  row: Omit<EventTypeRow, "workspace_id">,
): Promise<void> {
  await q(trx)
    .insertInto("commerce_event_types")
    .values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) =>
      oc
        .columns(["workspace_id", "type"])
        .doUpdateSet({ description: row.description, fields: row.fields, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteEventTypeRow(trx: Executor, workspaceId: WorkspaceId, type: string): Promise<boolean> {
  return (await eventTypes.delete(trx, workspaceId, { type })) > 0;
}
