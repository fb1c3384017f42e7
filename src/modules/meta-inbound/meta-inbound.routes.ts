import { z } from "zod";
import type { AnyDb } from "../../platform/db/index.js";
import { requireOperator, type App } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WebhookReceiver } from "./receive-webhook.js";
import type { Vault } from "../../platform/crypto/index.js";
import { D360_SECRET_HEADER, receiveD360Webhook } from "./receive-d360-webhook.js";
import { BODY_LIMIT } from "./webhook-fast-path.js";
import { recentFlags, webhookStats } from "./webhook-ops.js";

/**
 * Meta's callback. Its own scope keeps the body as raw bytes whatever the content type (the
 * signature is over those bytes, and JSON is parsed later, by the processor), so a signed body
 * that is not JSON is stored and flagged instead of being refused and re-sent by Meta for days.
 */
const QueryValue = z.union([z.string(), z.array(z.string())]);

export function metaInboundRoutes(app: App, receiver: WebhookReceiver, db: AnyDb, vault: Vault): void {
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
        response: {
          200: z.object({
            data: z.array(
              z.object({
                eventId: z.string(),
                kind: z.string().describe("why the part was not delivered: unknown_number, malformed, meta_error ..."),
                field: z.string().nullable(),
                wabaId: z.string().nullable(),
                metaPhoneNumberId: z.string().nullable(),
                detail: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
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
        config: {
          docs: {
            responses: {
              "200": {
                description: "hub.challenge, echoed",
                content: { "text/plain": { schema: { type: "string" } } },
              },
            },
            errors: ["WEBHOOK_VERIFY_FAILED"],
          },
        },
        schema: {
          tags,
          summary: "Meta's subscription handshake (hub.mode, hub.verify_token, hub.challenge)",
          security: [],
          // Named for /docs; any other parameter is kept (and ignored) as before.
          querystring: z
            .object({
              "hub.mode": QueryValue.optional().describe("subscribe"),
              "hub.verify_token": QueryValue.optional().describe("must equal WHARF_META_VERIFY_TOKEN"),
              "hub.challenge": QueryValue.optional().describe("echoed back when the token matches"),
            })
            .catchall(QueryValue),
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

    // Both providers post Meta's payload and get the same answer: one description for both routes.
    const WEBHOOK_DOCS = {
      body: {
        contentType: "application/json",
        schema: { type: "object", description: "Meta's webhook notification ({object, entry: [...]})" },
      },
      responses: {
        "200": {
          description: "Stored durably",
          content: { "text/plain": { schema: { const: "EVENT_RECEIVED" } } },
        },
      },
      errors: ["WEBHOOK_SIGNATURE_INVALID"],
    } as const;

    scope.post(
      "/webhooks/meta",
      {
        bodyLimit: BODY_LIMIT,
        schema: { tags, summary: "Meta's signed webhook notifications (X-Hub-Signature-256)", security: [] },
        config: {
          docs: WEBHOOK_DOCS,
        },
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

    scope.post(
      "/webhooks/360dialog/:metaPhoneNumberId",
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags,
          summary: `360dialog's webhooks for one number (Meta's payload; authenticated by the ${D360_SECRET_HEADER} header Wharf registered)`,
          security: [],
          params: z.object({ metaPhoneNumberId: z.string().max(64) }),
        },
        config: {
          docs: WEBHOOK_DOCS,
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers[D360_SECRET_HEADER];
        const { metaPhoneNumberId } = request.params as { metaPhoneNumberId: string };
        const result = await receiveD360Webhook(
          { db, vault, receiver },
          metaPhoneNumberId,
          typeof header === "string" ? header : undefined,
          body,
        );
        // One answer for every refusal: a caller learns nothing about which numbers exist.
        if (!result.ok)
          throw new AppError(
            "WEBHOOK_SIGNATURE_INVALID",
            `The ${D360_SECRET_HEADER} header does not authenticate this number's webhook; nothing was stored.`,
          );
        return reply.type("text/plain; charset=utf-8").send("EVENT_RECEIVED");
      },
    );
  });
}
