import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type SyncState = "idle" | "running" | "paused";

export interface SyncCounts {
  sent: number;
  synced: number;
  failed: number;
  deleted: number;
}

export interface CatalogSyncRow {
  workspace_id: string;
  owner: string | null;
  lease_until: number;
  state: SyncState;
  last_sync_at: number | null;
  last_counts: string | null;
  last_error: string | null;
  updated_at: number;
}

interface Tables {
  catalog_syncs: CatalogSyncRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const syncs = workspaceTable<CatalogSyncRow>({ table: "catalog_syncs" });

export async function findSyncRow(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<CatalogSyncRow | null> {
  const r = await syncs.find(db, workspaceId, {});
  return r
    ? {
        ...r,
        lease_until: Number(r.lease_until),
        last_sync_at: r.last_sync_at === null ? null : Number(r.last_sync_at),
      }
    : null;
}

/** A workspace's first sync row: never synced, nobody holding the lease. */
const idleSync = (workspaceId: WorkspaceId, now: number) => ({
  workspace_id: workspaceId,
  owner: null,
  lease_until: 0,
  state: "idle" as SyncState,
  last_sync_at: null,
  last_counts: null,
  last_error: null,
  updated_at: now,
});

/**
 * Takes the catalog's sync lease: succeeds when nobody holds it, this owner does, or the holder's
 * lease ran out (it died). One conditional update, so of two processes racing exactly one wins,
 * on SQLite (one writer) and PostgreSQL (the row lock of the update) alike.
 */
export async function acquireSyncLease(
  db: AnyDb,
  workspaceId: WorkspaceId,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  await q(db)
    .insertInto("catalog_syncs")
    .values(idleSync(workspaceId, now))
    .onConflict((oc) => oc.column("workspace_id").doNothing())
    .execute();
  const res = await q(db)
    .updateTable("catalog_syncs")
    .set({ owner, lease_until: now + leaseMs, state: "running", updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where((eb) => eb.or([eb("owner", "is", null), eb("owner", "=", owner), eb("lease_until", "<", now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Extends the lease while this owner still holds it; false means another process took over. */
export async function renewSyncLease(
  db: AnyDb,
  workspaceId: WorkspaceId,
  owner: string,
  until: number,
): Promise<boolean> {
  return (await syncs.update(db, workspaceId, { owner }, { lease_until: until })) > 0;
}

/** Lets the catalog go, recording how the sync ended (only by the owner that held it). */
export async function releaseSyncLease(
  db: AnyDb,
  workspaceId: WorkspaceId,
  owner: string,
  end: { state: SyncState; now: number; counts?: SyncCounts; error?: string | null },
): Promise<void> {
  await syncs.update(
    db,
    workspaceId,
    { owner },
    {
      owner: null,
      lease_until: 0,
      state: end.state,
      updated_at: end.now,
      ...(end.counts ? { last_sync_at: end.now, last_counts: JSON.stringify(end.counts) } : {}),
      ...(end.error !== undefined ? { last_error: end.error } : {}),
    },
  );
}

/** Paused (the catalog token needs a reconnect) or running again, without holding the lease. */
export async function setSyncState(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  state: SyncState,
  error: string | null,
  now: number,
): Promise<void> {
  await q(db)
    .insertInto("catalog_syncs")
    .values({ ...idleSync(workspaceId, now), state, last_error: error })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet({ state, last_error: error, updated_at: now }))
    .execute();
}

/** Workspaces with a catalog sync row (the scheduled sweep's list). */
// cross-tenant: the scheduled sweep visits every workspace's catalog
export async function listSyncWorkspaces(db: AnyDb): Promise<string[]> {
  const rows = await q(db).selectFrom("catalog_syncs").select("workspace_id").execute();
  return rows.map((r) => r.workspace_id);
}
