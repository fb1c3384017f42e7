import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { CatalogDeps } from "./catalog-deps.js";

/**
 * Queues the workspace's catalog sync in the caller's transaction. At most one is pending per
 * workspace (the dedupe key), so a burst of changes within `delayMs` makes one sync: the debounce.
 */
export async function requestSync(
  deps: Pick<CatalogDeps, "jobs" | "syncJob">,
  executor: Executor,
  workspaceId: WorkspaceId,
  delayMs: number,
): Promise<boolean> {
  return deps.jobs.enqueue(
    executor,
    deps.syncJob,
    { workspaceId },
    { dedupeKey: `catalog.sync:${workspaceId}`, workspaceId, delayMs },
  );
}
