import type { Clock } from "../../platform/clock.js";
import type { Executor } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { noteInboundMessages, orderOf, previewOf } from "../inbox/index.js";
import { recordInboundMessages } from "../messages/index.js";
import type { Owner } from "./route-cache.js";

/** An inbound message read from a webhook, for one workspace that owns the number, not yet stored. */
export interface PendingInbound {
  owner: Owner;
  metaPhoneNumberId: string;
  /** The customer's key (`wa_id`), already resolved (`resolveCustomer`). */
  from: string;
  wamid: string;
  type: string;
  /** Meta's message object. */
  raw: Record<string, unknown>;
  timestamp: number;
  contextWamid: string | null;
  profileName: string | null;
}

/**
 * Stores the inbound messages read so far in this transaction and applies them to the inbox, then
 * records their events in the order Meta sent the messages. The processor gathers a batch's
 * messages and calls this once (a handful of statements for the batch instead of four per message);
 * it is also called before anything that must see them written first: a customer whose identity
 * is looked up, a `user_preferences` change. Empties `pending`.
 */
export async function applyInboundBatch(
  trx: Executor,
  deps: { clock: Clock; events: EventBus },
  pending: PendingInbound[],
): Promise<void> {
  if (pending.length === 0) return;
  const batch = pending.splice(0);
  const stored = await recordInboundMessages(
    trx,
    deps,
    batch.map((p) => ({
      workspaceId: p.owner.workspaceId,
      phoneNumberId: p.owner.phoneNumberId,
      waId: p.from,
      wamid: p.wamid,
      type: p.type,
      content: p.raw,
      timestamp: p.timestamp,
      contextWamid: p.contextWamid,
    })),
  );
  // Meta's re-delivery of a message whose processing committed: everything below already happened.
  // A number being deleted keeps what it receives, but neither the inbox nor automations see it.
  const fresh = batch.flatMap((p, i) => (stored[i]!.created && !p.owner.deleting ? [{ p, id: stored[i]!.id }] : []));
  const activities = await noteInboundMessages(
    trx,
    deps,
    fresh.map(({ p }) => ({
      workspaceId: p.owner.workspaceId,
      phoneNumberId: p.owner.phoneNumberId,
      metaPhoneNumberId: p.metaPhoneNumberId,
      waId: p.from,
      profileName: p.profileName,
      wamid: p.wamid,
      type: p.type,
      content: p.raw,
      timestamp: p.timestamp,
    })),
  );
  const at = deps.clock.now();
  for (const [i, { p, id }] of fresh.entries()) {
    const activity = activities[i]!;
    const workspaceId: WorkspaceId = p.owner.workspaceId;
    // Which message, in both events: an order is a message too.
    const message = {
      messageId: id,
      conversationId: activity.conversationId,
      wamid: p.wamid,
      from: p.from,
      phoneNumberId: p.owner.phoneNumberId,
      timestamp: new Date(p.timestamp).toISOString(),
    };
    await deps.events.recordEvent(trx, workspaceId, {
      type: "message.received",
      at,
      data: { ...message, contactName: p.profileName, type: p.type, preview: previewOf(p.type, p.raw), content: p.raw },
    });
    const order = p.type === "order" ? orderOf(p.raw) : null;
    if (order)
      await deps.events.recordEvent(trx, workspaceId, { type: "order.received", at, data: { ...message, ...order } });
    if (activity.optedOut)
      await deps.events.recordEvent(trx, workspaceId, {
        type: "contact.opted_out",
        at,
        data: { waId: p.from, source: "stop_keyword" },
      });
  }
}
