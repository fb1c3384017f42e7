import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  applyConsent,
  consentOf,
  findContactRow,
  setContactName,
  type ConsentSource,
  type ContactRow,
} from "./contacts.repo.js";

export interface Contact {
  waId: string;
  name: string | null;
  profileName: string | null;
  /** true opted in, false opted out (an inbound STOP included), null never said. */
  marketingOptIn: boolean | null;
  consentSource: ContactRow["consent_source"];
  consentAt: number | null;
  lastInboundAt: number | null;
  /** Meta's business-scoped user id (2026) and the customer's username, when known. */
  userId: string | null;
  username: string | null;
}

const view = (r: ContactRow): Contact => ({
  waId: r.wa_id,
  name: r.name ?? r.profile_name,
  profileName: r.profile_name,
  marketingOptIn: r.marketing_opt_in === null ? null : Number(r.marketing_opt_in) === 1,
  consentSource: r.consent_source,
  consentAt: r.consent_at === null ? null : Number(r.consent_at),
  lastInboundAt: r.last_inbound_at === null ? null : Number(r.last_inbound_at),
  userId: r.user_id,
  username: r.username,
});

export async function getContact(db: AnyDb, workspaceId: WorkspaceId, waId: string): Promise<Contact> {
  const row = await findContactRow(db, workspaceId, waId);
  if (!row) throw notFound("The contact");
  return view(row);
}

/** PUT /v1/contacts/{waId}: creates the contact when needed; consent set here is timestamped now. */
export async function updateContact(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  waId: string,
  input: { name?: string | null | undefined; marketingOptIn?: boolean | undefined },
  source: ConsentSource = "api",
): Promise<Contact> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (input.name !== undefined) await setContactName(trx, workspaceId, waId, input.name, now);
    if (input.marketingOptIn !== undefined)
      await applyConsent(trx, workspaceId, { waId, optIn: input.marketingOptIn, source, at: now, now });
    if (input.name === undefined && input.marketingOptIn === undefined)
      await setContactName(trx, workspaceId, waId, (await findContactRow(trx, workspaceId, waId))?.name ?? null, now);
  });
  return getContact(deps.db, workspaceId, waId);
}

/** For the send path and campaigns: every asked waId is in the map; null means the contact never said. */
export async function marketingConsent(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  waIds: string[],
): Promise<Map<string, boolean | null>> {
  const out = new Map<string, boolean | null>(waIds.map((w) => [w, null]));
  for (const row of await consentOf(db, workspaceId, waIds))
    out.set(row.wa_id, row.marketing_opt_in === null ? null : Number(row.marketing_opt_in) === 1);
  return out;
}
