import { createHash, randomBytes } from "node:crypto";
import type { EventBus } from "../../platform/events.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import { checkEventData, recordCommerceEventIn, type CommerceContacts } from "../commerce/index.js";
import { retryOnUniqueViolation } from "../../platform/db/index.js";
import { SHOP_RECORD, WEBHOOK_SECRET, type ShopifyDeps } from "./configure-shop.js";
import { mapShopifyWebhook } from "./map-webhook.js";
import { findShopForWebhook, setWebhookOutcome, takeWebhookId } from "./shopify.repo.js";
import { verifyShopifyHmac } from "./shopify-signature.js";

export interface ReceiveDeps extends ShopifyDeps {
  events: EventBus;
  contacts: CommerceContacts;
}

export interface ShopifyDelivery {
  workspaceId: string;
  rawBody: Buffer;
  hmac: string | undefined;
  shopDomain: string | undefined;
  topic: string | undefined;
  webhookId: string | undefined;
}

export type ReceiveOutcome =
  | { ok: false; reason: "unauthenticated" }
  | { ok: true; status: "recorded" | "duplicate" | "ignored"; detail?: string; eventId?: string };

// An HMAC is computed for unknown workspaces too, under a throwaway key: the answer's time does not
// tell an unknown workspace from a wrong signature.
const DECOY_SECRET = randomBytes(32).toString("hex");

/**
 * One Shopify webhook. Nothing is read from the body or stored before the signature is checked
 * against the shop's secret and the shop domain header matches the connected shop; an unknown
 * workspace, a shop without a secret, a wrong signature and another shop's domain are one answer.
 * Then, in one transaction: the webhook id is taken (a redelivery stops here), the customer
 * becomes a contact, their SMS consent is recorded (source `store`) and the commerce event is
 * recorded and published. A payload Wharf cannot use is acknowledged as ignored (with why), so
 * Shopify does not retry it for hours and then drop the subscription.
 */
export async function receiveShopifyWebhook(deps: ReceiveDeps, delivery: ShopifyDelivery): Promise<ReceiveOutcome> {
  const shop = /^ws_[0-9a-z]{1,60}$/.test(delivery.workspaceId)
    ? await findShopForWebhook(deps.db, delivery.workspaceId)
    : null;
  const workspaceId: WorkspaceId | null = shop ? asWorkspaceId(shop.workspace_id) : null;
  const secret = workspaceId ? await deps.vault.findSecret(workspaceId, WEBHOOK_SECRET, SHOP_RECORD) : null;
  const signed = verifyShopifyHmac(delivery.rawBody, delivery.hmac, secret ?? DECOY_SECRET);
  if (!workspaceId || !secret || !signed || delivery.shopDomain?.trim().toLowerCase() !== shop?.shop_domain)
    return { ok: false, reason: "unauthenticated" };

  const now = deps.clock.now();
  const topic = (delivery.topic ?? "").trim().slice(0, 100);
  // Shopify always sends the id; without one, the body's hash stands in (a resend of the same bytes is the same delivery).
  const webhookId = (delivery.webhookId?.trim() || `sha256:${hashOf(delivery.rawBody)}`).slice(0, 200);

  let payload: unknown;
  try {
    payload = JSON.parse(delivery.rawBody.toString("utf8"));
  } catch {
    payload = undefined;
  }
  const mapped =
    payload === undefined
      ? { ok: false as const, reason: "the body is not JSON" }
      : mapShopifyWebhook(topic, payload, shop!.shop_domain, now);
  let data: Record<string, unknown> | null = null;
  let ignored: string | null = mapped.ok ? null : mapped.reason;
  if (mapped.ok) {
    try {
      data = await checkEventData(deps.db, workspaceId, mapped.mapped.event.type, mapped.mapped.event.data);
    } catch (err) {
      ignored = `the ${mapped.mapped.event.type} data did not pass its schema: ${(err as Error).message}`.slice(0, 500);
    }
  }

  return retryOnUniqueViolation(() =>
    deps.events.transaction(deps.db, async (trx) => {
      const first = await takeWebhookId(trx, workspaceId, {
        webhook_id: webhookId,
        topic,
        outcome: ignored === null ? "recorded" : `ignored: ${ignored}`.slice(0, 500),
        received_at: now,
      });
      if (!first) return { ok: true, status: "duplicate" } as const;
      if (!mapped.ok || data === null) return { ok: true, status: "ignored", detail: ignored ?? "" } as const;
      const { contact, profile, consent, event } = mapped.mapped;
      const recorded = await recordCommerceEventIn(trx, deps, workspaceId, {
        type: event.type,
        contact,
        profile,
        data,
        occurredAt: event.occurredAt,
        // The webhook id already makes the delivery once-only; the key lets POST /v1/events callers find it.
        idempotencyKey: `shopify:${webhookId}`,
        source: "shopify",
      });
      if (consent) await deps.contacts.recordConsent(trx, workspaceId, recorded.contact, consent);
      await setWebhookOutcome(trx, workspaceId, webhookId, `recorded ${event.type}`);
      return { ok: true, status: "recorded", eventId: recorded.id } as const;
    }),
  );
}

const hashOf = (body: Buffer) => createHash("sha256").update(body).digest("hex");
