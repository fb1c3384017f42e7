import type { Clock } from "../../../platform/clock.js";
import { newId } from "../../../platform/crypto/index.js";
import type { Executor } from "../../../platform/db/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { applyConsent, blankContact, type ConsentSource, type ContactRow } from "../contacts.repo.js";
import { rekeyConversationRows } from "../conversations.repo.js";
import { ATTRIBUTE_NAME, inferType, storedValue, type AttributeValue } from "./attributes.js";
import { isPhoneKey, phoneToWaId } from "./contact-view.js";
import {
  addTagRows,
  deleteAttributeRows,
  findContactByKey,
  insertAttributeDefs,
  insertContactRow,
  listAttributeDefs,
  listTagRows,
  removeTagRows,
  updateContactProfile,
  upsertAttributeRows,
  type AttributeRow,
  type ProfileChange,
} from "./directory.repo.js";
import { recordTagsAdded } from "./tag-events.js";

/** Who a caller means: at least one of phone (`+` or not), email, or the business's own id. */
export interface ContactIdentity {
  phone?: string | null | undefined;
  email?: string | null | undefined;
  externalId?: string | null | undefined;
}

/** What to set; an absent field is left as it is, `null` clears it (an attribute set to null is removed). */
export interface ContactChanges {
  name?: string | null | undefined;
  email?: string | null | undefined;
  externalId?: string | null | undefined;
  language?: string | null | undefined;
  attributes?: Record<string, AttributeValue> | undefined;
  /** Added to the contact's tags. */
  tags?: string[] | undefined;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

function waIdOf(phone: string): string {
  const waId = phoneToWaId(phone);
  if (waId === null)
    throw new AppError("VALIDATION_FAILED", `"${phone}" is not a phone number in E.164 (+15551234567).`);
  return waId;
}

/**
 * Finds the contact by phone, then external id, then email, and creates it when none matches, in
 * the caller's transaction. A contact first known without a phone (keyed by its own id) takes the
 * phone when one arrives, unless another contact already has it (then that one is used).
 */
export async function upsertContact(
  trx: Executor,
  deps: { clock: Clock; events?: EventBus | undefined },
  workspaceId: WorkspaceId,
  who: ContactIdentity,
  changes: ContactChanges = {},
): Promise<{ id: string; waId: string; created: boolean }> {
  const now = deps.clock.now();
  const waId = who.phone ? waIdOf(who.phone) : null;
  const email = who.email ? normalizeEmail(who.email) : null;
  const externalId = who.externalId?.trim() || null;
  if (waId === null && email === null && externalId === null)
    throw new AppError("VALIDATION_FAILED", "Name the contact by phone, email or externalId.");
  let row: ContactRow | null = waId ? await findContactByKey(trx, workspaceId, { waId }) : null;
  row ??= externalId ? await findContactByKey(trx, workspaceId, { externalId }) : null;
  row ??= email ? await findContactByKey(trx, workspaceId, { email }) : null;
  let created = false;
  const identity: ProfileChange = {
    ...(email !== null ? { email } : {}),
    ...(externalId !== null ? { external_id: externalId } : {}),
  };
  if (!row) {
    const id = newId("ctc", now);
    row = { ...blankContact(workspaceId, waId ?? id, now, id), email, external_id: externalId };
    await insertContactRow(trx, workspaceId, row);
    created = true;
  } else if (waId !== null && !isPhoneKey(row.wa_id) && row.wa_id === row.id) {
    // Known by email or external id until now: the phone becomes its key.
    await rekeyConversationRows(trx, workspaceId, row.wa_id, waId, now);
    identity.wa_id = waId;
    row = { ...row, wa_id: waId };
  }
  await applyContactChanges(trx, deps, workspaceId, row, { ...changes, ...pick(identity) });
  return { id: row.id, waId: row.wa_id, created };
}

const pick = (c: ProfileChange): ContactChanges & { waId?: string } => ({
  ...(c.email !== undefined ? { email: c.email } : {}),
  ...(c.external_id !== undefined ? { externalId: c.external_id } : {}),
  ...(c.wa_id !== undefined ? { waId: c.wa_id } : {}),
});

/** Sets profile fields, attributes and tags of a contact row already read in this transaction. */
export async function applyContactChanges(
  trx: Executor,
  deps: { clock: Clock; events?: EventBus | undefined },
  workspaceId: WorkspaceId,
  row: ContactRow,
  changes: ContactChanges & { waId?: string; removeTags?: string[] | undefined; setTags?: string[] | undefined },
): Promise<void> {
  const now = deps.clock.now();
  const profile: ProfileChange = {
    ...(changes.waId !== undefined ? { wa_id: changes.waId } : {}),
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.email !== undefined ? { email: changes.email === null ? null : normalizeEmail(changes.email) } : {}),
    ...(changes.externalId !== undefined ? { external_id: changes.externalId } : {}),
    ...(changes.language !== undefined ? { language: changes.language } : {}),
  };
  await updateContactProfile(trx, workspaceId, row.id, profile, now);
  if (changes.attributes) await setAttributes(trx, workspaceId, row.id, changes.attributes, now);
  const added: string[] = [];
  if (changes.setTags) {
    const have = (await listTagRows(trx, workspaceId, [row.id])).map((t) => t.tag);
    await removeTagRows(
      trx,
      workspaceId,
      row.id,
      have.filter((t) => !changes.setTags!.includes(t)),
    );
    added.push(...(await addTagRows(trx, workspaceId, row.id, changes.setTags)));
  }
  if (changes.tags) added.push(...(await addTagRows(trx, workspaceId, row.id, [...new Set(changes.tags)])));
  if (changes.removeTags) await removeTagRows(trx, workspaceId, row.id, changes.removeTags);
  // A tag added and removed in one change was never there once committed: no event for it.
  const kept = added.filter((t) => !changes.removeTags?.includes(t));
  if (deps.events && kept.length > 0)
    await recordTagsAdded(
      trx,
      { events: deps.events, at: now, source: "api" },
      workspaceId,
      { id: row.id, waId: changes.waId ?? row.wa_id },
      kept,
    );
}

/** Sets attributes by name; an undeclared one is declared with the type of its first value. */
export async function setAttributes(
  trx: Executor,
  workspaceId: WorkspaceId,
  contactId: string,
  attributes: Record<string, AttributeValue>,
  now: number,
): Promise<void> {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return;
  for (const [name] of entries)
    if (!ATTRIBUTE_NAME.test(name))
      throw new AppError(
        "VALIDATION_FAILED",
        `Attribute names are lower case letters, digits and _ (starting with a letter, at most 64): "${name.slice(0, 80)}".`,
      );
  const types = new Map((await listAttributeDefs(trx, workspaceId)).map((d) => [d.name, d.type]));
  const fresh = entries
    .filter(([n, v]) => !types.has(n) && v !== null)
    .map(([n, v]) => ({ name: n, type: inferType(v) }));
  await insertAttributeDefs(trx, workspaceId, fresh, now);
  for (const f of fresh) types.set(f.name, f.type);
  const rows: Array<Omit<AttributeRow, "workspace_id">> = [];
  const removed: string[] = [];
  for (const [name, value] of entries) {
    if (value === null) removed.push(name);
    else
      rows.push({
        contact_id: contactId,
        name,
        ...storedValue(name, types.get(name)!, value),
      });
  }
  await upsertAttributeRows(trx, workspaceId, rows);
  await deleteAttributeRows(trx, workspaceId, contactId, removed);
}

export type ConsentChangeSource = Extract<ConsentSource, "import" | "api" | "store" | "dashboard" | "stop_keyword">;

/**
 * Records a marketing consent statement for a contact (history kept; the rules of applyConsent:
 * an older statement and an import's opt-in over an opt-out change nothing). True when applied.
 */
export async function recordConsent(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  waId: string,
  input: { marketing: "opted_in" | "opted_out"; source: ConsentSource; at?: number; proof?: string | null },
): Promise<boolean> {
  const now = deps.clock.now();
  return applyConsent(trx, workspaceId, {
    waId,
    optIn: input.marketing === "opted_in",
    source: input.source,
    at: input.at ?? now,
    now,
    proof: input.proof ?? null,
  });
}
