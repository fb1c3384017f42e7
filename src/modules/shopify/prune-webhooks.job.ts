import { z } from "zod";
import type { Clock } from "../../platform/clock.js";
import type { AnyDb } from "../../platform/db/index.js";
import { defineJob, type JobDefinition } from "../../platform/jobs/index.js";
import { pruneWebhookIds } from "./shopify.repo.js";

/**
 * How long a webhook id is remembered. Shopify retries a delivery that was not answered 2xx 8 times
 * over 4 hours (developer changelog, "Updates to webhook retry mechanism", 2024-09-10), with the
 * original payload; a week covers every redelivery, and a manual resend, with room.
 */
export const WEBHOOK_ID_RETENTION_MS = 7 * 24 * 3600_000;

export function pruneShopifyWebhooksJob(deps: { db: AnyDb; clock: Clock }): JobDefinition {
  return defineJob({
    name: "shopify.prune-webhook-ids",
    payload: z.object({}),
    everyMs: 3600_000,
    handler: async () => void (await pruneWebhookIds(deps.db, deps.clock.now() - WEBHOOK_ID_RETENTION_MS)),
  });
}
