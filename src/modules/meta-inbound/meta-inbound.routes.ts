import { z } from "zod";
import type { AnyDb } from "../../platform/db/index.js";
import { requireOperator, type App } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WebhookReceiver } from "./receive-webhook.js";
import { BODY_LIMIT } from "./webhook-fast-path.js";
import { recentFlags, webhookStats } from "./webhook-ops.js";

/**
 * Meta's callback. Its own scope keeps the body as raw bytes whatever the content type (the
 * signature is over those bytes, and JSON is parsed later, by the processor), so a signed body
 * that is not JSON is stored and flagged instead of being refused and re-sent by Meta for days.
 */
export function metaInboundRoutes(app: App, receiver: WebhookReceiver, db: AnyDb): void {
  const tags = ["webhooks"];
  app.get(
    "/v1/webhooks/meta/stats",
    {
      config: { access: "operator" },
      schema: {
        tags,
        summary: "Operator: stored events by state, statuses waiting for their message",
        response: {
          200: z.object({
            events: z.record(z.string(), z.number()),
            unmatchedStatuses: z.record(z.string(), z.number()),
          }),
        },
      },
    },
    async (request) => {
      requireOperator(request);
      return webhookStats(db);
    },
  );
  app.get(
    "/v1/webhooks/meta/flags",
    {
      config: { access: "operator" },
      schema: {
        tags,
        summary:
          "Operator: what could not be delivered to a workspace (unknown number or WABA, malformed parts, Meta's errors)",
        querystring: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      requireOperator(request);
      const page = await recentFlags(db, request.query);
      return {
        data: page.data.map((f) => ({
          eventId: f.event_id,
          kind: f.kind,
          field: f.field,
          wabaId: f.waba_id,
          metaPhoneNumberId: f.meta_phone_number_id,
          detail: f.detail,
          createdAt: new Date(Number(f.created_at)).toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    scope.get(
      "/webhooks/meta",
      {
        schema: {
          tags,
          summary: "Meta's subscription handshake (hub.mode, hub.verify_token, hub.challenge)",
          security: [],
          querystring: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        },
      },
      async (request, reply) => {
        const result = receiver.handshake(request.query as Record<string, string>);
        if (!result.ok)
          throw new AppError(
            "WEBHOOK_VERIFY_FAILED",
            `The webhook handshake failed (${result.reason}); the verify token must equal WHARF_META_VERIFY_TOKEN.`,
          );
        return reply.type("text/plain; charset=utf-8").send(result.challenge);
      },
    );

    scope.post(
      "/webhooks/meta",
      {
        bodyLimit: BODY_LIMIT,
        schema: { tags, summary: "Meta's signed webhook notifications (X-Hub-Signature-256)", security: [] },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers["x-hub-signature-256"];
        const result = await receiver.receive(body, typeof header === "string" ? header : undefined);
        if (!result.ok)
          throw new AppError(
            "WEBHOOK_SIGNATURE_INVALID",
            `The X-Hub-Signature-256 header is ${result.reason === "missing_header" ? "missing" : "not a valid signature of this body"}; nothing was stored.`,
          );
        return reply.type("text/plain; charset=utf-8").send("EVENT_RECEIVED");
      },
    );
  });
}
