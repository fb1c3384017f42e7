import { z } from "zod";
import { defineJob, DeferJob, exponentialBackoff } from "../../platform/jobs/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import type { CatalogDeps } from "./catalog-deps.js";
import { hasPendingProducts, listCatalogWorkspaces } from "./catalog.repo.js";
import { requestSync } from "./request-sync.js";
import { syncCatalog } from "./sync-catalog.js";
import { setSyncState } from "./sync-state.repo.js";

/**
 * One workspace's catalog sync: on demand, after changes (debounced), after the catalog token is
 * put again, and from the scheduled sweep. A failure Meta calls transient is retried with backoff
 * (the job's); a catalog another process is syncing is tried again once its lease could lapse.
 */
export function syncCatalogJob(deps: Omit<CatalogDeps, "syncJob">) {
  return defineJob({
    name: "catalog.sync",
    payload: z.object({ workspaceId: z.string().min(1) }),
    maxAttempts: 8,
    backoff: exponentialBackoff(5_000, 10 * 60_000),
    async handler({ workspaceId }, ctx) {
      const ws = asWorkspaceId(workspaceId);
      const outcome = await syncCatalog(deps, ws, ctx.id, ctx.signal);
      if (outcome.result === "busy")
        throw new DeferJob(Math.min(deps.sync.leaseMs, 5_000), "another process syncs this catalog");
      // Changes that came in while the last batch was out: once more, after the debounce.
      if (outcome.result === "done" && (await hasPendingProducts(deps.db, ws)))
        throw new DeferJob(deps.sync.debounceMs, "products changed during the sync");
    },
  });
}

/** The safety net: every catalog with products is synced on a schedule (WHARF_CATALOG_SYNC_INTERVAL_MS). */
export function syncAllCatalogsJob(deps: CatalogDeps) {
  return defineJob({
    name: "catalog.sync-all",
    payload: z.object({}),
    everyMs: deps.sync.intervalMs,
    async handler() {
      for (const workspaceId of await listCatalogWorkspaces(deps.db))
        await requestSync(deps, deps.db, asWorkspaceId(workspaceId), 0);
      deps.jobs.poke();
    },
  });
}

/** A new catalog token resumes a paused sync at once (where it stopped: batches in flight are polled again). */
export function resumeSyncOnReconnect(deps: CatalogDeps): () => void {
  const resume = async (workspaceId: WorkspaceId) => {
    await setSyncState(deps.db, workspaceId, "idle", null, deps.clock.now());
    await requestSync(deps, deps.db, workspaceId, 0);
    deps.jobs.poke();
  };
  return deps.events.subscribeAll((workspaceId, event) => {
    // In-process and best effort: the scheduled sweep resumes it otherwise.
    if (event.type === "connection.catalog_connected") void resume(workspaceId).catch(() => undefined);
  });
}
