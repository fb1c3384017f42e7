import { numericId } from "../core/ids.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { ProductRecord } from "../state/content-model.js";

export const PRODUCT_DEFAULT_FIELDS = ["retailer_id", "name"] as const;

/** `/products` speaks minor units (999 + "USD"); Meta shows the price formatted, e.g. "$9.99". */
export function formatPrice(minor: unknown, currency: unknown): string | undefined {
  if (typeof minor !== "number" || typeof currency !== "string") return undefined;
  const amount = (minor / 100).toFixed(2);
  return currency === "USD" ? `$${amount}` : `${amount} ${currency}`;
}

/** `items_batch` speaks `"9.99 USD"`; stored the `/products` way so both views agree. */
export function parseBatchPrice(price: unknown): { price: number; currency: string } | undefined {
  if (typeof price !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(price);
  if (!match) return undefined;
  return { price: Math.round(Number(match[1]) * 100), currency: match[2]! };
}

/** Translates items_batch field names (`id`, `title`, `link`, `image_link`) to `/products` ones. */
export function fromBatchData(data: Record<string, unknown>): Record<string, unknown> {
  const rename: Record<string, string> = {
    id: "retailer_id",
    title: "name",
    link: "url",
    image_link: "image_url",
    quantity_to_sell_on_facebook: "inventory",
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "price" || key === "sale_price") {
      const parsed = parseBatchPrice(value);
      if (parsed) {
        out[key] = parsed.price;
        out["currency"] = parsed.currency;
      }
    } else out[rename[key] ?? key] = value;
  }
  return out;
}

export function productNode(p: ProductRecord): Record<string, unknown> {
  return {
    id: p.id,
    retailer_id: p.retailerId,
    name: p.data["name"],
    description: p.data["description"],
    availability: p.data["availability"],
    condition: p.data["condition"],
    price: formatPrice(p.data["price"], p.data["currency"]),
    currency: p.data["currency"],
    image_url: p.data["image_url"],
    url: p.data["url"],
    brand: p.data["brand"],
    sale_price: formatPrice(p.data["sale_price"], p.data["currency"]),
    inventory: p.data["inventory"],
  };
}

const key = (catalogId: string, retailerId: string) => `${catalogId}\u0000${retailerId}`;

/** The retailer-id index, rebuilt when products were filled from elsewhere (a state file). */
function index(state: EmulatorState): Map<string, string> {
  if (state.productIndex.size !== state.products.size) {
    state.productIndex.clear();
    for (const p of state.products.values()) state.productIndex.set(key(p.catalogId, p.retailerId), p.id);
  }
  return state.productIndex;
}

export function findProduct(state: EmulatorState, catalogId: string, retailerId: string): ProductRecord | undefined {
  const id = index(state).get(key(catalogId, retailerId));
  return id === undefined ? undefined : state.products.get(id);
}

export function removeProduct(state: EmulatorState, product: ProductRecord): void {
  index(state).delete(key(product.catalogId, product.retailerId));
  state.products.delete(product.id);
}

export function upsertProduct(
  state: EmulatorState,
  catalogId: string,
  data: Record<string, unknown>,
  now: number,
): ProductRecord {
  const retailerId = String(data["retailer_id"]);
  const existing = findProduct(state, catalogId, retailerId);
  if (existing) {
    existing.data = { ...existing.data, ...data };
    existing.updatedAt = now;
    return existing;
  }
  const record = { id: numericId(16), catalogId, retailerId, data, updatedAt: now };
  const idx = index(state);
  state.products.set(record.id, record);
  idx.set(key(catalogId, retailerId), record.id);
  return record;
}
