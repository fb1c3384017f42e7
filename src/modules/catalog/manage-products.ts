import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { CatalogDeps } from "./catalog-deps.js";
import { deleteProductRow, findProductRow, listProductRows, type SyncStatus } from "./catalog.repo.js";
import { productView, type ProductView } from "./product-view.js";
import { requestSync } from "./request-sync.js";

export async function getProduct(deps: Pick<CatalogDeps, "db">, workspaceId: WorkspaceId, retailerId: string) {
  const row = await findProductRow(deps.db, workspaceId, retailerId);
  // A tombstone waits for Meta to confirm the delete; to the API the product is gone already.
  if (!row || row.deleted === 1) throw notFound(`Product ${retailerId}`);
  return productView(row);
}

/** Gone from Wharf now, from Meta at the next sync (a tombstone until Meta confirms). */
export async function deleteProduct(deps: CatalogDeps, workspaceId: WorkspaceId, retailerId: string): Promise<void> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const result = await deleteProductRow(trx, workspaceId, retailerId, deps.clock.now());
    if (result === "tombstone") await requestSync(deps, trx, workspaceId, deps.sync.debounceMs);
    return result;
  });
  if (outcome === "missing") throw notFound(`Product ${retailerId}`);
  deps.jobs.poke();
}

const cursorOf = (retailerId: string) => Buffer.from(retailerId, "utf8").toString("base64url");
function afterOf(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  return Buffer.from(cursor, "base64url").toString("utf8");
}

export async function listProducts(
  deps: Pick<CatalogDeps, "db">,
  workspaceId: WorkspaceId,
  query: { syncStatus?: SyncStatus; q?: string; cursor?: string; limit: number },
): Promise<{ data: ProductView[]; nextCursor: string | null }> {
  const rows = await listProductRows(deps.db, workspaceId, {
    syncStatus: query.syncStatus,
    q: query.q,
    after: afterOf(query.cursor),
    limit: query.limit + 1,
  });
  const shown = rows.slice(0, query.limit);
  return {
    data: shown.map(productView),
    nextCursor: rows.length > query.limit ? cursorOf(shown[shown.length - 1]!.retailer_id) : null,
  };
}
