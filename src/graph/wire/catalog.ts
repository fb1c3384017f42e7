import { z } from "zod";
import { GraphId, graphList } from "./common.js";

/**
 * Catalog endpoints (Marketing API): `POST /{catalog_id}/products`, `POST /{catalog_id}/items_batch`,
 * `GET /{catalog_id}/check_batch_request_status`. Beware the two vocabularies: `/products` takes
 * `retailer_id/name/url/image_url` and an integer minor-unit `price` + `currency`, while
 * `items_batch` takes `id/title/link/image_link` and a `"9.99 USD"` price string.
 */

export const CatalogProduct = z.strictObject({
  retailer_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  availability: z.enum(["in stock", "out of stock", "preorder", "available for order", "discontinued"]).optional(),
  condition: z.enum(["new", "refurbished", "used"]).optional(),
  /** Minor units (cents). */
  price: z.number().int().nonnegative(),
  currency: z.string().length(3),
  image_url: z.url(),
  url: z.url().optional(),
  brand: z.string().optional(),
  sale_price: z.number().int().nonnegative().optional(),
  inventory: z.number().int().nonnegative().optional(),
});
export type CatalogProduct = z.infer<typeof CatalogProduct>;

export const CatalogProductResponse = z.looseObject({ id: GraphId });

/**
 * A product as `GET /{catalog_id}/products` returns it. Reads format `price` for display
 * (`"$9.99"`), unlike the integer minor units the write side takes, so it is only a string here.
 */
export const CatalogProductItem = z.looseObject({
  id: GraphId,
  retailer_id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  availability: z.string().optional(),
  price: z.string().optional(),
  currency: z.string().optional(),
  image_url: z.string().optional(),
  url: z.string().optional(),
});
export type CatalogProductItem = z.infer<typeof CatalogProductItem>;

export const CatalogProductList = graphList(CatalogProductItem);
export type CatalogProductList = z.infer<typeof CatalogProductList>;
export type CatalogProductResponse = z.infer<typeof CatalogProductResponse>;

/** `"<amount> <ISO 4217>"`, e.g. `"9.99 USD"`. */
const BatchPrice = z.string().regex(/^\d+(\.\d+)? [A-Z]{3}$/);

export const CatalogItemData = z.looseObject({
  id: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  availability: z.string().optional(),
  condition: z.string().optional(),
  price: BatchPrice.optional(),
  sale_price: BatchPrice.optional(),
  link: z.string().optional(),
  image_link: z.string().optional(),
  brand: z.string().optional(),
  quantity_to_sell_on_facebook: z.number().int().optional(),
  item_group_id: z.string().optional(),
});
export type CatalogItemData = z.infer<typeof CatalogItemData>;

export const ItemsBatchRequest = z.strictObject({
  item_type: z.literal("PRODUCT_ITEM"),
  /** Default true: an UPDATE for an unknown id creates the item. */
  allow_upsert: z.boolean().optional(),
  requests: z
    .array(z.strictObject({ method: z.enum(["CREATE", "UPDATE", "DELETE"]), data: CatalogItemData }))
    .min(1)
    .max(5000),
});
export type ItemsBatchRequest = z.infer<typeof ItemsBatchRequest>;

/** A 200 only means accepted: processing is asynchronous, poll the handle. */
export const ItemsBatchResponse = z.looseObject({
  handles: z.array(z.string().min(1)).min(1),
  validation_status: z
    .array(
      z.looseObject({
        retailer_id: z.string().optional(),
        errors: z.array(z.unknown()).optional(),
        warnings: z.array(z.unknown()).optional(),
      }),
    )
    .optional(),
});
export type ItemsBatchResponse = z.infer<typeof ItemsBatchResponse>;

const BatchIssue = z.looseObject({ id: z.string().optional(), message: z.string() });

export const BatchStatus = z.looseObject({
  handle: z.string(),
  status: z.string(), // started | dispatched | finished | ...
  errors_total_count: z.number().int().optional(),
  warnings_total_count: z.number().int().optional(),
  errors: z.array(BatchIssue).optional(),
  warnings: z.array(BatchIssue).optional(),
  ids_of_invalid_requests: z.array(z.string()).optional(),
});
export type BatchStatus = z.infer<typeof BatchStatus>;

export const BatchStatusResponse = z.looseObject({ data: z.array(BatchStatus) });
export type BatchStatusResponse = z.infer<typeof BatchStatusResponse>;

/** `GET /{waba_id}/product_catalogs`: the catalog connected to the WABA (at most one in practice). */
export const WabaCatalogList = z.looseObject({
  data: z.array(z.looseObject({ id: GraphId, name: z.string().optional() })),
});
export type WabaCatalogList = z.infer<typeof WabaCatalogList>;

/** `GET /{phone_number_id}/whatsapp_commerce_settings`. */
export const CommerceSettingsResponse = z.looseObject({
  data: z.array(
    z.looseObject({ id: z.string().optional(), is_cart_enabled: z.boolean(), is_catalog_visible: z.boolean() }),
  ),
});
export type CommerceSettingsResponse = z.infer<typeof CommerceSettingsResponse>;

export interface CommerceSettingsUpdate {
  is_cart_enabled?: boolean;
  is_catalog_visible?: boolean;
}
