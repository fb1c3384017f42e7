import type { z } from "zod";
import type { ContactProfile, ContactRef } from "../commerce/index.js";
import {
  ShopifyCheckout,
  ShopifyCustomer,
  ShopifyOrder,
  type MarketingConsent,
  type ShopifyCustomer as Customer,
  type ShopifyLineItem,
} from "./shopify-payloads.js";

/** The topics Wharf subscribes a shop to (docs/shopify.md); any other is acknowledged and ignored. */
export const SHOPIFY_TOPICS = [
  "orders/create",
  "orders/fulfilled",
  "orders/cancelled",
  "checkouts/create",
  "checkouts/update",
  "customers/create",
  "customers/update",
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export interface MappedWebhook {
  contact: ContactRef;
  profile: ContactProfile;
  /** From the customer's `sms_marketing_consent` (the phone channel): only a clear yes or no. */
  consent: { optIn: boolean; at: number; proof: string } | null;
  event: { type: string; data: Record<string, unknown>; occurredAt: number };
}

export type MapResult = { ok: true; mapped: MappedWebhook } | { ok: false; reason: string };

/** Turns one of Shopify's webhooks into the contact, consent and commerce event it means. */
export function mapShopifyWebhook(topic: string, payload: unknown, shopDomain: string, receivedAt: number): MapResult {
  switch (topic) {
    case "orders/create":
    case "orders/fulfilled":
    case "orders/cancelled":
      return withSchema(ShopifyOrder, payload, (order) => mapOrder(topic, order, shopDomain, receivedAt));
    case "checkouts/create":
    case "checkouts/update":
      return withSchema(ShopifyCheckout, payload, (checkout) => mapCheckout(topic, checkout, shopDomain, receivedAt));
    case "customers/create":
    case "customers/update":
      return withSchema(ShopifyCustomer, payload, (customer) => mapCustomer(topic, customer, shopDomain, receivedAt));
    default:
      return { ok: false, reason: `topic ${topic.slice(0, 100)} is not one Wharf reads` };
  }
}

function withSchema<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  map: (value: z.infer<S>) => MapResult,
): MapResult {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `payload not in Shopify's shape (${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""})`,
    };
  }
  return map(parsed.data);
}

/** Shopify's own id: the tail of the GraphQL id when present (exact), else the REST number. */
const idOf = (o: { id?: string | number | null | undefined; admin_graphql_api_id?: string | null | undefined }) =>
  o.admin_graphql_api_id?.split("/").pop() || (o.id == null ? null : String(o.id));

/**
 * A phone Wharf can message: E.164 only. Shopify stores customer phones in E.164, but an address's
 * phone is whatever the buyer typed ("555-625-1199"), and guessing its country would message a stranger.
 */
function e164(...candidates: Array<string | null | undefined>): string | undefined {
  for (const c of candidates) {
    const p = c?.replace(/[\s().-]/g, "");
    if (p && /^\+[1-9]\d{6,14}$/.test(p)) return p;
  }
  return undefined;
}

const time = (...candidates: Array<string | null | undefined>): number | null => {
  for (const c of candidates) {
    const t = c ? Date.parse(c) : NaN;
    if (Number.isFinite(t)) return t;
  }
  return null;
};

const fullName = (...people: Array<{ first_name?: string | null; last_name?: string | null } | null | undefined>) => {
  for (const p of people) {
    const name = [p?.first_name, p?.last_name]
      .filter((s) => s && s.trim())
      .join(" ")
      .trim();
    if (name) return name.slice(0, 200);
  }
  return undefined;
};

/** Only fields with a value: the event schemas take absent fields, not nulls. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v != null));

const money = (v: string | number | null | undefined) => (v == null || v === "" ? undefined : String(v));
const currency = (v: string | null | undefined) => (v && /^[A-Z]{3}$/.test(v) ? v : undefined);
const url = (v: string | null | undefined) => (v && /^https?:\/\//.test(v) && v.length <= 2000 ? v : undefined);

const items = (lines: ShopifyLineItem[] | undefined) =>
  lines?.slice(0, 500).map((l) =>
    defined({
      title: l.title.slice(0, 500),
      quantity: Math.max(0, Math.trunc(l.quantity)),
      price: money(l.price),
      sku: l.sku || undefined,
      productId: l.product_id == null ? undefined : String(l.product_id),
      variantId: l.variant_id == null ? undefined : String(l.variant_id),
    }),
  );

function contactOf(
  customer: Customer | null | undefined,
  fallback: { email?: string | null | undefined; phones: Array<string | null | undefined> },
): ContactRef | null {
  const ref: ContactRef = {};
  const phone = e164(customer?.phone, ...fallback.phones);
  const email = customer?.email || fallback.email;
  const customerId = customer ? idOf(customer) : null;
  if (phone) ref.phone = phone;
  if (email && /^[^@\s]+@[^@\s]+$/.test(email) && email.length <= 320) ref.email = email;
  if (customerId) ref.externalId = `shopify:${customerId}`;
  return ref.phone || ref.email || ref.externalId ? ref : null;
}

/**
 * WhatsApp is a phone channel: the customer's SMS marketing consent is what speaks for it. Only
 * `subscribed` and `unsubscribed` are statements; `not_subscribed`, `pending` (double opt-in not
 * confirmed), `redacted` and `invalid` say nothing and leave the contact's consent as it is.
 */
function consentOf(
  consent: z.infer<typeof MarketingConsent>,
  shopDomain: string,
  fallbackAt: number,
): MappedWebhook["consent"] {
  if (consent?.state !== "subscribed" && consent?.state !== "unsubscribed") return null;
  const level = consent.opt_in_level ? ` (${consent.opt_in_level})` : "";
  const from = consent.consent_collected_from ? `, collected from ${consent.consent_collected_from}` : "";
  return {
    optIn: consent.state === "subscribed",
    at: time(consent.consent_updated_at) ?? fallbackAt,
    proof: `Shopify ${shopDomain}: sms_marketing_consent ${consent.state}${level}${from}`.slice(0, 1000),
  };
}

/**
 * Who an order or a checkout is for: its customer when Shopify names one, else its own email and
 * phones and then its addresses'. Null when nothing identifies anyone.
 */
function buyerOf(
  purchase: Pick<ShopifyOrder, "customer" | "shipping_address" | "billing_address">,
  own: { email: string | null | undefined; phones: Array<string | null | undefined> },
  shop: string,
  receivedAt: number,
): Omit<MappedWebhook, "event"> | null {
  const { customer, shipping_address: shipping, billing_address: billing } = purchase;
  const contact = contactOf(customer, { email: own.email, phones: [...own.phones, shipping?.phone, billing?.phone] });
  if (!contact) return null;
  return {
    contact,
    profile: defined({ name: fullName(customer, shipping, billing) }),
    consent: consentOf(customer?.sms_marketing_consent, shop, receivedAt),
  };
}

function mapOrder(topic: string, order: z.infer<typeof ShopifyOrder>, shop: string, receivedAt: number): MapResult {
  const buyer = buyerOf(order, { email: order.email ?? order.contact_email, phones: [order.phone] }, shop, receivedAt);
  if (!buyer) return { ok: false, reason: "the order names no customer (no phone, email or customer id)" };
  const base = defined({
    orderId: idOf(order),
    orderNumber: order.name || undefined,
    total: money(order.total_price),
    currency: currency(order.currency),
    items: items(order.line_items),
    statusUrl: url(order.order_status_url),
    checkoutToken: order.checkout_token || undefined,
  });
  const fulfilled = topic === "orders/fulfilled";
  const cancelled = topic === "orders/cancelled";
  const data = fulfilled
    ? defined({
        ...base,
        trackingNumbers: order.fulfillments?.flatMap((f) => f.tracking_numbers ?? []).slice(0, 50),
        trackingUrls: order.fulfillments
          ?.flatMap((f) => f.tracking_urls ?? [])
          .filter((u) => url(u))
          .slice(0, 50),
        carrier: order.fulfillments?.find((f) => f.tracking_company)?.tracking_company ?? undefined,
      })
    : cancelled
      ? defined({ ...base, reason: order.cancel_reason ?? undefined })
      : base;
  return {
    ok: true,
    mapped: {
      ...buyer,
      event: {
        type: fulfilled ? "order.fulfilled" : cancelled ? "order.cancelled" : "order.created",
        data,
        occurredAt:
          (cancelled ? time(order.cancelled_at) : fulfilled ? time(order.updated_at) : time(order.created_at)) ??
          receivedAt,
      },
    },
  };
}

/**
 * A checkout without `completed_at` is one the customer may still abandon: `checkout.created`
 * (checkouts/create) or `checkout.updated` (checkouts/update), carrying its token and recovery
 * URL; with `completed_at` it is `checkout.completed`. Shopify sends nothing when a checkout is
 * abandoned (there is no such moment): an automation waits and exits on completion.
 */
function mapCheckout(
  topic: string,
  checkout: z.infer<typeof ShopifyCheckout>,
  shop: string,
  receivedAt: number,
): MapResult {
  const buyer = buyerOf(
    checkout,
    { email: checkout.email, phones: [checkout.phone, checkout.sms_marketing_phone] },
    shop,
    receivedAt,
  );
  if (!buyer) return { ok: false, reason: "the checkout has no phone, email or customer yet" };
  const completedAt = time(checkout.completed_at);
  const type =
    completedAt !== null
      ? "checkout.completed"
      : topic === "checkouts/create"
        ? "checkout.created"
        : "checkout.updated";
  return {
    ok: true,
    mapped: {
      ...buyer,
      event: {
        type,
        data: defined({
          checkoutToken: checkout.token,
          total: money(checkout.total_price),
          currency: currency(checkout.presentment_currency ?? checkout.currency),
          items: items(checkout.line_items),
          recoveryUrl: completedAt === null ? url(checkout.abandoned_checkout_url) : undefined,
        }),
        occurredAt:
          completedAt ??
          (topic === "checkouts/create" ? time(checkout.created_at) : time(checkout.updated_at)) ??
          receivedAt,
      },
    },
  };
}

function mapCustomer(topic: string, customer: Customer, shop: string, receivedAt: number): MapResult {
  const contact = contactOf(customer, { phones: [] });
  if (!contact) return { ok: false, reason: "the customer has no id" };
  const created = topic === "customers/create";
  return {
    ok: true,
    mapped: {
      contact,
      profile: defined({ name: fullName(customer) }),
      consent: consentOf(customer.sms_marketing_consent, shop, receivedAt),
      event: {
        type: created ? "customer.created" : "customer.updated",
        data: defined({
          customerId: idOf(customer),
          firstName: customer.first_name,
          lastName: customer.last_name,
          emailMarketing: customer.email_marketing_consent?.state ?? undefined,
          smsMarketing: customer.sms_marketing_consent?.state ?? undefined,
        }),
        occurredAt: (created ? time(customer.created_at) : time(customer.updated_at)) ?? receivedAt,
      },
    },
  };
}
