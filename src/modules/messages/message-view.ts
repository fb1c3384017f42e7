import type { AnyDb } from "../../platform/db/index.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { eventsOf, findMessage, listMessages, type MessageRow, type MessageStatus } from "./messages.repo.js";

const iso = (ms: number) => new Date(ms).toISOString();

export function messageView(row: MessageRow, events?: Array<{ status: string; at: number }>) {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    wamid: row.wamid,
    from: row.direction === "outbound" ? row.phone_number_id : `+${row.wa_id}`,
    to: row.direction === "outbound" ? `+${row.wa_id}` : row.phone_number_id,
    type: row.type,
    content: JSON.parse(row.content) as Record<string, unknown>,
    campaignId: row.campaign_id,
    error: row.error_code
      ? {
          code: row.error_code,
          message: row.error_message ?? "",
          metaCode: row.meta_error_code,
          metaTitle: row.meta_error_title,
          fbtraceId: row.fbtrace_id,
        }
      : null,
    createdAt: iso(row.created_at),
    ...(events ? { events: events.map((e) => ({ status: e.status, at: iso(e.at) })) } : {}),
  };
}

export async function getMessage(db: AnyDb, workspaceId: WorkspaceId, id: string) {
  const row = await findMessage(db, workspaceId, id);
  if (!row) throw notFound("The message");
  return messageView(row, await eventsOf(db, workspaceId, id));
}

/** Newest first; the cursor is the last id of the previous page (ids sort by creation time). */
export async function listMessagePage(
  db: AnyDb,
  workspaceId: WorkspaceId,
  q: { status?: MessageStatus; to?: string; campaignId?: string; cursor?: string; limit: number },
) {
  const rows = await listMessages(db, workspaceId, {
    status: q.status,
    waId: q.to?.replace(/^\+/, ""),
    campaignId: q.campaignId,
    before: q.cursor,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    data: page.map((r) => messageView(r)),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}
