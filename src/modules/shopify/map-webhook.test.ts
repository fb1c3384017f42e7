import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_EVENT_TYPES, isBuiltInEventType } from "../commerce/index.js";
import { mapShopifyWebhook } from "./map-webhook.js";
import { signShopifyBody, verifyShopifyHmac } from "./shopify-signature.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/shopify");
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Record<string, unknown>;
const SHOP = "mare-store.myshopify.com";
const checkEventDataOffline = (type: string, data: unknown) =>
  isBuiltInEventType(type) && BUILT_IN_EVENT_TYPES[type].data.safeParse(data).success;
const NOW = Date.parse("2026-12-04T20:00:00Z");

const mapped = (topic: string, payload: unknown) => {
  const r = mapShopifyWebhook(topic, payload, SHOP, NOW);
  if (!r.ok) throw new Error(r.reason);
  return r.mapped;
};

describe("Shopify webhooks as contacts, consent and commerce events", () => {
  it("checkouts/create without completed_at: checkout.created with the token and recovery URL, the buyer's phone, email and customer id", () => {
    const m = mapped("checkouts/create", fixture("checkouts-create"));
    expect(m.contact).toEqual({
      phone: "+5511987654321",
      email: "ana.souza@example.com",
      externalId: "shopify:7390328111254",
    });
    expect(m.profile).toEqual({ name: "Ana Souza" });
    expect(m.event.type).toBe("checkout.created");
    expect(m.event.occurredAt).toBe(Date.parse("2026-12-04T14:01:55-05:00"));
    expect(m.event.data).toMatchObject({
      checkoutToken: "b1946ac92492d2347c6235b4d2611184",
      total: "287.90",
      currency: "BRL",
      recoveryUrl: expect.stringContaining("/recover?key="),
      items: [
        {
          title: "Linen shirt",
          quantity: 1,
          price: "189.90",
          sku: "LS-M-SAND",
          productId: "8127332155542",
          variantId: "44120918392982",
        },
        {
          title: "Canvas tote",
          quantity: 2,
          price: "49.00",
          sku: "TOTE-NAT",
          productId: "8127332188310",
          variantId: "44120918425750",
        },
      ],
    });
    expect(checkEventDataOffline(m.event.type, m.event.data)).toBe(true);
    // sms_marketing_consent subscribed: an opt-in at Shopify's time, with what Shopify said as proof.
    expect(m.consent).toEqual({
      optIn: true,
      at: Date.parse("2026-12-04T14:03:10-05:00"),
      proof: `Shopify ${SHOP}: sms_marketing_consent subscribed (single_opt_in), collected from SHOPIFY`,
    });
  });

  it("the same checkout with completed_at is checkout.completed, at its completion time, without a recovery URL", () => {
    const m = mapped("checkouts/update", fixture("checkouts-update-completed"));
    expect(m.event.type).toBe("checkout.completed");
    expect(m.event.occurredAt).toBe(Date.parse("2026-12-04T14:09:31-05:00"));
    expect(m.event.data).not.toHaveProperty("recoveryUrl");
    expect(mapped("checkouts/update", { ...fixture("checkouts-create") }).event.type).toBe("checkout.updated");
  });

  it("orders: created, fulfilled with tracking, cancelled with the reason", () => {
    const created = mapped("orders/create", fixture("orders-create"));
    expect(created.event).toMatchObject({
      type: "order.created",
      data: {
        orderId: "6011436908694",
        orderNumber: "#1047",
        total: "287.90",
        currency: "BRL",
        checkoutToken: "b1946ac92492d2347c6235b4d2611184",
      },
    });
    const fulfilled = mapped("orders/fulfilled", fixture("orders-fulfilled"));
    expect(fulfilled.event).toMatchObject({
      type: "order.fulfilled",
      data: {
        trackingNumbers: ["NL123456789BR"],
        carrier: "Correios",
        trackingUrls: [expect.stringContaining("correios")],
      },
    });
    const cancelled = mapped("orders/cancelled", fixture("orders-cancelled"));
    expect(cancelled.event).toMatchObject({ type: "order.cancelled", data: { reason: "customer" } });
    expect(cancelled.event.occurredAt).toBe(Date.parse("2026-12-04T16:40:12-05:00"));
    for (const m of [created, fulfilled, cancelled])
      expect(checkEventDataOffline(m.event.type, m.event.data)).toBe(true);
  });

  it("customers: sms unsubscribed is an opt-out; not_subscribed and pending say nothing", () => {
    const updated = mapped("customers/update", fixture("customers-update"));
    expect(updated.event.type).toBe("customer.updated");
    expect(updated.consent).toMatchObject({ optIn: false, at: Date.parse("2026-12-06T08:00:00-05:00") });
    for (const state of ["not_subscribed", "pending", "redacted", "invalid"]) {
      const c = {
        ...fixture("customers-create"),
        sms_marketing_consent: { state, opt_in_level: "unknown", consent_updated_at: null },
      };
      expect(mapped("customers/create", c).consent).toBeNull();
    }
  });

  it("a local-format address phone is never guessed into a number; a checkout with nobody in it is ignored with why", () => {
    const c = fixture("checkouts-create");
    const anonymous = {
      ...c,
      customer: null,
      phone: null,
      sms_marketing_phone: null,
      email: null,
      shipping_address: { phone: "555-625-1199" },
      billing_address: null,
    };
    expect(mapShopifyWebhook("checkouts/create", anonymous, SHOP, NOW)).toEqual({
      ok: false,
      reason: "the checkout has no phone, email or customer yet",
    });
    expect(mapShopifyWebhook("products/create", {}, SHOP, NOW)).toMatchObject({ ok: false });
    expect(mapShopifyWebhook("orders/create", { id: "x" }, SHOP, NOW)).toMatchObject({ ok: false });
  });
});

describe("X-Shopify-Hmac-Sha256", () => {
  const body = Buffer.from(JSON.stringify(fixture("checkouts-create")));
  const secret = "shpss_0123456789abcdef0123456789abcdef";
  it("verifies the base64 HMAC of the exact bytes, and nothing else", () => {
    const header = signShopifyBody(body, secret);
    expect(verifyShopifyHmac(body, header, secret)).toBe(true);
    expect(verifyShopifyHmac(Buffer.concat([body, Buffer.from(" ")]), header, secret)).toBe(false);
    expect(verifyShopifyHmac(body, header, `${secret}x`)).toBe(false);
    expect(verifyShopifyHmac(body, undefined, secret)).toBe(false);
    expect(verifyShopifyHmac(body, "", secret)).toBe(false);
    // hex instead of base64, truncated, and an empty secret never verify
    expect(verifyShopifyHmac(body, Buffer.from(header, "base64").toString("hex"), secret)).toBe(false);
    expect(verifyShopifyHmac(body, header.slice(0, 20), secret)).toBe(false);
    expect(verifyShopifyHmac(body, signShopifyBody(body, ""), "")).toBe(false);
  });
});
