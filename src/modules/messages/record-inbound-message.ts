import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  insertEvents,
  insertMessagesIfNewWamid,
  newMessageRow,
  rekeyCustomerMessages,
  type MessageRow,
} from "./messages.repo.js";

export interface InboundMessageInput {
  /** Our phone number id (pn_...), already resolved from Meta's metadata.phone_number_id. */
  phoneNumberId: string;
  waId: string;
  wamid: string;
  /** Meta's message type (text, image, interactive, reaction, order, unsupported, ...). */
  type: string;
  /** Meta's message object as received: media stays as Meta's media id, fetched on demand. */
  content: unknown;
  /** Meta's timestamp (when the customer sent it), in ms. */
  timestamp: number;
  contextWamid?: string | null;
}

/**
 * Stores inbound messages once each: Meta's wamid is the dedupe key, so the same webhook delivered
 * five times yields one row. Runs in the caller's transaction (the webhook processor's), one
 * insert for the messages and one for their timeline rows per 100, whatever the batch holds; a
 * wamid repeated within the batch is stored by its first appearance. One result per input, in order.
 */
export async function recordInboundMessages(
  trx: Executor,
  deps: { clock: Clock },
  inputs: ReadonlyArray<InboundMessageInput & { workspaceId: WorkspaceId }>,
): Promise<Array<{ id: string; created: boolean }>> {
  const now = deps.clock.now();
  const firstOf = new Map<string, string>();
  const rows: MessageRow[] = [];
  const ids = inputs.map((input) => {
    const key = `${input.workspaceId}\u0000${input.wamid}`;
    const seen = firstOf.get(key);
    if (seen) return seen;
    const id = newId("msg", now);
    firstOf.set(key, id);
    rows.push(
      newMessageRow({
        workspace_id: input.workspaceId,
        id,
        direction: "inbound",
        phone_number_id: input.phoneNumberId,
        wa_id: input.waId,
        type: input.type,
        content: JSON.stringify(input.content),
        status: "received",
        status_rank: 9,
        wamid: input.wamid,
        context_wamid: input.contextWamid ?? null,
        meta_timestamp: input.timestamp,
        created_at: now,
      }),
    );
    return id;
  });
  const inserted = await insertMessagesIfNewWamid(trx, rows);
  await insertEvents(
    trx,
    rows
      .filter((r) => inserted.has(r.id))
      .map((r) => ({ message_id: r.id, status: "received", at: r.meta_timestamp!, detail: null })),
  );
  // A repeat within the batch names the first's id but was not created by itself.
  const claimed = new Set<string>();
  return ids.map((id) => {
    const created = inserted.has(id) && !claimed.has(id);
    claimed.add(id);
    return { id, created };
  });
}

/**
 * A customer known by their business-scoped user id until now has a phone (Meta 2026): the
 * messages stored under the BSUID move to the phone, so one conversation holds the whole history
 * and the service window counts every message. Queued sends keep their `recipient`, which Meta
 * still accepts.
 */
export async function moveCustomerMessages(
  trx: Executor,
  workspaceId: WorkspaceId,
  fromWaId: string,
  toWaId: string,
): Promise<void> {
  await rekeyCustomerMessages(trx, workspaceId, fromWaId, toWaId);
}
