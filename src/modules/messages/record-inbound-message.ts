import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { insertEvent, insertMessageIfNew, newMessageRow, rekeyCustomerMessages } from "./messages.repo.js";

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
 * Stores an inbound message once: Meta's wamid is the dedupe key, so the same webhook delivered
 * five times yields one row. Runs in the caller's transaction (the webhook processor's).
 */
export async function recordInboundMessage(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  input: InboundMessageInput,
): Promise<{ id: string; created: boolean }> {
  const now = deps.clock.now();
  const id = newId("msg", now);
  const created = await insertMessageIfNew(
    trx,
    workspaceId,
    newMessageRow({
      workspace_id: workspaceId,
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
  if (created) await insertEvent(trx, { message_id: id, status: "received", at: input.timestamp, detail: null });
  return { id, created };
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
