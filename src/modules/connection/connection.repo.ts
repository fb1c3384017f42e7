import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type ConnectionStatus = "disconnected" | "connected" | "needs_reconnect";
export type CatalogStatus = "none" | "connected" | "needs_reconnect";

export interface ConnectionRow {
  workspace_id: string;
  status: ConnectionStatus;
  waba_id: string | null;
  waba_name: string | null;
  business_id: string | null;
  scopes: string;
  token_expires_at: number | null;
  last_checked_at: number | null;
  last_error: string | null;
  connected_at: number | null;
  catalog_id: string | null;
  catalog_status: CatalogStatus;
  catalog_checked_at: number | null;
  catalog_last_error: string | null;
  updated_at: number;
}

export interface ConnectionTables {
  connections: ConnectionRow;
  oauth_states: { state_hash: string; workspace_id: string; redirect_uri: string; session_id: string | null; expires_at: number; used_at: number | null };
}

const q = (db: AnyDb | Executor) => typed<ConnectionTables>(db);

const connectionHot = hotQuery((db, [workspaceId]: [string]) => q(db).selectFrom("connections").selectAll().where("workspace_id", "=", workspaceId));

/** Read on every send (a hot query). */
export async function findConnection(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<ConnectionRow | null> {
  return (await connectionHot(db, workspaceId)).rows[0] ?? null;
}

export async function upsertConnection(trx: Executor, workspaceId: WorkspaceId, values: Partial<Omit<ConnectionRow, "workspace_id">> & { updated_at: number }): Promise<void> {
  const row = { status: "disconnected" as ConnectionStatus, scopes: "[]", catalog_status: "none" as CatalogStatus, ...values, workspace_id: workspaceId };
  await q(trx)
    .insertInto("connections")
    .values(row)
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
    .execute();
}

/** Only moves a connected workspace to needs_reconnect: a late 190 cannot undo a fresh reconnect's status twice. */
export async function markNeedsReconnect(db: AnyDb, workspaceId: WorkspaceId, error: string, now: number): Promise<boolean> {
  const res = await q(db)
    .updateTable("connections")
    .set({ status: "needs_reconnect", last_error: error, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "connected")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function markCatalogNeedsReconnect(db: AnyDb, workspaceId: WorkspaceId, error: string, now: number): Promise<boolean> {
  const res = await q(db)
    .updateTable("connections")
    .set({ catalog_status: "needs_reconnect", catalog_last_error: error, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("catalog_status", "=", "connected")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function listConnectedWorkspaces(db: AnyDb): Promise<WorkspaceId[]> {
  const rows = await q(db).selectFrom("connections").select("workspace_id").where("status", "=", "connected").execute();
  return rows.map((r) => r.workspace_id as WorkspaceId);
}

export async function insertOAuthState(db: AnyDb, row: ConnectionTables["oauth_states"]): Promise<void> {
  await q(db).insertInto("oauth_states").values(row).execute();
}

/**
 * Single use, in one statement: of two requests racing with the same state (in any process),
 * exactly one gets the row back.
 */
export async function consumeOAuthState(
  db: AnyDb,
  stateHash: string,
  now: number,
  workspaceId: WorkspaceId | null,
  sessionId: string | null,
): Promise<{ workspace_id: string; redirect_uri: string } | null> {
  const row = await q(db)
    .updateTable("oauth_states")
    .set({ used_at: now })
    .where("state_hash", "=", stateHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    // A state issued to another workspace is not consumed by this one's attempt.
    .$if(workspaceId !== null, (qb) => qb.where("workspace_id", "=", workspaceId!))
    // A state started from a dashboard session completes only in that session (login CSRF).
    .where((eb) => eb.or([eb("session_id", "is", null), eb("session_id", "=", sessionId ?? "")]))
    .returning(["workspace_id", "redirect_uri"])
    .executeTakeFirst();
  return row ?? null;
}

export async function findOAuthState(db: AnyDb, stateHash: string) {
  return (await q(db).selectFrom("oauth_states").selectAll().where("state_hash", "=", stateHash).executeTakeFirst()) ?? null;
}

/** Workspaces connected to a WABA (template and account webhooks name the WABA, not a number). */
export async function workspacesOfWaba(db: AnyDb, wabaId: string): Promise<WorkspaceId[]> {
  const rows = await q(db).selectFrom("connections").select("workspace_id").where("waba_id", "=", wabaId).where("status", "!=", "disconnected").execute();
  return rows.map((r) => r.workspace_id as WorkspaceId);
}
