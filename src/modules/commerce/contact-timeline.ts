import type { AnyDb } from "../../platform/db/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { listContactEvents, type CommerceEventRow } from "./commerce.repo.js";
import type { CommerceContacts } from "./contact-port.js";

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export const viewCommerceEvent = (r: CommerceEventRow) => ({
  id: r.id,
  type: r.type,
  contactId: r.contact_id,
  source: r.source,
  data: JSON.parse(r.data) as Record<string, unknown>,
  occurredAt: iso(r.occurred_at),
  recordedAt: iso(r.created_at),
  idempotencyKey: r.idempotency_key,
});

const cursorOf = (r: CommerceEventRow) => Buffer.from(`${Number(r.occurred_at)}.${r.id}`).toString("base64url");

function parseCursor(cursor: string): { occurredAt: number; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split(".", 2);
  if (!at || !id || !/^\d{1,16}$/.test(at)) throw new AppError("VALIDATION_FAILED", "The cursor is not one of ours.");
  return { occurredAt: Number(at), id };
}

/** GET /v1/contacts/{idOrPhone}/events: the contact's business events, newest first (by when they happened). */
export async function contactTimeline(
  deps: { db: AnyDb; contacts: CommerceContacts },
  workspaceId: WorkspaceId,
  idOrPhone: string,
  query: { type?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const contact = await deps.contacts.find(deps.db, workspaceId, idOrPhone);
  if (!contact) throw notFound("The contact");
  const rows = await listContactEvents(deps.db, workspaceId, contact.id, {
    type: query.type,
    before: query.cursor ? parseCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(viewCommerceEvent),
    nextCursor: rows.length > query.limit ? cursorOf(page[page.length - 1]!) : null,
  };
}
