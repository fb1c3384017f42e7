import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { deleteShop, findShop, lastWebhook, upsertShop } from "./shopify.repo.js";
import { SHOPIFY_TOPICS } from "./map-webhook.js";

export const WEBHOOK_SECRET = "shopify.webhook_secret";
export const SHOP_RECORD = "shop";

export interface ShopifyDeps {
  db: AnyDb;
  vault: Vault;
  clock: Clock;
  /** Where Shopify reaches this Wharf (WHARF_PUBLIC_URL): the webhook address shown to the user. */
  publicUrl: string;
}

/** `name.myshopify.com`: the shop's permanent domain, which Shopify puts in X-Shopify-Shop-Domain. */
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/;

export function normalizeShopDomain(input: string): string {
  const domain = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "");
  if (!SHOP_DOMAIN.test(domain))
    throw new AppError(
      "VALIDATION_FAILED",
      "shopDomain is the shop's permanent myshopify.com domain (e.g. acme.myshopify.com), not a custom domain.",
    );
  return domain;
}

async function view(deps: ShopifyDeps, workspaceId: WorkspaceId) {
  const shop = await findShop(deps.db, workspaceId);
  if (!shop) throw notFound("The Shopify connection");
  const last = await lastWebhook(deps.db, workspaceId);
  return {
    shopDomain: shop.shop_domain,
    webhookUrl: `${deps.publicUrl.replace(/\/+$/, "")}/integrations/shopify/${workspaceId}/webhooks`,
    topics: [...SHOPIFY_TOPICS],
    hasWebhookSecret: true,
    lastWebhook: last
      ? { topic: last.topic, outcome: last.outcome, receivedAt: new Date(Number(last.received_at)).toISOString() }
      : null,
    createdAt: new Date(Number(shop.created_at)).toISOString(),
    updatedAt: new Date(Number(shop.updated_at)).toISOString(),
  };
}

/** PUT /v1/integrations/shopify: the secret is sealed in the vault with the shop row, never returned. */
export async function connectShop(
  deps: ShopifyDeps,
  workspaceId: WorkspaceId,
  input: { shopDomain: string; webhookSecret: string },
) {
  const domain = normalizeShopDomain(input.shopDomain);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await upsertShop(trx, workspaceId, domain, now);
    await deps.vault.putSecret(trx, workspaceId, WEBHOOK_SECRET, SHOP_RECORD, input.webhookSecret);
  });
  return view(deps, workspaceId);
}

export const getShopConnection = view;

export async function disconnectShop(deps: ShopifyDeps, workspaceId: WorkspaceId): Promise<void> {
  const gone = await deps.db.transaction().execute(async (trx) => {
    const removed = await deleteShop(trx, workspaceId);
    if (removed) await deps.vault.deleteSecret(trx, workspaceId, WEBHOOK_SECRET, SHOP_RECORD);
    return removed;
  });
  if (!gone) throw notFound("The Shopify connection");
}
