import type { SendMessageRequest } from "../../graph/index.js";
import { findProduct } from "../catalog/products.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { PhoneNumberRecord } from "../state/model.js";
import { sendErrors } from "./message-errors.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === "object" ? (v as Obj) : {});

/**
 * A catalog or multi-product (MPM) template button's action names products too: the thumbnail,
 * and for MPM the sections' items (meta-cloud-api.md §8.4). The template's catalog is the WABA's.
 */
function templateProducts(msg: Extract<SendMessageRequest, { type: "template" }>): string[] {
  const ids: string[] = [];
  for (const c of msg.template.components ?? []) {
    const component = obj(c);
    const subType = typeof component["sub_type"] === "string" ? component["sub_type"].toLowerCase() : "";
    if (component["type"] !== "button" || (subType !== "catalog" && subType !== "mpm")) continue;
    for (const p of Array.isArray(component["parameters"]) ? (component["parameters"] as unknown[]) : []) {
      const action = obj(obj(p)["action"]);
      const thumbnail = action["thumbnail_product_retailer_id"];
      if (typeof thumbnail === "string") ids.push(thumbnail);
      for (const section of Array.isArray(action["sections"]) ? (action["sections"] as unknown[]) : [])
        for (const item of Array.isArray(obj(section)["product_items"])
          ? (obj(section)["product_items"] as unknown[])
          : []) {
          const id = obj(item)["product_retailer_id"];
          if (typeof id === "string") ids.push(id);
        }
    }
  }
  return ids;
}

/** The retailer ids a product, multi-product, catalog or catalog-template message names, with its catalog. */
function productsOf(msg: SendMessageRequest): { catalogId: string | null; retailerIds: string[] } | null {
  if (msg.type === "template") {
    const ids = templateProducts(msg);
    return ids.length > 0 ? { catalogId: null, retailerIds: ids } : null;
  }
  if (msg.type !== "interactive") return null;
  const i = msg.interactive;
  if (i.type === "product") return { catalogId: i.action.catalog_id, retailerIds: [i.action.product_retailer_id] };
  if (i.type === "product_list")
    return {
      catalogId: i.action.catalog_id,
      retailerIds: i.action.sections.flatMap((s) => s.product_items.map((p) => p.product_retailer_id)),
    };
  if (i.type === "catalog_message") {
    const thumbnail = i.action.parameters?.thumbnail_product_retailer_id;
    return { catalogId: null, retailerIds: thumbnail === undefined ? [] : [thumbnail] };
  }
  return null;
}

/**
 * Product messages are checked against the catalog at once, as Meta does (131009, "Parameter value
 * is not valid"): the catalog must be one of the business that owns the sender's WABA, and every
 * product must be in it. A catalog message names no catalog: its thumbnail is looked up in the
 * business's catalogs, as are the products of a catalog or multi-product template's button.
 */
export function checkProducts(state: EmulatorState, phone: PhoneNumberRecord, msg: SendMessageRequest): void {
  const wanted = productsOf(msg);
  if (!wanted) return;
  const businessId = state.wabas.get(phone.wabaId)?.businessId;
  const catalogs = [...state.catalogs.values()].filter((c) => c.businessId === businessId);
  if (wanted.catalogId !== null && !catalogs.some((c) => c.id === wanted.catalogId))
    throw sendErrors.unknownCatalog(wanted.catalogId);
  const searched = wanted.catalogId === null ? catalogs.map((c) => c.id) : [wanted.catalogId];
  const missing = wanted.retailerIds.filter((id) => !searched.some((c) => findProduct(state, c, id)));
  if (missing.length > 0) throw sendErrors.unknownProducts(missing);
}
