import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import { WORKSPACE_LANGUAGES, type Workspace, type WorkspaceLanguage } from "./workspace.js";

export { WORKSPACE_LANGUAGES, type Workspace, type WorkspaceLanguage } from "./workspace.js";

export interface WorkspacesTables {
  workspaces: {
    id: string;
    name: string;
    time_zone: string;
    default_language: string;
    created_at: number;
    updated_at: number;
  };
  api_keys: {
    id: string;
    workspace_id: string;
    key_hash: string;
    hint: string;
    label: string;
    created_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
  };
}

const toWorkspace = (r: WorkspacesTables["workspaces"]): Workspace => ({
  id: asWorkspaceId(r.id),
  name: r.name,
  timeZone: r.time_zone,
  defaultLanguage: (WORKSPACE_LANGUAGES as readonly string[]).includes(r.default_language)
    ? (r.default_language as WorkspaceLanguage)
    : "en",
  createdAt: r.created_at,
});

// cross-tenant: creates the workspace itself (the operator's route)
export async function insertWorkspace(trx: Executor, row: WorkspacesTables["workspaces"]): Promise<void> {
  await typed<WorkspacesTables>(trx).insertInto("workspaces").values(row).execute();
}

export async function insertApiKey(
  trx: Executor,
  workspaceId: WorkspaceId,
  row: Omit<WorkspacesTables["api_keys"], "workspace_id">,
): Promise<void> {
  await typed<WorkspacesTables>(trx)
    .insertInto("api_keys")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

export async function findWorkspace(db: AnyDb, workspaceId: WorkspaceId): Promise<Workspace | null> {
  const row = await typed<WorkspacesTables>(db)
    .selectFrom("workspaces")
    .selectAll()
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  return row ? toWorkspace(row) : null;
}

export interface WorkspaceSettings {
  name?: string;
  timeZone?: string;
  defaultLanguage?: WorkspaceLanguage;
}

/** Changes the settings given (name, time zone, default language); false when it does not exist. */
export async function updateWorkspace(
  db: AnyDb,
  workspaceId: WorkspaceId,
  settings: WorkspaceSettings,
  now: number,
): Promise<boolean> {
  const result = await typed<WorkspacesTables>(db)
    .updateTable("workspaces")
    .set({
      ...(settings.name !== undefined ? { name: settings.name } : {}),
      ...(settings.timeZone !== undefined ? { time_zone: settings.timeZone } : {}),
      ...(settings.defaultLanguage !== undefined ? { default_language: settings.defaultLanguage } : {}),
      updated_at: now,
    })
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The names of workspaces the caller already holds (a user's memberships, their invitations), for display. */
export async function workspaceNames(db: AnyDb, workspaceIds: WorkspaceId[]): Promise<Map<WorkspaceId, string>> {
  if (workspaceIds.length === 0) return new Map();
  const rows = await typed<WorkspacesTables>(db)
    .selectFrom("workspaces")
    .select(["id", "name"])
    .where("id", "in", workspaceIds)
    .execute();
  return new Map(rows.map((r) => [asWorkspaceId(r.id), r.name]));
}

/**
 * Takes the workspace row's lock until the transaction ends (a no-op update; SQLite's write
 * transactions are one at a time already): what serialises changes to a workspace's members.
 */
export async function lockWorkspace(trx: Executor, workspaceId: WorkspaceId): Promise<void> {
  await typed<WorkspacesTables>(trx)
    .updateTable("workspaces")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", workspaceId)
    .execute();
}

/** Operator-only listing across tenants; no workspace id by design. */
// cross-tenant: operator route
export async function listAllWorkspaces(db: AnyDb): Promise<Workspace[]> {
  const rows = await typed<WorkspacesTables>(db).selectFrom("workspaces").selectAll().orderBy("id").execute();
  return rows.map(toWorkspace);
}

const keyHashHot = hotQuery((db, [keyHash]: [string]) =>
  typed<WorkspacesTables>(db)
    .selectFrom("api_keys")
    .select(["id", "workspace_id"])
    .where("key_hash", "=", keyHash)
    .where("revoked_at", "is", null),
);

/** Every API request authenticates through this (a hot query). */
// cross-tenant: API key lookup by hashed key, before any workspace is known
export async function findWorkspaceByKeyHash(
  db: AnyDb,
  keyHash: string,
): Promise<{ workspaceId: WorkspaceId; keyId: string } | null> {
  const row = (await keyHashHot(db, keyHash)).rows[0];
  return row ? { workspaceId: asWorkspaceId(row.workspace_id), keyId: row.id } : null;
}

export type ApiKeyRow = Omit<WorkspacesTables["api_keys"], "key_hash">;

export async function listApiKeys(db: AnyDb, workspaceId: WorkspaceId): Promise<ApiKeyRow[]> {
  return typed<WorkspacesTables>(db)
    .selectFrom("api_keys")
    .select(["id", "workspace_id", "hint", "label", "created_at", "last_used_at", "revoked_at"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Revokes a live key of the workspace; false when there is none with that id (or it is another workspace's). */
export async function revokeApiKey(trx: Executor, workspaceId: WorkspaceId, id: string, now: number): Promise<boolean> {
  const r = await typed<WorkspacesTables>(trx)
    .updateTable("api_keys")
    .set({ revoked_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countLiveApiKeys(db: AnyDb, workspaceId: WorkspaceId): Promise<number> {
  const row = await typed<WorkspacesTables>(db)
    .selectFrom("api_keys")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("revoked_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function touchApiKey(db: AnyDb, workspaceId: WorkspaceId, id: string, now: number): Promise<void> {
  await typed<WorkspacesTables>(db)
    .updateTable("api_keys")
    .set({ last_used_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

/** For the operator's CLI: which workspace a key belongs to, by its id alone. */
// cross-tenant: the operator's CLI revokes a key by its id alone
export async function findApiKeyWorkspace(db: AnyDb, id: string): Promise<WorkspaceId | null> {
  const row = await typed<WorkspacesTables>(db)
    .selectFrom("api_keys")
    .select("workspace_id")
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? asWorkspaceId(row.workspace_id) : null;
}
