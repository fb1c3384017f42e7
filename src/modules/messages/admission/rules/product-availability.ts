import { AppError } from "../../../../platform/errors/index.js";
import { productProblems, type ProductProblem } from "../../../catalog/index.js";
import type { Candidate } from "../intent.js";
import type { SendRule } from "../rule.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The catalog and retailer ids a message shows: interactive product / product_list (their
 * `catalog_id`), and the thumbnail and sections of catalog / mpm template buttons (null: the
 * WABA's catalog).
 */
export function productsOf(body: unknown): { catalogId: string | null; retailerIds: string[] } | null {
  const b = obj(body);
  const sections = (action: Json | null) =>
    arr(action?.["sections"]).flatMap((s) =>
      arr(obj(s)?.["product_items"]).map((i) => obj(i)?.["product_retailer_id"]),
    );
  if (b?.["type"] === "interactive") {
    const interactive = obj(b["interactive"]);
    const action = obj(interactive?.["action"]);
    const catalogId = action?.["catalog_id"];
    if (typeof catalogId !== "string") return null;
    const ids =
      interactive?.["type"] === "product"
        ? [action?.["product_retailer_id"]]
        : interactive?.["type"] === "product_list"
          ? sections(action)
          : [];
    const retailerIds = ids.filter((i): i is string => typeof i === "string");
    return retailerIds.length > 0 ? { catalogId, retailerIds } : null;
  }
  if (b?.["type"] === "template") {
    // Catalog and multi-product templates show the catalog connected to the WABA: the workspace's.
    const ids = arr(obj(b["template"])?.["components"]).flatMap((c) => {
      const component = obj(c);
      if (component?.["type"] !== "button" || !["mpm", "catalog"].includes(String(component["sub_type"]))) return [];
      return arr(component["parameters"]).flatMap((p) => {
        const action = obj(obj(p)?.["action"]);
        return [action?.["thumbnail_product_retailer_id"], ...sections(action)];
      });
    });
    const retailerIds = ids.filter((i): i is string => typeof i === "string");
    return retailerIds.length > 0 ? { catalogId: null, retailerIds } : null;
  }
  return null;
}

const SAYS: Record<ProductProblem, string> = {
  unknown: "is not in the workspace's catalog",
  not_synced: "has not reached the Meta catalog yet (see its sync status in GET /v1/catalog/products)",
  not_available: "is not available (out of stock or discontinued)",
};

/**
 * A product message must show products Meta can show: each product known to the workspace's
 * catalog, synced to Meta, and orderable. Refused before Meta sees it (Meta would fail it with
 * 131009 or show an empty card). One lookup per workspace and catalog of the batch.
 */
export const productAvailability: SendRule = {
  name: "product-availability",
  async apply(trx, _ctx, candidates) {
    const groups = new Map<string, { catalogId: string | null; items: Array<{ c: Candidate; ids: string[] }> }>();
    for (const c of candidates) {
      const shown = productsOf(c.intent.body);
      if (!shown) continue;
      const key = `${c.intent.workspaceId}\u0000${shown.catalogId ?? ""}`;
      const group = groups.get(key) ?? { catalogId: shown.catalogId, items: [] };
      group.items.push({ c, ids: shown.retailerIds });
      groups.set(key, group);
    }
    for (const { catalogId, items } of groups.values()) {
      const workspaceId = items[0]!.c.intent.workspaceId;
      const problems = await productProblems(
        trx,
        workspaceId,
        catalogId,
        items.flatMap((i) => i.ids),
      );
      if (!problems) continue;
      for (const { c, ids } of items) {
        const bad = ids.filter((id) => problems.has(id));
        if (bad.length === 0) continue;
        const first = bad[0]!;
        c.refusal = new AppError(
          "PRODUCT_NOT_AVAILABLE",
          `Product ${first} ${SAYS[problems.get(first)!]}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ""}; send products that are synced and in stock.`,
          { details: { products: bad.map((id) => ({ retailerId: id, problem: problems.get(id) })) } },
        );
      }
    }
  },
};
