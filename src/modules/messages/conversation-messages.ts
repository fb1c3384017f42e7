import { isBsuid } from "./build-meta-message.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { getActivePhoneNumber, channelForWorkspace, type WorkspaceChannelDeps } from "../connection/index.js";
import { getConversation, markConversationRead } from "../inbox/index.js";
import { listMessages } from "./messages.repo.js";
import { messageView } from "./message-view.js";
import { sendMessage, type SendDeps, type SendInput } from "./send-message.js";

/** Both directions, oldest first, paged forward with `cursor` (the last id seen). */
export async function conversationThread(
  db: AnyDb,
  workspaceId: WorkspaceId,
  conversationId: string,
  cursor: string | undefined,
  limit: number,
) {
  const c = await getConversation(db, workspaceId, conversationId);
  const rows = await listMessages(db, workspaceId, {
    phoneNumberId: c.phoneNumberId,
    waId: c.waId,
    after: cursor,
    order: "asc",
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { data: page.map((r) => messageView(r)), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** An agent's reply: the same send path, from the conversation's number to its customer. */
export async function replyInConversation(
  deps: SendDeps,
  workspaceId: WorkspaceId,
  conversationId: string,
  input: Omit<SendInput, "from" | "to">,
) {
  const c = await getConversation(deps.db, workspaceId, conversationId);
  // A customer whose phone Meta withholds is keyed by their BSUID: the reply goes with `recipient`.
  const to = isBsuid(c.waId) ? c.waId : `+${c.waId}`;
  return sendMessage(deps, workspaceId, { ...input, from: c.phoneNumberId, to });
}

/**
 * Marks the conversation read here and tells Meta (blue ticks) for the latest inbound message.
 * Meta being unreachable does not undo the local read state.
 */
export async function readConversation(
  deps: WorkspaceChannelDeps & { clock: Clock },
  workspaceId: WorkspaceId,
  conversationId: string,
): Promise<{ toldMeta: boolean }> {
  const c = await getConversation(deps.db, workspaceId, conversationId);
  await markConversationRead(deps.db, workspaceId, conversationId, deps.clock.now());
  const [latest] = (
    await listMessages(deps.db, workspaceId, { phoneNumberId: c.phoneNumberId, waId: c.waId, limit: 20 })
  ).filter((m) => m.direction === "inbound");
  if (!latest?.wamid) return { toldMeta: false };
  try {
    const phone = await getActivePhoneNumber(deps, workspaceId, c.phoneNumberId);
    const g = await channelForWorkspace(deps, workspaceId);
    await g.messages.markRead(phone.meta_phone_number_id, latest.wamid);
    return { toldMeta: true };
  } catch {
    return { toldMeta: false };
  }
}
