import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findMembership } from "../access/index.js";
import { findConversationRow, updateConversationWork, type ConversationStatus } from "./conversations.repo.js";
import { insertNote, listNotes, type ConversationNoteRow } from "./conversation-notes.repo.js";

/** At most this many labels on a conversation. */
export const MAX_LABELS = 20;

/**
 * What a team changes on a conversation: its state, the agent it is assigned to (a member of this
 * workspace, or null), its labels. Another workspace's conversation or user is NOT_FOUND.
 */
export async function changeConversationWork(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  conversationId: string,
  change: { status?: ConversationStatus; assigneeId?: string | null; labels?: string[] },
): Promise<void> {
  if (change.assigneeId && !(await findMembership(deps.db, workspaceId, change.assigneeId)))
    throw new AppError("NOT_FOUND", "The assignee is not a member of this workspace.", {
      details: [{ field: "assigneeId", message: "not a member of this workspace" }],
    });
  const updated = await updateConversationWork(
    deps.db,
    workspaceId,
    conversationId,
    {
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.assigneeId !== undefined ? { assignee_user_id: change.assigneeId } : {}),
      ...(change.labels !== undefined ? { labels: JSON.stringify([...new Set(change.labels)]) } : {}),
    },
    deps.clock.now(),
  );
  if (!updated) throw notFound("The conversation");
}

export interface ConversationNote {
  id: string;
  authorUserId: string | null;
  body: string;
  createdAt: number;
}

const noteView = (r: ConversationNoteRow): ConversationNote => ({
  id: r.id,
  authorUserId: r.author_user_id,
  body: r.body,
  createdAt: Number(r.created_at),
});

/** An internal note: the team sees it beside the thread; it never goes to the customer or to Meta. */
export async function addConversationNote(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  conversationId: string,
  input: { authorUserId: string | null; body: string },
): Promise<ConversationNote> {
  if (!(await findConversationRow(deps.db, workspaceId, conversationId))) throw notFound("The conversation");
  const now = deps.clock.now();
  const row = {
    id: newId("note", now),
    conversation_id: conversationId,
    author_user_id: input.authorUserId,
    body: input.body,
    created_at: now,
  };
  await insertNote(deps.db, workspaceId, row);
  return noteView({ ...row, workspace_id: workspaceId });
}

export async function conversationNotes(
  db: AnyDb,
  workspaceId: WorkspaceId,
  conversationId: string,
): Promise<ConversationNote[]> {
  if (!(await findConversationRow(db, workspaceId, conversationId))) throw notFound("The conversation");
  return (await listNotes(db, workspaceId, conversationId)).map(noteView);
}
