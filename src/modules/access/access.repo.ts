import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { Role } from "../../platform/http/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";

export interface AccessTables {
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    /** The dashboard's language ("en", "pt-BR", "es"); null: follow the browser. */
    language?: string | null;
    created_at: number;
    updated_at: number;
  };
  memberships: { user_id: string; workspace_id: string; role: Role; created_at: number };
  sessions: {
    id: string;
    token_hash: string;
    user_id: string;
    workspace_id: string;
    created_at: number;
    expires_at: number;
  };
  invitations: {
    id: string;
    workspace_id: string;
    email: string;
    role: Role;
    token_hash: string;
    invited_by: string;
    created_at: number;
    expires_at: number;
    accepted_at: number | null;
    revoked_at: number | null;
  };
}

export type InvitationRow = AccessTables["invitations"];

const memberships = workspaceTable<AccessTables["memberships"]>({ table: "memberships" });
const sessions = workspaceTable<AccessTables["sessions"]>({ table: "sessions" });
const invitations = workspaceTable<InvitationRow>({ table: "invitations" });
/** An invitation neither used nor revoked (it may still have expired). */
const OPEN = { accepted_at: null, revoked_at: null } as const;

export type UserRow = AccessTables["users"];

// cross-tenant: a user is one account across workspaces; login finds it by email before any workspace is known
export async function findUserByEmail(db: AnyDb, email: string): Promise<UserRow | null> {
  return (
    (await typed<AccessTables>(db)
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst()) ?? null
  );
}

// cross-tenant: a user is one account across workspaces, found by the id of the session's own user
export async function findUser(db: AnyDb, id: string): Promise<UserRow | null> {
  return (
    (await typed<AccessTables>(db).selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst()) ?? null
  );
}

// cross-tenant: a user's own setting, the same in every workspace they belong to
export async function updateUserLanguage(
  db: AnyDb,
  id: string,
  language: string | null,
  now: number,
): Promise<boolean> {
  const result = await typed<AccessTables>(db)
    .updateTable("users")
    .set({ language, updated_at: now })
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// cross-tenant: users belong to no one workspace (memberships say where they are)
export async function insertUser(trx: Executor, row: UserRow): Promise<void> {
  await typed<AccessTables>(trx).insertInto("users").values(row).execute();
}

export async function upsertMembership(
  trx: Executor,
  workspaceId: WorkspaceId,
  userId: string,
  role: Role,
  now: number,
): Promise<void> {
  await typed<AccessTables>(trx)
    .insertInto("memberships")
    .values({ user_id: userId, workspace_id: workspaceId, role, created_at: now })
    .onConflict((oc) => oc.columns(["user_id", "workspace_id"]).doUpdateSet({ role }))
    .execute();
}

/** The workspaces a user belongs to, with their role (names and order: `membershipsOf` in memberships.ts). */
// cross-tenant: the workspaces of one user, for that user (login, switcher)
export async function membershipRowsOf(
  db: AnyDb,
  userId: string,
): Promise<Array<{ workspaceId: WorkspaceId; role: Role }>> {
  const rows = await typed<AccessTables>(db)
    .selectFrom("memberships")
    .select(["workspace_id", "role"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => ({ workspaceId: asWorkspaceId(r.workspace_id), role: r.role }));
}

export async function membersOf(
  db: AnyDb,
  workspaceId: WorkspaceId,
): Promise<Array<{ id: string; email: string; name: string; role: Role }>> {
  return typed<AccessTables>(db)
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "memberships.role"])
    .where("memberships.workspace_id", "=", workspaceId)
    .orderBy("users.email")
    .execute();
}

// cross-tenant: sessions are the auth layer's; the row names its workspace
export async function insertSession(db: AnyDb, row: AccessTables["sessions"]): Promise<void> {
  await typed<AccessTables>(db).insertInto("sessions").values(row).execute();
}

// cross-tenant: session lookup by hashed token, before any workspace is known
export async function findLiveSession(db: AnyDb, tokenHash: string, now: number) {
  return (
    (await typed<AccessTables>(db)
      .selectFrom("sessions")
      .innerJoin("memberships", (j) =>
        j
          .onRef("memberships.user_id", "=", "sessions.user_id")
          .onRef("memberships.workspace_id", "=", "sessions.workspace_id"),
      )
      .select(["sessions.id", "sessions.user_id", "sessions.workspace_id", "memberships.role"])
      .where("sessions.token_hash", "=", tokenHash)
      .where("sessions.expires_at", ">", now)
      .executeTakeFirst()) ?? null
  );
}

export async function setSessionWorkspace(db: AnyDb, sessionId: string, workspaceId: WorkspaceId): Promise<void> {
  await typed<AccessTables>(db)
    .updateTable("sessions")
    .set({ workspace_id: workspaceId })
    .where("id", "=", sessionId)
    .execute();
}

// cross-tenant: logout of the caller's own session, by its id
export async function deleteSession(db: AnyDb, sessionId: string): Promise<void> {
  await typed<AccessTables>(db).deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function findMembership(
  db: AnyDb,
  workspaceId: WorkspaceId,
  userId: string,
): Promise<{ role: Role } | null> {
  return (
    (await typed<AccessTables>(db)
      .selectFrom("memberships")
      .select("role")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst()) ?? null
  );
}

export async function isMemberByEmail(db: AnyDb, workspaceId: WorkspaceId, email: string): Promise<boolean> {
  const row = await typed<AccessTables>(db)
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.workspace_id", "=", workspaceId)
    .where("users.email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countOwners(db: AnyDb, workspaceId: WorkspaceId): Promise<number> {
  const row = await typed<AccessTables>(db)
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setMemberRole(
  trx: Executor,
  workspaceId: WorkspaceId,
  userId: string,
  role: Role,
): Promise<void> {
  await memberships.update(trx, workspaceId, { user_id: userId }, { role });
}

/** Removes the membership and ends the user's sessions in that workspace. */
export async function deleteMembership(trx: Executor, workspaceId: WorkspaceId, userId: string): Promise<void> {
  await memberships.delete(trx, workspaceId, { user_id: userId });
  await sessions.delete(trx, workspaceId, { user_id: userId });
}

/** A user's sessions everywhere, except the one given (password changed, or reset by the operator). */
// cross-tenant: a user's sessions in every workspace end when their password changes
export async function deleteSessionsOfUser(
  trx: Executor,
  userId: string,
  exceptSessionId: string | null,
): Promise<void> {
  let q = typed<AccessTables>(trx).deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId) q = q.where("id", "!=", exceptSessionId);
  await q.execute();
}

// cross-tenant: a user's password is theirs in every workspace
export async function setPasswordHash(trx: Executor, userId: string, passwordHash: string, now: number): Promise<void> {
  await typed<AccessTables>(trx)
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now })
    .where("id", "=", userId)
    .execute();
}

export async function insertInvitation(
  trx: Executor,
  workspaceId: WorkspaceId,
  row: Omit<InvitationRow, "workspace_id">,
): Promise<void> {
  await typed<AccessTables>(trx)
    .insertInto("invitations")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

/** A workspace's still-open invitations (pending and not expired). */
export async function pendingInvitationsOf(db: AnyDb, workspaceId: WorkspaceId, now: number): Promise<InvitationRow[]> {
  return typed<AccessTables>(db)
    .selectFrom("invitations")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeOpenInvitations(
  trx: Executor,
  workspaceId: WorkspaceId,
  filter: { id?: string; email?: string },
  now: number,
): Promise<number> {
  const which = { ...OPEN, ...(filter.id ? { id: filter.id } : {}), ...(filter.email ? { email: filter.email } : {}) };
  return invitations.update(trx, workspaceId, which, { revoked_at: now });
}

/**
 * Open invitations addressed to an email, across workspaces: only ever called with the email of
 * the logged-in user (their own invitations), or through a token the invitee holds.
 */
// cross-tenant: the invitee's own invitations across workspaces, by their verified email
export async function openInvitationsForEmail(db: AnyDb, email: string, now: number): Promise<InvitationRow[]> {
  return typed<AccessTables>(db)
    .selectFrom("invitations")
    .selectAll()
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}

// cross-tenant: the invitation link is the credential: found by its hashed token
export async function findOpenInvitationByTokenHash(
  db: AnyDb,
  tokenHash: string,
  now: number,
): Promise<InvitationRow | null> {
  return (
    (await typed<AccessTables>(db)
      .selectFrom("invitations")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst()) ?? null
  );
}

/** Marks an open invitation accepted; false when someone else already used or revoked it. */
export async function markInvitationAccepted(
  trx: Executor,
  workspaceId: WorkspaceId,
  id: string,
  now: number,
): Promise<boolean> {
  return (await invitations.update(trx, workspaceId, { ...OPEN, id }, { accepted_at: now })) === 1;
}

/** Inserts the user unless the email is taken (a race between two sign-ups); says which. */
// cross-tenant: users belong to no one workspace
export async function insertUserIfNew(trx: Executor, row: UserRow): Promise<boolean> {
  const inserted = await typed<AccessTables>(trx)
    .insertInto("users")
    .values(row)
    .onConflict((oc) => oc.column("email").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}
