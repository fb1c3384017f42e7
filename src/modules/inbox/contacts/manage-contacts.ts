import type { Clock } from "../../../platform/clock.js";
import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { AppError, notFound } from "../../../platform/errors/index.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import type { ConsentSource, ContactRow } from "../contacts.repo.js";
import { rekeyConversationRows } from "../conversations.repo.js";
import { updateContact } from "../contacts.js";
import { contactRef, phoneToWaId, viewConsentEvent, viewContacts, type ContactView } from "./contact-view.js";
import {
  deleteContactRows,
  findContactByKey,
  listConsentEvents,
  listContactConversations,
  listContactRows,
} from "./directory.repo.js";
import { resolveFilter, type ContactFilter } from "./filter.js";
import { applyContactChanges, recordConsent, upsertContact, type ContactChanges } from "./upsert-contact.js";

/**
 * Erases a customer's messages (bodies and number) in the caller's transaction. Messages owns them
 * and depends on inbox, so main.ts hands its function in (messages' `eraseCustomerMessages`).
 */
export type EraseCustomerMessages = (
  trx: Executor,
  workspaceId: WorkspaceId,
  input: { waId: string; contactId: string; anonymousKey: string; now: number },
) => Promise<number>;

export interface ContactDeps {
  db: AnyDb;
  clock: Clock;
  /** The bus: tags added by POST/PATCH are recorded as `contact.tag_added` (the tag_added trigger). */
  events?: EventBus | undefined;
}

/** The change's transaction: the bus's when there is one (events recorded in it are published on commit). */
function inTransaction<R>(deps: ContactDeps, fn: (trx: Executor) => Promise<R>): Promise<R> {
  return deps.events ? deps.events.transaction(deps.db, fn) : deps.db.transaction().execute(fn);
}

async function getRow(db: AnyDb | Executor, workspaceId: WorkspaceId, idOrPhone: string): Promise<ContactRow> {
  const row = await findContactByKey(db, workspaceId, contactRef(idOrPhone));
  if (!row) throw notFound("The contact");
  return row;
}

export async function getContactView(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  idOrPhone: string,
): Promise<
  ContactView & {
    conversations: Array<{ id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }>;
  }
> {
  const row = await getRow(deps.db, workspaceId, idOrPhone);
  const [view] = await viewContacts(deps.db, workspaceId, [row]);
  const conversations = await listContactConversations(deps.db, workspaceId, row.wa_id);
  return {
    ...view!,
    conversations: conversations.map((c) => ({
      id: c.id,
      phoneNumberId: c.phone_number_id,
      lastMessageAt: new Date(Number(c.last_message_at)).toISOString(),
      unreadCount: Number(c.unread_count),
    })),
  };
}

export async function listContacts(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  filter: ContactFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ data: ContactView[]; nextCursor: string | null }> {
  if (page.cursor !== undefined && !/^ctc_[0-9a-z]{10,40}$/.test(page.cursor))
    throw new AppError("VALIDATION_FAILED", "cursor must be the nextCursor of a previous page.");
  const rows = await listContactRows(deps.db, workspaceId, await resolveFilter(deps.db, workspaceId, filter), {
    after: page.cursor ?? null,
    limit: page.limit + 1,
  });
  const shown = rows.slice(0, page.limit);
  return {
    data: await viewContacts(deps.db, workspaceId, shown),
    nextCursor: rows.length > page.limit ? shown[shown.length - 1]!.id : null,
  };
}

export interface ContactWrite extends ContactChanges {
  consent?: { marketing: "opted_in" | "opted_out"; proof?: string | null | undefined } | undefined;
}

/** POST /v1/contacts: a new contact; a phone, email or external id already taken is a 409. */
export async function createContact(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  input: ContactWrite & { phone?: string | undefined },
  consentSource: ConsentSource,
): Promise<ContactView> {
  const id = await inTransaction(deps, async (trx) => {
    const waId = input.phone ? phoneToWaId(input.phone) : null;
    if (input.phone && waId === null)
      throw new AppError("VALIDATION_FAILED", "phone must be in E.164 (+15551234567, with or without +).");
    const clash =
      (waId ? await findContactByKey(trx, workspaceId, { waId }) : null) ??
      (input.externalId ? await findContactByKey(trx, workspaceId, { externalId: input.externalId }) : null) ??
      (input.email ? await findContactByKey(trx, workspaceId, { email: input.email.trim().toLowerCase() }) : null);
    if (clash)
      throw new AppError(
        "ALREADY_EXISTS",
        `A contact with this phone, email or external id exists (${clash.id}); PATCH /v1/contacts/${clash.id} changes it.`,
      );
    const { consent, ...changes } = input;
    const out = await upsertContact(
      trx,
      deps,
      workspaceId,
      { phone: input.phone, email: input.email, externalId: input.externalId },
      changes,
    );
    if (consent) await recordConsent(trx, deps, workspaceId, out.waId, { ...consent, source: consentSource });
    return out.id;
  });
  return await getContactView(deps, workspaceId, id);
}

/** PATCH /v1/contacts/{idOrPhone}: `tags` replaces the set, `addTags` / `removeTags` change it. */
export async function patchContact(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  idOrPhone: string,
  input: Omit<ContactWrite, "tags"> & {
    tags?: string[] | undefined;
    addTags?: string[] | undefined;
    removeTags?: string[] | undefined;
  },
  consentSource: ConsentSource,
): Promise<ContactView> {
  const id = await inTransaction(deps, async (trx) => {
    const row = await getRow(trx, workspaceId, idOrPhone);
    const { consent, tags, addTags, removeTags, ...changes } = input;
    if (changes.email)
      await refuseTaken(trx, workspaceId, row.id, { email: changes.email.trim().toLowerCase() }, "email");
    if (changes.externalId)
      await refuseTaken(trx, workspaceId, row.id, { externalId: changes.externalId }, "externalId");
    await applyContactChanges(trx, deps, workspaceId, row, {
      ...changes,
      ...(tags ? { setTags: tags } : {}),
      ...(addTags ? { tags: addTags } : {}),
      ...(removeTags ? { removeTags } : {}),
    });
    if (consent) await recordConsent(trx, deps, workspaceId, row.wa_id, { ...consent, source: consentSource });
    return row.id;
  });
  return await getContactView(deps, workspaceId, id);
}

async function refuseTaken(
  trx: Executor,
  workspaceId: WorkspaceId,
  selfId: string,
  key: { email: string } | { externalId: string },
  field: string,
): Promise<void> {
  const other = await findContactByKey(trx, workspaceId, key);
  if (other && other.id !== selfId)
    throw new AppError("ALREADY_EXISTS", `Another contact (${other.id}) has this ${field}.`);
}

/**
 * DELETE /v1/contacts/{idOrPhone} (GDPR erasure): the contact, its tags, attributes and consent
 * history go; its conversations and messages stay as anonymous rows (counts by status, campaign
 * and number are kept) under the key `erased.<contact id>`, and the messages lose their bodies.
 */
export async function eraseContact(
  deps: ContactDeps & { eraseMessages: EraseCustomerMessages },
  workspaceId: WorkspaceId,
  idOrPhone: string,
): Promise<{ id: string; messagesErased: number }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await getRow(trx, workspaceId, idOrPhone);
    const anonymousKey = `erased.${row.id}`;
    await rekeyConversationRows(trx, workspaceId, row.wa_id, anonymousKey, now);
    const messagesErased = await deps.eraseMessages(trx, workspaceId, {
      waId: row.wa_id,
      contactId: row.id,
      anonymousKey,
      now,
    });
    await deleteContactRows(trx, workspaceId, row.id);
    return { id: row.id, messagesErased };
  });
}

export async function consentHistory(deps: ContactDeps, workspaceId: WorkspaceId, idOrPhone: string) {
  const row = await getRow(deps.db, workspaceId, idOrPhone);
  return { data: (await listConsentEvents(deps.db, workspaceId, row.id)).map(viewConsentEvent) };
}

/** PUT /v1/contacts/{idOrPhone}, the route from before issue 17: names a contact or sets consent, creating it for a new phone. */
export async function putContact(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  idOrPhone: string,
  input: { name?: string | null | undefined; marketingOptIn?: boolean | undefined },
  consentSource: ConsentSource,
): Promise<ContactView> {
  const ref = contactRef(idOrPhone);
  let waId: string;
  if ("waId" in ref) waId = ref.waId;
  else waId = (await getRow(deps.db, workspaceId, idOrPhone)).wa_id;
  await updateContact(deps, workspaceId, waId, input, consentSource);
  return getContactView(deps, workspaceId, waId);
}
