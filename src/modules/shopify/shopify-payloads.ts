import { z } from "zod";

/*
 * The parts of Shopify's webhook payloads Wharf reads (Admin REST shapes, as Shopify posts them
 * for the orders/*, checkouts/* and customers/* topics). Everything else in a payload is let
 * through untouched; a field Wharf reads but Shopify omitted or nulled is optional.
 */

const str = z.string().nullable().optional();
const shopifyId = z.union([z.number(), z.string()]);

/** Shopify's marketing consent: `email_marketing_consent` / `sms_marketing_consent` of a customer. */
export const MarketingConsent = z
  .looseObject({
    state: str.describe("subscribed | not_subscribed | unsubscribed | pending | redacted | invalid"),
    opt_in_level: str.describe("single_opt_in | confirmed_opt_in | unknown"),
    consent_updated_at: str,
    consent_collected_from: str,
  })
  .nullable()
  .optional();

export const ShopifyCustomer = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: str,
  email: str,
  phone: str,
  first_name: str,
  last_name: str,
  created_at: str,
  updated_at: str,
  email_marketing_consent: MarketingConsent,
  sms_marketing_consent: MarketingConsent,
});
export type ShopifyCustomer = z.infer<typeof ShopifyCustomer>;

const Address = z.looseObject({ phone: str, first_name: str, last_name: str }).nullable().optional();

export const LineItem = z.looseObject({
  title: z.string(),
  quantity: z.number(),
  price: z.union([z.string(), z.number()]).nullable().optional(),
  sku: str,
  product_id: shopifyId.nullable().optional(),
  variant_id: shopifyId.nullable().optional(),
});

export type ShopifyLineItem = z.infer<typeof LineItem>;

export const ShopifyOrder = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: str,
  name: str.describe("#1001"),
  email: str,
  phone: str,
  contact_email: str,
  created_at: str,
  updated_at: str,
  cancelled_at: str,
  cancel_reason: str,
  currency: str,
  total_price: z.union([z.string(), z.number()]).nullable().optional(),
  order_status_url: str,
  checkout_token: str,
  customer: ShopifyCustomer.nullable().optional(),
  billing_address: Address,
  shipping_address: Address,
  line_items: z.array(LineItem).optional(),
  fulfillments: z
    .array(
      z.looseObject({
        tracking_company: str,
        tracking_numbers: z.array(z.string()).nullable().optional(),
        tracking_urls: z.array(z.string()).nullable().optional(),
      }),
    )
    .optional(),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrder>;

export const ShopifyCheckout = z.looseObject({
  id: shopifyId.nullable().optional(),
  token: z.string().min(1),
  cart_token: str,
  email: str,
  phone: str,
  sms_marketing_phone: str,
  created_at: str,
  updated_at: str,
  completed_at: str,
  abandoned_checkout_url: str,
  currency: str,
  presentment_currency: str,
  total_price: z.union([z.string(), z.number()]).nullable().optional(),
  customer: ShopifyCustomer.nullable().optional(),
  billing_address: Address,
  shipping_address: Address,
  line_items: z.array(LineItem).optional(),
});
export type ShopifyCheckout = z.infer<typeof ShopifyCheckout>;
