import { request, uploadFile } from "./api";

// The Catalog page and the inbox's product picker: the workspace's products, each with its sync
// status at Meta, and the catalog (its own token's status, the last sync, counts by status).

export type SyncStatus = "pending" | "syncing" | "synced" | "error";
export const SYNC_STATUSES: SyncStatus[] = ["pending", "syncing", "synced", "error"];

export interface Product {
  retailerId: string;
  title: string;
  description: string;
  /** Minor units of `currency` (999 = 9.99). */
  price: number;
  currency: string;
  priceFormatted: string;
  salePrice: number | null;
  salePriceFormatted: string | null;
  availability: string;
  condition: string;
  link: string;
  imageLink: string;
  brand: string | null;
  category: string | null;
  itemGroupId: string | null;
  inventory: number | null;
  customLabels: string[];
  createdAt: string;
  updatedAt: string;
  sync: { status: SyncStatus; error?: { code: number | null; message: string }; syncedAt: string | null };
}

export interface Catalog {
  catalogId: string | null;
  /** The catalog token's health, apart from WhatsApp's. */
  status: "none" | "connected" | "needs_reconnect";
  lastError: string | null;
  sync: { state: "idle" | "running" | "paused"; lastError: string | null };
  lastSync: { at: string; counts: { sent: number; synced: number; failed: number; deleted: number } } | null;
  products: Record<SyncStatus | "deleting", number>;
}

export interface ProductQuery {
  syncStatus?: SyncStatus | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface ProductImport {
  id: string;
  status: string;
  counts?: Record<string, number>;
  errors?: { line: number; message: string }[];
}

const productPath = (retailerId: string) => `/v1/catalog/products/${encodeURIComponent(retailerId)}`;

export const catalogApi = {
  get: () => request<Catalog>("GET", "/v1/catalog"),
  products(query: ProductQuery = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== "") params.set(key, String(value));
    const text = params.toString();
    return request<{ data: Product[]; nextCursor: string | null }>(
      "GET",
      `/v1/catalog/products${text ? `?${text}` : ""}`,
    );
  },
  product: (retailerId: string) => request<Product>("GET", productPath(retailerId)),
  sync: () => request<Catalog>("POST", "/v1/catalog/sync"),
  /** A store export, CSV or NDJSON, sent as the raw body. */
  importFile: (file: File, onProgress: (fraction: number) => void) => {
    const type = /\.(nd)?jsonl?$/i.test(file.name) || file.type.includes("json") ? "application/x-ndjson" : "text/csv";
    return uploadFile<ProductImport>("/v1/catalog/products/imports", new Blob([file], { type }), onProgress);
  },
  importStatus: (id: string) => request<ProductImport>("GET", `/v1/catalog/products/imports/${encodeURIComponent(id)}`),
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
