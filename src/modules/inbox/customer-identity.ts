import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findContactRow, findContactsByUserId, mergeContactRows, setContactIdentity } from "./contacts.repo.js";
import { rekeyConversationRows } from "./conversations.repo.js";
import { moveContactData } from "./contacts/directory.repo.js";

/**
 * Who wrote, as a messages webhook tells it since 2026 (Meta, "Business-scoped user IDs"): the
 * phone (`from` / `contacts[].wa_id`), absent when Meta withholds it from a username customer, and
 * the business-scoped user id (`from_user_id` / `contacts[].user_id`).
 */
export interface CustomerIdentity {
  phone: string | null;
  userId: string | null;
  parentUserId: string | null;
  username: string | null;
}

/**
 * The key the inbox and messages use for this customer (`wa_id`): the phone when the webhook
 * has it, else the phone recorded with this BSUID before, else the BSUID itself. When a phone
 * arrives for a BSUID that was a key of its own, the contact and its conversations are folded
 * into the phone's; `mergedFrom` names the old key so the caller moves the messages too.
 */
export async function resolveCustomer(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  who: CustomerIdentity,
): Promise<{ waId: string; mergedFrom: string | null }> {
  const now = deps.clock.now();
  const known = who.userId ? await findContactsByUserId(trx, workspaceId, who.userId) : [];
  let waId: string;
  let mergedFrom: string | null = null;
  if (who.phone) {
    waId = who.phone;
    // A BSUID-keyed contact of this customer: their phone is known now.
    const pending = known.find((c) => c.wa_id === who.userId && c.wa_id !== who.phone);
    if (pending) {
      const into = await findContactRow(trx, workspaceId, waId);
      await mergeContactRows(trx, workspaceId, pending, waId, into, now);
      // The folded contact's tags, attributes and consent history follow it (the row itself is gone).
      if (into) await moveContactData(trx, workspaceId, pending.id, into.id);
      await rekeyConversationRows(trx, workspaceId, pending.wa_id, waId, now);
      mergedFrom = pending.wa_id;
    }
  } else {
    // Phone withheld: the contact that already carries this BSUID (by phone if ever known).
    waId = (known.find((c) => c.wa_id !== who.userId) ?? known[0])?.wa_id ?? who.userId!;
  }
  const same = known.find((c) => c.wa_id === waId);
  const unchanged =
    mergedFrom === null &&
    same !== undefined &&
    (who.username === null || same.username === who.username) &&
    (who.parentUserId === null || same.parent_user_id === who.parentUserId);
  if (!unchanged && (who.userId || who.username || who.parentUserId))
    await setContactIdentity(trx, workspaceId, {
      waId,
      userId: who.userId,
      parentUserId: who.parentUserId,
      username: who.username,
      now,
    });
  return { waId, mergedFrom };
}
