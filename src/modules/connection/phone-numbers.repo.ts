import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface PhoneNumberRow {
  id: string;
  workspace_id: string;
  meta_phone_number_id: string;
  waba_id: string;
  /** The WABA's owner business: Meta's business portfolio, whose messaging limit the number shares. */
  business_id: string | null;
  display_phone_number: string;
  verified_name: string | null;
  quality_rating: string | null;
  messaging_limit: string | null;
  throughput_mps: number;
  status: string | null;
  code_verification_status: string | null;
  active: number;
  registered_at: number | null;
  last_synced_at: number | null;
  last_error: string | null;
  /** Meta's `name_status` (display name review). */
  name_status: string | null;
  /** Meta's `health_status.can_send_message`: AVAILABLE, LIMITED or BLOCKED. */
  can_send: string | null;
  /** JSON: why Meta says it cannot send (`health_status.entities[].errors`), as strings. */
  health_reasons: string | null;
  /** Wharf's deletion lifecycle: null, "deletion_scheduled" or "deleted". */
  lifecycle: string | null;
  /** JSON: times of the register/deregister calls Wharf made (Meta allows 10 per 72 h). */
  registration_calls: string;
  created_at: number;
  updated_at: number;
}

interface Tables {
  phone_numbers: PhoneNumberRow;
  connections: { workspace_id: string; status: string };
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const phoneNumbers = workspaceTable<PhoneNumberRow>({ table: "phone_numbers" });

export async function listPhoneNumberRows(db: AnyDb, workspaceId: WorkspaceId): Promise<PhoneNumberRow[]> {
  return phoneNumbers.list(db, workspaceId, {}, { orderBy: [["display_phone_number", "asc"]] });
}

// By our id or by Meta's, one indexed column each: an `or` of the two made SQLite merge two index
// searches, ~2x the time of one on the send path. The connection's status comes along (a send needs
// it; by the connection's primary key, it costs the other callers next to nothing).
const sendingNumberHot = (by: "id" | "meta_phone_number_id") =>
  hotQuery((db, [workspaceId, value]: [string, string]) =>
    q(db)
      .selectFrom("phone_numbers as p")
      .leftJoin("connections as c", "c.workspace_id", "p.workspace_id")
      .selectAll("p")
      .select("c.status as connection_status")
      .where("p.workspace_id", "=", workspaceId)
      .where(`p.${by}`, "=", value),
  );
const sendingNumberByHot = { id: sendingNumberHot("id"), meta: sendingNumberHot("meta_phone_number_id") };

/** Our ids are `pn_…`, Meta's are digits: the likely column first, the other only on a miss. */
const lookupOrder = (idOrMetaId: string) =>
  idOrMetaId.startsWith("pn_") ? (["id", "meta"] as const) : (["meta", "id"] as const);

/** By our id or by Meta's phone number id, always inside the workspace (once per send: a hot query). */
export async function findPhoneNumberRow(
  db: AnyDb,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<PhoneNumberRow | null> {
  return (await findSendingNumber(db, workspaceId, idOrMetaId))?.phone ?? null;
}

/**
 * For the send path, one read instead of two: the workspace's number (as `findPhoneNumberRow`) and
 * the status of the workspace's Meta connection (null when it never connected).
 */
export async function findSendingNumber(
  db: AnyDb,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<{ phone: PhoneNumberRow; connectionStatus: string | null } | null> {
  for (const by of lookupOrder(idOrMetaId)) {
    const row = (await sendingNumberByHot[by](db, workspaceId, idOrMetaId)).rows[0];
    if (!row) continue;
    const { connection_status: connectionStatus, ...phone } = row;
    return { phone, connectionStatus };
  }
  return null;
}

export type PhoneNumberFromMeta = Pick<
  PhoneNumberRow,
  | "meta_phone_number_id"
  | "waba_id"
  | "business_id"
  | "display_phone_number"
  | "verified_name"
  | "quality_rating"
  | "messaging_limit"
  | "throughput_mps"
  | "status"
  | "code_verification_status"
  | "name_status"
  | "can_send"
  | "health_reasons"
>;

/** Meta's view of each number; our own fields (active, registered_at) are kept across syncs and reconnects. */
export async function upsertPhoneNumbersFromMeta(
  trx: Executor,
  workspaceId: WorkspaceId,
  numbers: PhoneNumberFromMeta[],
  now: number,
  newId: () => string,
): Promise<void> {
  for (const n of numbers) {
    await q(trx)
      .insertInto("phone_numbers")
      .values({
        ...n,
        id: newId(),
        workspace_id: workspaceId,
        active: 0,
        registered_at: null,
        last_synced_at: now,
        last_error: null,
        lifecycle: null,
        registration_calls: "[]",
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "meta_phone_number_id"])
          .doUpdateSet({ ...n, last_synced_at: now, updated_at: now }),
      )
      .execute();
  }
}

export async function setPhoneNumberActive(
  db: AnyDb,
  workspaceId: WorkspaceId,
  id: string,
  active: boolean,
  now: number,
  registeredAt?: number,
): Promise<void> {
  await phoneNumbers.update(
    db,
    workspaceId,
    { id },
    {
      active: active ? 1 : 0,
      updated_at: now,
      last_error: null,
      ...(registeredAt ? { registered_at: registeredAt } : {}),
    },
  );
}

export async function setPhoneNumberError(
  db: AnyDb,
  workspaceId: WorkspaceId,
  id: string,
  error: string,
  now: number,
): Promise<void> {
  await phoneNumbers.update(db, workspaceId, { id }, { last_error: error, updated_at: now });
}

/**
 * Who owns a Meta phone number: the webhook router's lookup. Usually one workspace; if two connected
 * the same WABA, both get the event for their own copy (never another workspace's data).
 */
// cross-tenant: webhook routing by Meta's phone number id
export async function findPhoneNumberOwners(
  db: AnyDb | Executor,
  metaPhoneNumberId: string,
): Promise<Array<{ workspaceId: WorkspaceId; phoneNumberId: string; deleting: boolean }>> {
  const rows = await q(db)
    .selectFrom("phone_numbers")
    .select(["workspace_id", "id", "lifecycle"])
    .where("meta_phone_number_id", "=", metaPhoneNumberId)
    .execute();
  // A number being deleted (or deleted) still has its inbound stored, but not routed (inbox, events).
  return rows.map((r) => ({
    workspaceId: r.workspace_id as WorkspaceId,
    phoneNumberId: r.id,
    deleting: r.lifecycle !== null,
  }));
}

/** Meta's quality and limit changes (phone_number_quality_update, account_update webhooks). */
// cross-tenant: Meta's quality and limit webhooks name the number by Meta's id; every row of it changes
export async function updatePhoneNumberHealth(
  db: AnyDb | Executor,
  metaPhoneNumberId: string,
  set: {
    quality_rating?: string | null;
    messaging_limit?: string | null;
    status?: string | null;
    name_status?: string | null;
    can_send?: string | null;
    health_reasons?: string | null;
  },
  now: number,
): Promise<Array<{ workspaceId: WorkspaceId; phoneNumberId: string }>> {
  const owners = await findPhoneNumberOwners(db, metaPhoneNumberId);
  const values = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  if (owners.length > 0 && Object.keys(values).length > 0) {
    await q(db)
      .updateTable("phone_numbers")
      .set({ ...values, updated_at: now })
      .where("meta_phone_number_id", "=", metaPhoneNumberId)
      .execute();
  }
  return owners;
}

/**
 * The key of a number's business portfolio: its owner business, or its WABA until the owner is known
 * (a WABA belongs to one portfolio, so that key never splits one).
 */
export function portfolioKey(phone: { business_id: string | null; waba_id: string }): string {
  return phone.business_id ? `business:${phone.business_id}` : `waba:${phone.waba_id}`;
}

/**
 * Every number Wharf holds of the portfolio of `phone` (ours, pn_…), in any workspace: Meta counts
 * the messaging limit across all of them. The number itself is always included.
 */
// cross-tenant: Meta's messaging limit belongs to the business portfolio, whose WABAs may be held by several workspaces
export async function portfolioPhoneNumberIds(
  db: AnyDb | Executor,
  phone: { id: string; business_id: string | null; waba_id: string },
): Promise<string[]> {
  const { rows } = phone.business_id
    ? await portfolioNumbersHot.business(db, phone.business_id, phone.waba_id)
    : await portfolioNumbersHot.waba(db, phone.waba_id);
  return [...new Set([phone.id, ...rows.map((r) => r.id)])].sort();
}

// Asked once per writer batch and portfolio.
const portfolioNumbersHot = {
  business: hotQuery((db, [businessId, wabaId]: [string, string]) =>
    q(db)
      .selectFrom("phone_numbers")
      .select("id")
      .where((eb) => eb.or([eb("business_id", "=", businessId), eb("waba_id", "=", wabaId)])),
  ),
  waba: hotQuery((db, [wabaId]: [string]) =>
    q(db).selectFrom("phone_numbers").select("id").where("waba_id", "=", wabaId),
  ),
};

/** Giving up a WABA (another one connected instead): none of its numbers may send any more. */
export async function deactivateAllPhoneNumbers(trx: Executor, workspaceId: WorkspaceId, now: number): Promise<void> {
  await phoneNumbers.update(trx, workspaceId, { active: 1 }, { active: 0, updated_at: now });
}

export async function activePhoneNumbers(
  trx: Executor,
  workspaceId: WorkspaceId,
): Promise<Array<{ id: string; meta_phone_number_id: string }>> {
  return q(trx)
    .selectFrom("phone_numbers")
    .select(["id", "meta_phone_number_id"])
    .where("workspace_id", "=", workspaceId)
    .where("active", "=", 1)
    .execute();
}

/** The deletion lifecycle (null when the number is in ordinary use). */
export async function setPhoneNumberLifecycle(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  lifecycle: "deletion_scheduled" | "deleted" | null,
  now: number,
): Promise<void> {
  const deleted = lifecycle === "deleted" ? { active: 0 } : {};
  await phoneNumbers.update(db, workspaceId, { id }, { lifecycle, updated_at: now, ...deleted });
}

/**
 * Takes one of Meta's register/deregister calls for the number if fewer than `max` were made in the
 * window, in one conditional update (two processes cannot both take the last one). Answers the
 * calls in the window after the take, or null when the limit is reached.
 */
export async function takeRegistrationCall(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  now: number,
  windowMs: number,
  max: number,
): Promise<{ taken: boolean; calls: number[] }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await phoneNumbers.find(db, workspaceId, { id });
    if (!row) return { taken: false, calls: [] };
    const calls = (JSON.parse(row.registration_calls) as number[]).filter((at) => now - at < windowMs);
    if (calls.length >= max) return { taken: false, calls };
    const next = JSON.stringify([...calls, now]);
    const seen = { id, registration_calls: row.registration_calls };
    if ((await phoneNumbers.update(db, workspaceId, seen, { registration_calls: next })) === 1)
      return { taken: true, calls: [...calls, now] };
  }
  return { taken: false, calls: [] };
}
