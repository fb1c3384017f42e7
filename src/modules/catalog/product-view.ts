import { z } from "zod";
import type { ProductRow } from "./catalog.repo.js";
import { formatPrice, rowContent } from "./product-fields.js";

const iso = (ms: number) => new Date(ms).toISOString();

export const ProductOut = z.object({
  retailerId: z.string(),
  title: z.string(),
  description: z.string(),
  price: z.number().describe("minor units of currency"),
  currency: z.string(),
  priceFormatted: z.string(),
  salePrice: z.number().nullable(),
  salePriceFormatted: z.string().nullable(),
  availability: z.string(),
  condition: z.string(),
  link: z.string(),
  imageLink: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  itemGroupId: z.string().nullable(),
  inventory: z.number().nullable(),
  customLabels: z.array(z.string()),
  contentHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sync: z.object({
    status: z.enum(["pending", "syncing", "synced", "error"]),
    error: z.object({ code: z.number().nullable(), message: z.string() }).optional(),
    syncedAt: z.string().nullable(),
  }),
});
export type ProductView = z.infer<typeof ProductOut>;

export function productView(r: ProductRow): ProductView {
  return {
    retailerId: r.retailer_id,
    ...rowContent(r),
    priceFormatted: formatPrice(r.price, r.currency),
    salePriceFormatted: r.sale_price === null ? null : formatPrice(r.sale_price, r.currency),
    contentHash: r.content_hash,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    sync: {
      status: r.sync_status,
      ...(r.sync_status === "error" && r.sync_error_message
        ? { error: { code: r.sync_error_code, message: r.sync_error_message } }
        : {}),
      syncedAt: r.synced_at === null ? null : iso(r.synced_at),
    },
  };
}
