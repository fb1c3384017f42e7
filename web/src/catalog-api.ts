import { api, uploadFile } from "./api";
import type { ApiQuery, ApiResponse } from "./api/generated";

// The Catalog page and the inbox's product picker: the workspace's products, each with its sync
// status at Meta, and the catalog (its own token's status, the last sync, counts by status).

/** A product as the workspace holds it; `price` is in minor units of `currency` (999 = 9.99). */
export type Product = ApiResponse<"/v1/catalog/products/{retailerId}", "get">;
export type SyncStatus = Product["sync"]["status"];
export const SYNC_STATUSES: SyncStatus[] = ["pending", "syncing", "synced", "error"];

/** The catalog: its own token's status (apart from WhatsApp's), the last sync, products by status. */
export type Catalog = ApiResponse<"/v1/catalog", "get">;
export type ProductQuery = ApiQuery<"/v1/catalog/products", "get">;
export type ProductImport = ApiResponse<"/v1/catalog/products/imports/{id}", "get">;

export const catalogApi = {
  get: () => api("GET", "/v1/catalog"),
  products: (query: ProductQuery = {}) => api("GET", "/v1/catalog/products", { query }),
  product: (retailerId: string) => api("GET", "/v1/catalog/products/{retailerId}", { params: { retailerId } }),
  sync: () => api("POST", "/v1/catalog/sync"),
  /** A store export, CSV or NDJSON, sent as the raw body. */
  importFile: (file: File, onProgress: (fraction: number) => void) => {
    const type = /\.(nd)?jsonl?$/i.test(file.name) || file.type.includes("json") ? "application/x-ndjson" : "text/csv";
    return uploadFile<ApiResponse<"/v1/catalog/products/imports", "post">>(
      "/v1/catalog/products/imports",
      new Blob([file], { type }),
      onProgress,
    );
  },
  importStatus: (id: string) => api("GET", "/v1/catalog/products/imports/{id}", { params: { id } }),
};

/**
 * What to do about Meta's refusal of a product, from its code and message. Meta's item errors name
 * the field (a missing or invalid price, image, link...); the token's 190 is the connection's.
 */
export function fixFor(error: { code: number | null; message: string }): string {
  const m = error.message.toLowerCase();
  if (error.code === 190 || m.includes("access token"))
    return "The catalog token was refused: reconnect it under Catalog token, then sync again.";
  if (m.includes("image"))
    return "Give the product an image link Meta can download: a public https URL of a JPEG or PNG, at least 500 × 500 pixels.";
  if (m.includes("price") || m.includes("currency"))
    return "Check the price and currency: a positive amount in the currency's minor units and a three-letter ISO code (USD, EUR).";
  if (m.includes("link") || m.includes("url"))
    return "Give the product a link to its page in your store: a public https URL.";
  if (m.includes("missing required"))
    return "Fill in the fields Meta names (title, description, availability, condition, price, link, image link), then sync again.";
  if (m.includes("does not exist"))
    return "Meta does not have this product any more: save it again (PUT) to create it on the next sync.";
  if (m.includes("policy") || m.includes("reject"))
    return "Meta's commerce policies refused the product: change what the message names, or remove the product.";
  return "Correct the product in your store (or with PUT /v1/catalog/products/{retailerId}) and sync again.";
}
