import { createHmac } from "node:crypto";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashPassword, hashToken, newId, randomToken, verifyPassword } from "../../platform/crypto/index.js";
import { type Principal } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import { deleteSession, findLiveSession, findUserByEmail, insertSession, setSessionWorkspace } from "./access.repo.js";
import { membershipsOf } from "./memberships.js";

/**
 * The CSRF token is derived from the session token (HMAC), so it needs no storage, changes with the
 * session, and cannot be computed by a page that cannot read the HttpOnly cookie.
 */
export const csrfTokenFor = (sessionToken: string) =>
  createHmac("sha256", sessionToken).update("wharf/csrf/v1").digest("base64url");

// A fixed hash to verify against when the email is unknown, so the response time does not say whether it exists.
let decoyHash: Promise<string> | null = null;

export async function login(
  deps: { db: AnyDb; clock: Clock; sessionTtlMs: number },
  input: { email: string; password: string },
): Promise<{ token: string; userId: string; workspaceId: WorkspaceId; expiresAt: number }> {
  const user = await findUserByEmail(deps.db, input.email);
  decoyHash ??= hashPassword("decoy-password-for-timing");
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash));
  if (!user || !ok) throw new AppError("INVALID_CREDENTIALS", "The email or password is wrong.");
  const memberships = await membershipsOf(deps.db, user.id);
  const first = memberships[0];
  if (!first) throw new AppError("FORBIDDEN", "This user does not belong to any workspace; ask an owner to add you.");
  return startSession(deps, user.id, first.workspaceId);
}

/** A new session for a user already proven (a login, or an invitation just accepted), in that workspace. */
export async function startSession(
  deps: { db: AnyDb; clock: Clock; sessionTtlMs: number },
  userId: string,
  workspaceId: WorkspaceId,
): Promise<{ token: string; userId: string; workspaceId: WorkspaceId; expiresAt: number }> {
  const token = randomToken(32);
  const now = deps.clock.now();
  const expiresAt = now + deps.sessionTtlMs;
  await insertSession(deps.db, {
    id: newId("ses", now),
    token_hash: hashToken(token),
    user_id: userId,
    workspace_id: workspaceId,
    created_at: now,
    expires_at: expiresAt,
  });
  return { token, userId, workspaceId, expiresAt };
}

export async function resolveSession(deps: { db: AnyDb; clock: Clock }, token: string): Promise<Principal | null> {
  const s = await findLiveSession(deps.db, hashToken(token), deps.clock.now());
  if (!s) return null;
  return {
    kind: "session",
    sessionId: s.id,
    userId: s.user_id,
    workspaceId: asWorkspaceId(s.workspace_id),
    role: s.role,
    csrfToken: csrfTokenFor(token),
  };
}

export async function switchWorkspace(
  db: AnyDb,
  session: { sessionId: string; userId: string },
  workspaceId: string,
): Promise<WorkspaceId> {
  const memberships = await membershipsOf(db, session.userId);
  const target = memberships.find((m) => m.workspaceId === workspaceId);
  // Not a member: the same answer as a workspace that does not exist.
  if (!target) throw new AppError("NOT_FOUND", "The workspace was not found.");
  await setSessionWorkspace(db, session.sessionId, target.workspaceId);
  return target.workspaceId;
}

export const logout = (db: AnyDb, sessionId: string) => deleteSession(db, sessionId);
