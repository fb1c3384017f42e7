import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashPassword, verifyPassword } from "../../platform/crypto/index.js";
import { type Role } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  countOwners,
  deleteMembership,
  deleteSessionsOfUser,
  findMembership,
  findUser,
  setMemberRole,
  setPasswordHash,
} from "./access.repo.js";
import { lockWorkspace } from "../workspaces/index.js";
import { assertMayManage } from "./roles.js";

type Deps = { db: AnyDb; clock: Clock };
/** Who acts: a member (its user id) or a workspace API key (acts as owner, is nobody's membership). */
export type Actor = { role: Role; userId: string | null };

const notFound = () => new AppError("NOT_FOUND", "No user with that id in this workspace.");
const lastOwner = () =>
  new AppError("LAST_OWNER", "A workspace needs at least one owner: make someone else owner first.");

export async function changeRole(
  deps: Deps,
  workspaceId: WorkspaceId,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<void> {
  if (!["owner", "admin"].includes(actor.role)) throw new AppError("FORBIDDEN", "Only owners and admins change roles.");
  await deps.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspaceId);
    const member = await findMembership(trx, workspaceId, userId);
    if (!member) throw notFound();
    assertMayManage(actor.role, member.role, role);
    if (member.role === "owner" && role !== "owner" && (await countOwners(trx, workspaceId)) <= 1) throw lastOwner();
    await setMemberRole(trx, workspaceId, userId, role);
  });
}

/** Removes a member (or the caller leaves); their sessions in this workspace end at once. */
export async function removeMember(deps: Deps, workspaceId: WorkspaceId, actor: Actor, userId: string): Promise<void> {
  const leaving = actor.userId === userId;
  if (!leaving && !["owner", "admin"].includes(actor.role))
    throw new AppError("FORBIDDEN", "Only owners and admins remove users; you can remove only yourself.");
  await deps.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspaceId);
    const member = await findMembership(trx, workspaceId, userId);
    if (!member) throw notFound();
    if (!leaving) assertMayManage(actor.role, member.role);
    if (member.role === "owner" && (await countOwners(trx, workspaceId)) <= 1) throw lastOwner();
    await deleteMembership(trx, workspaceId, userId);
  });
}

/** Changes one's own password; every other session of the user ends. */
export async function changePassword(
  deps: Deps,
  session: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUser(deps.db, session.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash)))
    throw new AppError("INVALID_CREDENTIALS", "The current password is wrong.");
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash, deps.clock.now());
    await deleteSessionsOfUser(trx, user.id, session.sessionId);
  });
}

/** The operator's reset (`wharf users reset-password`): a new password, every session ended. */
export async function resetPassword(deps: Deps, userId: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, hash, deps.clock.now());
    await deleteSessionsOfUser(trx, userId, null);
  });
}
