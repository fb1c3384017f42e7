import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
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

export async function insertNote(db: AnyDb, workspaceId: WorkspaceId, row: Omit<ConversationNoteRow, "workspace_id">) {
  await q(db)
    .insertInto("conversation_notes")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

/** Oldest first. */
export async function listNotes(
  db: AnyDb,
  workspaceId: WorkspaceId,
  conversationId: string,
): Promise<ConversationNoteRow[]> {
  return q(db)
    .selectFrom("conversation_notes")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("conversation_id", "=", conversationId)
    .orderBy("id")
    .limit(500)
    .execute();
}

/** A conversation folded into another (a customer's BSUID became their phone) keeps its notes. */
export async function moveNotes(executor: Executor, workspaceId: WorkspaceId, fromId: string, toId: string) {
  await q(executor)
    .updateTable("conversation_notes")
    .set({ conversation_id: toId })
    .where("workspace_id", "=", workspaceId)
    .where("conversation_id", "=", fromId)
    .execute();
}

export async function listCannedReplies(db: AnyDb, workspaceId: WorkspaceId): Promise<CannedReplyRow[]> {
  return q(db)
    .selectFrom("canned_replies")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("shortcut")
    .limit(1000)
    .execute();
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
  return (
    (await q(db)
      .selectFrom("canned_replies")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}

export async function findCannedReplyByShortcut(
  db: AnyDb,
  workspaceId: WorkspaceId,
  shortcut: string,
): Promise<CannedReplyRow | null> {
  return (
    (await q(db)
      .selectFrom("canned_replies")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("shortcut", "=", shortcut)
      .executeTakeFirst()) ?? null
  );
}

export async function insertCannedReply(
  db: AnyDb,
  workspaceId: WorkspaceId,
  row: Omit<CannedReplyRow, "workspace_id">,
) {
  await q(db)
    .insertInto("canned_replies")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

export async function updateCannedReply(
  db: AnyDb,
  workspaceId: WorkspaceId,
  id: string,
  change: { shortcut?: string; text?: string },
  now: number,
): Promise<boolean> {
  const res = await q(db)
    .updateTable("canned_replies")
    .set({ ...change, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteCannedReply(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<boolean> {
  const res = await q(db)
    .deleteFrom("canned_replies")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
