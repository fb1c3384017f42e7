import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import type { Role } from "../../platform/http/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";

export interface AccessTables {
  users: { id: string; email: string; name: string; password_hash: string; created_at: number; updated_at: number };
  memberships: { user_id: string; workspace_id: string; role: Role; created_at: number };
  sessions: { id: string; token_hash: string; user_id: string; workspace_id: string; created_at: number; expires_at: number };
  workspaces: { id: string; name: string };
}

export type UserRow = AccessTables["users"];

export async function findUserByEmail(db: AnyDb, email: string): Promise<UserRow | null> {
  return (await typed<AccessTables>(db).selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst()) ?? null;
}

export async function findUser(db: AnyDb, id: string): Promise<UserRow | null> {
  return (await typed<AccessTables>(db).selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function insertUser(trx: Executor, row: UserRow): Promise<void> {
  await typed<AccessTables>(trx).insertInto("users").values(row).execute();
}

export async function upsertMembership(trx: Executor, workspaceId: WorkspaceId, userId: string, role: Role, now: number): Promise<void> {
  await typed<AccessTables>(trx)
    .insertInto("memberships")
    .values({ user_id: userId, workspace_id: workspaceId, role, created_at: now })
    .onConflict((oc) => oc.columns(["user_id", "workspace_id"]).doUpdateSet({ role }))
    .execute();
}

/** The workspaces a user belongs to: the dashboard's workspace switcher. */
export async function membershipsOf(db: AnyDb, userId: string): Promise<Array<{ workspaceId: WorkspaceId; name: string; role: Role }>> {
  const rows = await typed<AccessTables>(db)
    .selectFrom("memberships")
    .innerJoin("workspaces", "workspaces.id", "memberships.workspace_id")
    .select(["memberships.workspace_id", "workspaces.name", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("workspaces.name")
    .execute();
  return rows.map((r) => ({ workspaceId: asWorkspaceId(r.workspace_id), name: r.name, role: r.role }));
}

export async function membersOf(db: AnyDb, workspaceId: WorkspaceId): Promise<Array<{ id: string; email: string; name: string; role: Role }>> {
  return typed<AccessTables>(db)
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "memberships.role"])
    .where("memberships.workspace_id", "=", workspaceId)
    .orderBy("users.email")
    .execute();
}

export async function insertSession(db: AnyDb, row: AccessTables["sessions"]): Promise<void> {
  await typed<AccessTables>(db).insertInto("sessions").values(row).execute();
}

export async function findLiveSession(db: AnyDb, tokenHash: string, now: number) {
  return (
    (await typed<AccessTables>(db)
      .selectFrom("sessions")
      .innerJoin("memberships", (j) => j.onRef("memberships.user_id", "=", "sessions.user_id").onRef("memberships.workspace_id", "=", "sessions.workspace_id"))
      .select(["sessions.id", "sessions.user_id", "sessions.workspace_id", "memberships.role"])
      .where("sessions.token_hash", "=", tokenHash)
      .where("sessions.expires_at", ">", now)
      .executeTakeFirst()) ?? null
  );
}

export async function setSessionWorkspace(db: AnyDb, sessionId: string, workspaceId: WorkspaceId): Promise<void> {
  await typed<AccessTables>(db).updateTable("sessions").set({ workspace_id: workspaceId }).where("id", "=", sessionId).execute();
}

export async function deleteSession(db: AnyDb, sessionId: string): Promise<void> {
  await typed<AccessTables>(db).deleteFrom("sessions").where("id", "=", sessionId).execute();
}
