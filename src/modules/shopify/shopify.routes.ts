import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { NO_CONTENT, requireRole, readRoute } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { connectShop, disconnectShop, getShopConnection } from "./configure-shop.js";
import { receiveShopifyWebhook, type ReceiveDeps } from "./receive-webhook.js";

const tags = ["integrations"];
/** Shopify's orders carry every line item; 2 MiB holds the largest real ones with room. */
export const SHOPIFY_BODY_LIMIT = 2 * 1024 * 1024;

const ShopOut = z.object({
  shopDomain: z.string(),
  webhookUrl: z.string().describe("where to point the shop's webhooks (Settings → Notifications → Webhooks)"),
  topics: z.array(z.string()),
  hasWebhookSecret: z.boolean().describe("the secret itself is never returned"),
  lastWebhook: z.object({ topic: z.string(), outcome: z.string(), receivedAt: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const header = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export function shopifyRoutes(app: App, deps: ReceiveDeps): void {
  app.put(
    "/v1/integrations/shopify",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary:
          "Connect the workspace's Shopify shop: its myshopify.com domain and webhook signing secret (stored encrypted)",
        body: z.strictObject({
          shopDomain: z.string().min(1).max(300),
          webhookSecret: z.string().min(16).max(500).describe("the shop's webhook signing secret; never shown again"),
        }),
        response: { 200: ShopOut },
      },
    },
    async (request) => connectShop(deps, requireRole(request, ["owner", "admin"]).workspaceId, request.body),
  );

  readRoute(
    app,
    "/v1/integrations/shopify",
    {
      tags,
      summary: "The Shopify connection (without its secret) and its last webhook",
      response: { 200: ShopOut },
    },
    (workspaceId) => getShopConnection(deps, workspaceId),
    ["owner", "admin"],
  );

  app.delete(
    "/v1/integrations/shopify",
    {
      config: { access: ["owner", "admin"], docs: { responses: NO_CONTENT } },
      schema: { tags, summary: "Disconnect the shop: its secret is deleted and its webhooks are refused from now on" },
    },
    async (request, reply) => {
      await disconnectShop(deps, requireRole(request, ["owner", "admin"]).workspaceId);
      return reply.status(204).send();
    },
  );

  // Shopify's webhooks: the raw bytes are what the signature covers, so no parser touches them first.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: SHOPIFY_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      "/integrations/shopify/:workspaceId/webhooks",
      {
        bodyLimit: SHOPIFY_BODY_LIMIT,
        schema: {
          tags,
          summary:
            "Shopify's webhooks (orders, checkouts, customers), checked with X-Shopify-Hmac-Sha256 and X-Shopify-Shop-Domain, once per X-Shopify-Webhook-Id",
          security: [],
          params: z.object({ workspaceId: z.string().max(100) }),
          response: {
            200: z.object({
              status: z
                .enum(["recorded", "duplicate", "ignored"])
                .describe(
                  "duplicate: this X-Shopify-Webhook-Id was stored before; ignored: a topic Wharf does not map",
                ),
              eventId: z.string().optional(),
            }),
          },
        },
      },
      async (request) => {
        const h = request.headers;
        const outcome = await receiveShopifyWebhook(deps, {
          workspaceId: (request.params as { workspaceId: string }).workspaceId,
          rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          hmac: header(h["x-shopify-hmac-sha256"]),
          shopDomain: header(h["x-shopify-shop-domain"]),
          topic: header(h["x-shopify-topic"]),
          webhookId: header(h["x-shopify-webhook-id"]),
        });
        if (!outcome.ok)
          throw new AppError(
            "WEBHOOK_SIGNATURE_INVALID",
            "X-Shopify-Hmac-Sha256 is missing or is not this body signed with the connected shop's webhook secret (or X-Shopify-Shop-Domain is not that shop); nothing was stored.",
          );
        return { status: outcome.status, ...(outcome.eventId ? { eventId: outcome.eventId } : {}) };
      },
    );
  });
}
