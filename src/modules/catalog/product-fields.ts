import { createHash } from "node:crypto";
import { z } from "zod";
import type { CatalogItemData } from "../../channels/index.js";
import type { ProductRow } from "./catalog.repo.js";

/**
 * A product as Wharf keeps it, with Meta's catalog field rules (Commerce Manager's data feed spec,
 * the fields `items_batch` takes): retailer id <= 100 characters, title <= 200, description
 * <= 9,999, brand and custom labels <= 100, link and image link absolute http(s) URLs, a known
 * availability and condition, a price in an ISO 4217 currency and a sale price below it.
 */

export const AVAILABILITY = ["in stock", "out of stock", "preorder", "available for order", "discontinued"] as const;
export const CONDITION = ["new", "refurbished", "used"] as const;
export type Availability = (typeof AVAILABILITY)[number];

const CURRENCIES = Intl.supportedValuesOf("currency") as [string, ...string[]];

/** Meta's `id` of an item: the retailer's SKU, <= 100 characters, no control characters. */
export const RetailerId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}\s][^\p{Cc}]*$/u, "must not start with a space or contain control characters");

const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe("an absolute http(s) URL");

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, "must not contain control characters (use plain text)");
const LongText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !/[^\P{Cc}\t\n\r]/u.test(v), "must not contain control characters");

export const ProductFields = z
  .strictObject({
    title: Text(200).min(1),
    description: LongText(9999).min(1),
    // Meta's items need a price above zero.
    price: z.number().int().min(1).max(1e13).describe("minor units of currency (999 = 9.99 USD)"),
    currency: z.enum(CURRENCIES, "must be an ISO 4217 currency code such as USD"),
    salePrice: z.number().int().min(0).max(1e13).nullable().optional(),
    availability: z.enum(AVAILABILITY),
    condition: z.enum(CONDITION).default("new"),
    link: HttpUrl,
    imageLink: HttpUrl,
    brand: Text(100).nullable().optional(),
    category: Text(250).nullable().optional(),
    itemGroupId: RetailerId.nullable().optional(),
    inventory: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    customLabels: z.array(Text(100).min(1)).max(5).optional().describe("Meta's custom_label_0..4"),
  })
  .superRefine((p, ctx) => {
    if (p.salePrice !== undefined && p.salePrice !== null && p.salePrice >= p.price)
      ctx.addIssue({ code: "custom", path: ["salePrice"], message: "must be lower than price (Meta's rule)" });
  });
export type ProductFields = z.output<typeof ProductFields>;

/** The fields in one canonical shape (absent = null), so the same product always hashes the same. */
export interface ProductContent {
  title: string;
  description: string;
  price: number;
  currency: string;
  salePrice: number | null;
  availability: Availability;
  condition: (typeof CONDITION)[number];
  link: string;
  imageLink: string;
  brand: string | null;
  category: string | null;
  itemGroupId: string | null;
  inventory: number | null;
  customLabels: string[];
}

export function toContent(p: ProductFields): ProductContent {
  return {
    title: p.title,
    description: p.description,
    price: p.price,
    currency: p.currency,
    salePrice: p.salePrice ?? null,
    availability: p.availability,
    condition: p.condition,
    link: p.link,
    imageLink: p.imageLink,
    brand: p.brand || null,
    category: p.category || null,
    itemGroupId: p.itemGroupId || null,
    inventory: p.inventory ?? null,
    customLabels: p.customLabels ?? [],
  };
}

/** A stored product's content (its row's columns were written from a ProductContent). */
export function rowContent(r: ProductRow): ProductContent {
  return {
    title: r.title,
    description: r.description,
    price: r.price,
    currency: r.currency,
    salePrice: r.sale_price,
    availability: r.availability as Availability,
    condition: r.condition as ProductContent["condition"],
    link: r.link,
    imageLink: r.image_link,
    brand: r.brand,
    category: r.category,
    itemGroupId: r.item_group_id,
    inventory: r.inventory,
    customLabels: r.custom_labels ? (JSON.parse(r.custom_labels) as string[]) : [],
  };
}

/** What Meta is told, hashed: a product whose hash equals the synced one is not sent again. */
export function contentHash(retailerId: string, c: ProductContent): string {
  return createHash("sha256")
    .update(JSON.stringify([retailerId, ...(Object.values(c) as unknown[])]))
    .digest("base64url")
    .slice(0, 27);
}

/** Digits after the decimal point of a currency's minor unit (JPY 0, USD 2, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `items_batch` wants `"<amount> <ISO 4217>"`, e.g. "9.99 USD". */
export function metaPrice(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
}

/** For people: "$9.99", "¥1,000", "€12.50". */
export function formatPrice(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(minor / 10 ** digits);
}

/** One `items_batch` UPDATE's data (allow_upsert makes it a create when Meta lacks the item). */
export function toMetaItem(retailerId: string, c: ProductContent): CatalogItemData {
  const item: CatalogItemData = {
    id: retailerId,
    title: c.title,
    description: c.description,
    availability: c.availability,
    condition: c.condition,
    price: metaPrice(c.price, c.currency),
    link: c.link,
    image_link: c.imageLink,
  };
  if (c.salePrice !== null) item.sale_price = metaPrice(c.salePrice, c.currency);
  if (c.brand) item.brand = c.brand;
  if (c.category) item["google_product_category"] = c.category;
  if (c.itemGroupId) item.item_group_id = c.itemGroupId;
  if (c.inventory !== null) item.quantity_to_sell_on_facebook = c.inventory;
  c.customLabels.forEach((label, i) => (item[`custom_label_${i}`] = label));
  return item;
}
