import { z } from "zod";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection } from "../connection/index.js";
import type { CatalogDeps } from "./catalog-deps.js";
import { countProducts } from "./catalog.repo.js";
import { findSyncRow, type SyncCounts } from "./sync-state.repo.js";

const iso = (ms: number) => new Date(ms).toISOString();

export const CatalogOut = z.object({
  catalogId: z.string().nullable(),
  status: z
    .enum(["none", "connected", "needs_reconnect"])
    .describe("the catalog token's health, apart from WhatsApp's"),
  lastError: z.string().nullable(),
  sync: z.object({
    state: z.enum(["idle", "running", "paused"]),
    lastError: z.string().nullable(),
  }),
  lastSync: z
    .object({
      at: z.string(),
      counts: z.object({ sent: z.number(), synced: z.number(), failed: z.number(), deleted: z.number() }),
    })
    .nullable(),
  products: z.object({
    pending: z.number(),
    syncing: z.number(),
    synced: z.number(),
    error: z.number(),
    deleting: z.number(),
  }),
});
export type CatalogView = z.infer<typeof CatalogOut>;

/**
 * `GET /v1/catalog`: the catalog, its token's health, the last sync and products by sync status.
 * A sync that holds its lease reads `running` until it has put its products back and let go, even
 * once the token failed; only then `paused`. The products are counted after the sync row is read,
 * so a `paused` or `idle` here never comes with products its sync had not yet released.
 */
export async function describeCatalog(
  deps: Pick<CatalogDeps, "db" | "clock">,
  workspaceId: WorkspaceId,
): Promise<CatalogView> {
  const [conn, sync] = await Promise.all([findConnection(deps.db, workspaceId), findSyncRow(deps.db, workspaceId)]);
  const products = await countProducts(deps.db, workspaceId);
  const status = conn?.catalog_id ? conn.catalog_status : "none";
  const running = sync?.state === "running" && sync.lease_until > deps.clock.now();
  return {
    catalogId: conn?.catalog_id ?? null,
    status,
    lastError: status === "needs_reconnect" ? (conn?.catalog_last_error ?? null) : null,
    sync: {
      state: running ? "running" : status === "needs_reconnect" ? "paused" : (sync?.state ?? "idle"),
      lastError: sync?.last_error ?? null,
    },
    lastSync:
      sync?.last_sync_at != null && sync.last_counts
        ? { at: iso(sync.last_sync_at), counts: JSON.parse(sync.last_counts) as SyncCounts }
        : null,
    products,
  };
}
