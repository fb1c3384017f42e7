import { retryOnUniqueViolation, type Executor } from "../../platform/db/index.js";
import { newId } from "../../platform/crypto/ids.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { CatalogDeps } from "./catalog-deps.js";
import {
  findProductRow,
  findProductRows,
  insertProducts,
  updateProductContent,
  type ProductValues,
} from "./catalog.repo.js";
import { contentHash, toContent, type ProductFields } from "./product-fields.js";
import { requestSync } from "./request-sync.js";

export type UpsertResult = "created" | "updated" | "unchanged";

export function productValues(retailerId: string, fields: ProductFields): ProductValues {
  const c = toContent(fields);
  return {
    title: c.title,
    description: c.description,
    price: c.price,
    currency: c.currency,
    sale_price: c.salePrice,
    availability: c.availability,
    condition: c.condition,
    link: c.link,
    image_link: c.imageLink,
    brand: c.brand,
    category: c.category,
    item_group_id: c.itemGroupId,
    inventory: c.inventory,
    custom_labels: c.customLabels.length > 0 ? JSON.stringify(c.customLabels) : null,
    content_hash: contentHash(retailerId, c),
  };
}

/**
 * Writes many products in the caller's transaction: new ones are inserted, changed ones updated,
 * identical ones (same content hash, not a tombstone) left alone, so a re-import of the same feed
 * changes nothing and sends nothing to Meta.
 */
export async function upsertProducts(
  trx: Executor,
  workspaceId: WorkspaceId,
  products: ReadonlyArray<{ retailerId: string; fields: ProductFields }>,
  now: number,
): Promise<UpsertResult[]> {
  const existing = new Map(
    (await findProductRows(trx, workspaceId, [...new Set(products.map((p) => p.retailerId))])).map((r) => [
      r.retailer_id,
      r,
    ]),
  );
  // New products are written together at the end (multi-row inserts); a retailer id that comes
  // twice in one batch keeps its last content.
  const inserts = new Map<string, ProductValues & { id: string; retailer_id: string }>();
  const results: UpsertResult[] = [];
  for (const p of products) {
    const values = productValues(p.retailerId, p.fields);
    const pending = inserts.get(p.retailerId);
    const row = existing.get(p.retailerId);
    if (pending) {
      if (pending.content_hash === values.content_hash) results.push("unchanged");
      else {
        inserts.set(p.retailerId, { ...values, id: pending.id, retailer_id: p.retailerId });
        results.push("updated");
      }
    } else if (!row) {
      inserts.set(p.retailerId, { ...values, id: newId("prd", now), retailer_id: p.retailerId });
      results.push("created");
    } else if (row.content_hash === values.content_hash && row.deleted === 0) {
      results.push("unchanged");
    } else {
      await updateProductContent(trx, workspaceId, p.retailerId, values, now);
      existing.set(p.retailerId, { ...row, content_hash: values.content_hash, deleted: 0 });
      results.push("updated");
    }
  }
  await insertProducts(trx, workspaceId, [...inserts.values()], now);
  return results;
}

/** `PUT /v1/catalog/products/{retailerId}`: create or replace, then a debounced sync. */
export async function upsertProduct(
  deps: CatalogDeps,
  workspaceId: WorkspaceId,
  retailerId: string,
  fields: ProductFields,
) {
  const now = deps.clock.now();
  // Two PUTs of one new retailer id race to insert it: the loser runs again and updates the winner's
  // row. The row is read inside the transaction, so a DELETE right after the commit cannot leave the
  // answer without its product.
  const done = await retryOnUniqueViolation(() =>
    deps.db.transaction().execute(async (trx) => {
      const [result] = await upsertProducts(trx, workspaceId, [{ retailerId, fields }], now);
      if (result !== "unchanged") await requestSync(deps, trx, workspaceId, deps.sync.debounceMs);
      return { result: result!, row: (await findProductRow(trx, workspaceId, retailerId))! };
    }),
  );
  deps.jobs.poke();
  return done;
}
