import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface ConversationNoteRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  /** Null when written with an API key. */
  author_user_id: string | null;
  body: string;
  created_at: number;
}

export interface CannedReplyRow {
  id: string;
  workspace_id: string;
  shortcut: string;
  text: string;
  created_at: number;
  updated_at: number;
}

interface Tables {
  conversation_notes: ConversationNoteRow;
  canned_replies: CannedReplyRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const notes = workspaceTable<ConversationNoteRow>({ table: "conversation_notes" });
const cannedReplies = workspaceTable<CannedReplyRow>({ table: "canned_replies" });

export async function insertNote(db: AnyDb, workspaceId: WorkspaceId, row: Omit<ConversationNoteRow, "workspace_id">) {
  await notes.insert(db, workspaceId, row);
}

/** Oldest first. */
export async function listNotes(
  db: AnyDb,
  workspaceId: WorkspaceId,
  conversationId: string,
): Promise<ConversationNoteRow[]> {
  return notes.list(db, workspaceId, { conversation_id: conversationId }, { orderBy: [["id", "asc"]], limit: 500 });
}

/** A conversation folded into another (a customer's BSUID became their phone) keeps its notes. */
export async function moveNotes(executor: Executor, workspaceId: WorkspaceId, fromId: string, toId: string) {
  await notes.update(executor, workspaceId, { conversation_id: fromId }, { conversation_id: toId });
}

export async function listCannedReplies(db: AnyDb, workspaceId: WorkspaceId): Promise<CannedReplyRow[]> {
  return cannedReplies.list(db, workspaceId, {}, { orderBy: [["shortcut", "asc"]], limit: 1000 });
}

export async function countCannedReplies(db: AnyDb, workspaceId: WorkspaceId): Promise<number> {
  const row = await q(db)
    .selectFrom("canned_replies")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findCannedReply(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<CannedReplyRow | null> {
  return cannedReplies.find(db, workspaceId, { id });
}

export async function findCannedReplyByShortcut(
  db: AnyDb,
  workspaceId: WorkspaceId,
  shortcut: string,
): Promise<CannedReplyRow | null> {
  return cannedReplies.find(db, workspaceId, { shortcut });
}

export async function insertCannedReply(
  db: AnyDb,
  workspaceId: WorkspaceId,
  row: Omit<CannedReplyRow, "workspace_id">,
) {
  await cannedReplies.insert(db, workspaceId, row);
}

export async function updateCannedReply(
  db: AnyDb,
  workspaceId: WorkspaceId,
  id: string,
  change: { shortcut?: string; text?: string },
  now: number,
): Promise<boolean> {
  return (await cannedReplies.update(db, workspaceId, { id }, { ...change, updated_at: now })) > 0;
}

export async function deleteCannedReply(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<boolean> {
  return (await cannedReplies.delete(db, workspaceId, { id })) > 0;
}
