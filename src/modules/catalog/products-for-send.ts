import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection } from "../connection/index.js";
import { findProductRows } from "./catalog.repo.js";

/** Availabilities a customer can order (Meta's values): the rest cannot be sent as a product. */
const ORDERABLE = new Set(["in stock", "preorder", "available for order"]);

export type ProductProblem = "unknown" | "not_synced" | "not_available";

/**
 * What the product send rule reads (in the send's transaction): for the retailer ids of a product
 * message in `catalogId`, the ones that cannot be sent and why. Null when `catalogId` is not the
 * workspace's synced catalog: Wharf knows nothing about another catalog's products, so it leaves
 * them to Meta. "Synced" means Meta holds the product (it was confirmed once and is not being
 * deleted); an edit still on its way does not make it unknown to Meta.
 */
export async function productProblems(
  trx: Executor,
  workspaceId: WorkspaceId,
  catalogId: string | null,
  retailerIds: string[],
): Promise<Map<string, ProductProblem> | null> {
  const conn = await findConnection(trx, workspaceId);
  if (!conn?.catalog_id || (catalogId !== null && conn.catalog_id !== catalogId)) return null;
  const rows = new Map(
    (await findProductRows(trx, workspaceId, [...new Set(retailerIds)])).map((r) => [r.retailer_id, r]),
  );
  const problems = new Map<string, ProductProblem>();
  for (const id of retailerIds) {
    const r = rows.get(id);
    if (!r || (r.deleted === 1 && r.synced_hash === null)) problems.set(id, "unknown");
    else if (r.synced_hash === null || r.deleted === 1) problems.set(id, "not_synced");
    else if (!ORDERABLE.has(r.availability)) problems.set(id, "not_available");
  }
  return problems;
}
