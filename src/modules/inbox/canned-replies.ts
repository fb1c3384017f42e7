import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  countCannedReplies,
  deleteCannedReply,
  findCannedReply,
  findCannedReplyByShortcut,
  insertCannedReply,
  listCannedReplies,
  updateCannedReply,
  type CannedReplyRow,
} from "./conversation-notes.repo.js";

/** A workspace keeps at most this many canned replies. */
export const MAX_CANNED_REPLIES = 500;

export interface CannedReply {
  id: string;
  /** What an agent types after "/" in the reply box. */
  shortcut: string;
  text: string;
  updatedAt: number;
}

const view = (r: CannedReplyRow): CannedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  text: r.text,
  updatedAt: Number(r.updated_at),
});

const taken = (shortcut: string) =>
  new AppError("ALREADY_EXISTS", `A canned reply with the shortcut "${shortcut}" exists; pick another shortcut.`, {
    details: [{ field: "shortcut", message: "taken" }],
  });

export async function cannedReplies(db: AnyDb, workspaceId: WorkspaceId): Promise<CannedReply[]> {
  return (await listCannedReplies(db, workspaceId)).map(view);
}

export async function createCannedReply(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  input: { shortcut: string; text: string },
): Promise<CannedReply> {
  if ((await countCannedReplies(deps.db, workspaceId)) >= MAX_CANNED_REPLIES)
    throw new AppError("CONFLICT", `A workspace keeps at most ${MAX_CANNED_REPLIES} canned replies; delete one first.`);
  if (await findCannedReplyByShortcut(deps.db, workspaceId, input.shortcut)) throw taken(input.shortcut);
  const now = deps.clock.now();
  const row = { id: newId("cnr", now), shortcut: input.shortcut, text: input.text, created_at: now, updated_at: now };
  try {
    await insertCannedReply(deps.db, workspaceId, row);
  } catch (err) {
    // Two agents saving the same shortcut at once: the unique constraint decides.
    if (await findCannedReplyByShortcut(deps.db, workspaceId, input.shortcut)) throw taken(input.shortcut);
    throw err;
  }
  return view({ ...row, workspace_id: workspaceId });
}

export async function changeCannedReply(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  id: string,
  change: { shortcut?: string; text?: string },
): Promise<CannedReply> {
  if (change.shortcut !== undefined) {
    const other = await findCannedReplyByShortcut(deps.db, workspaceId, change.shortcut);
    if (other && other.id !== id) throw taken(change.shortcut);
  }
  if (!(await updateCannedReply(deps.db, workspaceId, id, change, deps.clock.now())))
    throw notFound("The canned reply");
  return view((await findCannedReply(deps.db, workspaceId, id))!);
}

export async function removeCannedReply(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<void> {
  if (!(await deleteCannedReply(db, workspaceId, id))) throw notFound("The canned reply");
}
