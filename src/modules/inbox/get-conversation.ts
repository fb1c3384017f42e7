import type { AnyDb, Executor } from "../../platform/db/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  countUnread,
  findConversationRow,
  listConversationRows,
  type ConversationStatus,
  type ConversationWithContact,
} from "./conversations.repo.js";

/** Times are epoch ms; the routes turn them into ISO strings. */
export interface Conversation {
  id: string;
  /** Ours (pn_...). */
  phoneNumberId: string;
  waId: string;
  contactName: string | null;
  /** The customer's WhatsApp username, when Meta sent one (2026). */
  contactUsername: string | null;
  lastMessageAt: number;
  /** When the customer service window closes; null when the customer never wrote. */
  windowExpiresAt: number | null;
  unreadCount: number;
  status: ConversationStatus;
  assigneeId: string | null;
  labels: string[];
}

const view = (r: ConversationWithContact): Conversation => ({
  id: r.id,
  phoneNumberId: r.phone_number_id,
  waId: r.wa_id,
  contactName: r.contact_name,
  contactUsername: r.contact_username,
  lastMessageAt: Number(r.last_message_at),
  windowExpiresAt: r.window_expires_at === null ? null : Number(r.window_expires_at),
  unreadCount: Number(r.unread_count),
  status: r.status,
  assigneeId: r.assignee_user_id,
  labels: JSON.parse(r.labels) as string[],
});

export async function getConversation(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  conversationId: string,
): Promise<Conversation> {
  const row = await findConversationRow(db, workspaceId, conversationId);
  if (!row) throw notFound("The conversation");
  return view(row);
}

/** Cursor: opaque to clients, the last row's (lastMessageAt, id). */
const encodeCursor = (c: Conversation) => Buffer.from(`${c.lastMessageAt}:${c.id}`).toString("base64url");

function decodeCursor(cursor: string): { lastMessageAt: number; id: string } {
  const m = /^(\d{1,16}):(con_[0-9a-z]{1,40})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m)
    throw new AppError(
      "VALIDATION_FAILED",
      "cursor: not a cursor this API returned; pass nextCursor from the previous page as it is.",
      { details: [{ field: "cursor", message: "invalid" }] },
    );
  return { lastMessageAt: Number(m[1]), id: m[2]! };
}

export async function listConversations(
  db: AnyDb,
  workspaceId: WorkspaceId,
  query: {
    cursor?: string;
    limit: number;
    phoneNumberId?: string;
    waId?: string;
    unread?: boolean;
    status?: ConversationStatus;
    /** A user id, or null for unassigned conversations. */
    assignee?: string | null;
    label?: string;
    /** Words to find in the contact's name, username or number; `alsoKeys`: conversations whose messages matched. */
    search?: { text: string; alsoKeys: Array<{ phoneNumberId: string; waId: string }> };
  },
): Promise<{ data: Conversation[]; nextCursor: string | null }> {
  const rows = await listConversationRows(db, workspaceId, {
    after: query.cursor ? decodeCursor(query.cursor) : null,
    limit: query.limit + 1,
    ...(query.phoneNumberId !== undefined ? { phoneNumberId: query.phoneNumberId } : {}),
    ...(query.waId !== undefined ? { waId: query.waId } : {}),
    ...(query.unread ? { unreadOnly: true } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.assignee !== undefined ? { assignee: query.assignee } : {}),
    ...(query.label !== undefined ? { label: query.label } : {}),
    ...(query.search !== undefined ? { search: { ...query.search, text: query.search.text.toLowerCase() } } : {}),
  });
  const data = rows.slice(0, query.limit).map(view);
  return { data, nextCursor: rows.length > query.limit ? encodeCursor(data[data.length - 1]!) : null };
}

/** How many conversations have unread messages, and how many messages: the dashboard's badge and tab title. */
export async function unreadCounts(db: AnyDb, workspaceId: WorkspaceId) {
  return countUnread(db, workspaceId);
}
