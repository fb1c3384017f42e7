import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface PhoneNumberRow {
  id: string;
  workspace_id: string;
  meta_phone_number_id: string;
  waba_id: string;
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
  created_at: number;
  updated_at: number;
}

interface Tables {
  phone_numbers: PhoneNumberRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

export async function listPhoneNumberRows(db: AnyDb, workspaceId: WorkspaceId): Promise<PhoneNumberRow[]> {
  return q(db)
    .selectFrom("phone_numbers")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("display_phone_number")
    .execute();
}

const phoneNumberRowHot = hotQuery((db, [workspaceId, idOrMetaId]: [string, string]) =>
  q(db)
    .selectFrom("phone_numbers")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where((eb) => eb.or([eb("id", "=", idOrMetaId), eb("meta_phone_number_id", "=", idOrMetaId)])),
);

/** By our id or by Meta's phone number id, always inside the workspace (once per send: a hot query). */
export async function findPhoneNumberRow(
  db: AnyDb,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<PhoneNumberRow | null> {
  return (await phoneNumberRowHot(db, workspaceId, idOrMetaId)).rows[0] ?? null;
}

export type PhoneNumberFromMeta = Pick<
  PhoneNumberRow,
  | "meta_phone_number_id"
  | "waba_id"
  | "display_phone_number"
  | "verified_name"
  | "quality_rating"
  | "messaging_limit"
  | "throughput_mps"
  | "status"
  | "code_verification_status"
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
  await q(db)
    .updateTable("phone_numbers")
    .set({
      active: active ? 1 : 0,
      updated_at: now,
      last_error: null,
      ...(registeredAt ? { registered_at: registeredAt } : {}),
    })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

export async function setPhoneNumberError(
  db: AnyDb,
  workspaceId: WorkspaceId,
  id: string,
  error: string,
  now: number,
): Promise<void> {
  await q(db)
    .updateTable("phone_numbers")
    .set({ last_error: error, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

/**
 * Who owns a Meta phone number: the webhook router's lookup. Usually one workspace; if two connected
 * the same WABA, both get the event for their own copy (never another workspace's data).
 */
// cross-tenant: webhook routing by Meta's phone number id
export async function findPhoneNumberOwners(
  db: AnyDb,
  metaPhoneNumberId: string,
): Promise<Array<{ workspaceId: WorkspaceId; phoneNumberId: string }>> {
  const rows = await q(db)
    .selectFrom("phone_numbers")
    .select(["workspace_id", "id"])
    .where("meta_phone_number_id", "=", metaPhoneNumberId)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id as WorkspaceId, phoneNumberId: r.id }));
}

/** Meta's quality and limit changes (phone_number_quality_update, account_update webhooks). */
// cross-tenant: Meta's quality and limit webhooks name the number by Meta's id; every row of it changes
export async function updatePhoneNumberHealth(
  db: AnyDb,
  metaPhoneNumberId: string,
  set: { quality_rating?: string | null; messaging_limit?: string | null; status?: string | null },
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

/** Giving up a WABA (another one connected instead): none of its numbers may send any more. */
export async function deactivateAllPhoneNumbers(trx: Executor, workspaceId: WorkspaceId, now: number): Promise<void> {
  await q(trx)
    .updateTable("phone_numbers")
    .set({ active: 0, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("active", "=", 1)
    .execute();
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
