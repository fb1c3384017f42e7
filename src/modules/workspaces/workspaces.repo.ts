import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";

export interface WorkspacesTables {
  workspaces: { id: string; name: string; created_at: number; updated_at: number };
  api_keys: { id: string; workspace_id: string; key_hash: string; hint: string; created_at: number; revoked_at: number | null };
}

export interface Workspace {
  id: WorkspaceId;
  name: string;
  createdAt: number;
}

const toWorkspace = (r: WorkspacesTables["workspaces"]): Workspace => ({ id: asWorkspaceId(r.id), name: r.name, createdAt: r.created_at });

export async function insertWorkspace(trx: Executor, row: WorkspacesTables["workspaces"]): Promise<void> {
  await typed<WorkspacesTables>(trx).insertInto("workspaces").values(row).execute();
}

export async function insertApiKey(trx: Executor, row: WorkspacesTables["api_keys"]): Promise<void> {
  await typed<WorkspacesTables>(trx).insertInto("api_keys").values(row).execute();
}

export async function findWorkspace(db: AnyDb, workspaceId: WorkspaceId): Promise<Workspace | null> {
  const row = await typed<WorkspacesTables>(db).selectFrom("workspaces").selectAll().where("id", "=", workspaceId).executeTakeFirst();
  return row ? toWorkspace(row) : null;
}

/** Operator-only listing across tenants; no workspace id by design. */
export async function listAllWorkspaces(db: AnyDb): Promise<Workspace[]> {
  const rows = await typed<WorkspacesTables>(db).selectFrom("workspaces").selectAll().orderBy("id").execute();
  return rows.map(toWorkspace);
}

const keyHashHot = hotQuery((db, [keyHash]: [string]) => typed<WorkspacesTables>(db).selectFrom("api_keys").select(["id", "workspace_id"]).where("key_hash", "=", keyHash).where("revoked_at", "is", null));

/** Every API request authenticates through this (a hot query). */
export async function findWorkspaceByKeyHash(db: AnyDb, keyHash: string): Promise<{ workspaceId: WorkspaceId; keyId: string } | null> {
  const row = (await keyHashHot(db, keyHash)).rows[0];
  return row ? { workspaceId: asWorkspaceId(row.workspace_id), keyId: row.id } : null;
}
