import type { WharfModule } from "../../platform/module.js";
import { pruneShopifyWebhooksJob } from "./prune-webhooks.job.js";
import type { ReceiveDeps } from "./receive-webhook.js";
import { shopifyRoutes } from "./shopify.routes.js";

export { shopifyMigrations } from "./shopify.migrations.js";
export { signShopifyBody } from "./shopify-signature.js";
export { SHOPIFY_TOPICS } from "./map-webhook.js";

/** The Shopify connector: a shop's webhooks become contacts, consent and commerce events. */
export function shopifyModule(deps: ReceiveDeps): WharfModule {
  return { name: "shopify", routes: (app) => shopifyRoutes(app, deps), jobs: [pruneShopifyWebhooksJob(deps)] };
}
