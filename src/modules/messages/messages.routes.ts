import { z } from "zod";
import { requireWorkspace, type App, readRoute } from "../../platform/http/index.js";
import { MESSAGE_TYPES } from "./build-meta-message.js";
import { getMessage, listMessagePage, messageView } from "./message-view.js";
import { sendMessage, type SendDeps } from "./send-message.js";
import { AnalyticsOut, analytics } from "./analytics.js";
import { SEND_BODY_DOCS, SEND_ENVELOPE } from "./send-body-docs.js";
import { messagingLimitUsage, SEND_RULE_ERRORS } from "./admission/index.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";

const tags = ["messages"];
export const SendBody = z.object({
  ...SEND_ENVELOPE,
  type: z.enum(MESSAGE_TYPES),
  text: z.unknown().optional(),
  template: z.unknown().optional(),
  image: z.unknown().optional(),
  video: z.unknown().optional(),
  document: z.unknown().optional(),
  audio: z.unknown().optional(),
  sticker: z.unknown().optional(),
  interactive: z.unknown().optional(),
  reaction: z.unknown().optional(),
  location: z.unknown().optional(),
  contacts: z.unknown().optional(),
});
export const Accepted = z.object({ id: z.string(), status: z.string() });
export const MessageOut = z.object({
  id: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  status: z.enum(["queued", "sending", "unknown", "sent", "delivered", "read", "failed", "received"]),
  wamid: z.string().nullable().describe("Meta's message id, once Meta accepted it"),
  from: z.string().describe("outbound: our phone-number id; inbound: the customer's phone"),
  to: z.string(),
  type: z.string().describe("Meta's message type (text, image, template, … or one Wharf does not know yet)"),
  content: z
    .record(z.string(), z.unknown())
    .describe("the type's object as sent to Meta (outbound) or as Meta delivered it (inbound)"),
  campaignId: z.string().nullable(),
  error: z
    .object({
      code: z.string().describe("our code (docs/errors.md)"),
      message: z.string(),
      metaCode: z.number().nullable(),
      metaTitle: z.string().nullable(),
      fbtraceId: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  events: z
    .array(z.object({ status: z.string(), at: z.string() }))
    .optional()
    .describe("one message's status history (GET /v1/messages/{id} only)"),
});
export const MessagingLimitOut = z.object({
  portfolio: z
    .object({
      businessId: z.string().nullable().describe("Meta's business portfolio (the WABA's owner business)"),
      wabaId: z.string(),
      tier: z
        .string()
        .nullable()
        .describe("as Meta reports it: TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED"),
      limit: z.number().int().nullable().describe("unique customers per moving 24 hours; null when unlimited"),
      used: z.number().int().describe("unique customers reached business-initiated in the last 24 hours"),
      windowHours: z.number().int(),
      phoneNumbers: z.number().int().describe("the portfolio's numbers Wharf holds, which share the limit"),
    })
    .nullable(),
});
const STATUSES = ["queued", "sending", "unknown", "sent", "delivered", "read", "failed", "received"] as const;

export function messagesRoutes(app: App, deps: SendDeps & WorkspaceChannelDeps): void {
  app.post(
    "/v1/messages",
    {
      config: {
        access: ["owner", "admin"],
        docs: {
          body: SEND_BODY_DOCS,
          errors: [
            "NOT_FOUND",
            "IDEMPOTENCY_CONFLICT",
            "NOT_CONNECTED",
            "CONNECTION_NEEDS_RECONNECT",
            "PHONE_NUMBER_NOT_ACTIVE",
            ...SEND_RULE_ERRORS,
            "TEMPLATE_NOT_FOUND",
            "TEMPLATE_NOT_APPROVED",
            "TEMPLATE_PARAMETERS_MISMATCH",
          ],
        },
      },
      schema: {
        tags,
        summary:
          "Send a message (queued; 202). The type's object is Meta's own object for that type; template also takes `parameters`.",
        body: SendBody,
        headers: z.object({ "idempotency-key": z.string().min(1).max(255).optional() }).passthrough(),
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const body = request.body;
      const { message } = await sendMessage(deps, workspaceId, {
        from: body.from,
        to: body.to,
        type: body.type,
        payload: (body as Record<string, unknown>)[body.type],
        replyTo: body.replyTo ?? null,
        idempotencyKey: request.headers["idempotency-key"] ?? null,
      });
      return reply.status(202).send({ id: message.id, status: message.status });
    },
  );

  readRoute(
    app,
    "/v1/messages/:id",
    {
      tags,
      summary: "A message with its status timeline and Meta's error",
      params: z.object({ id: z.string() }),
      response: { 200: MessageOut },
    },
    (workspaceId, { params }) => getMessage(deps.db, workspaceId, params.id),
  );

  readRoute(
    app,
    "/v1/messages",
    {
      tags,
      summary: "Messages, newest first, with cursor paging",
      querystring: z.object({
        status: z.enum(STATUSES).optional(),
        to: z.string().optional(),
        campaignId: z.string().optional(),
        cursor: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ data: z.array(MessageOut), nextCursor: z.string().nullable() }) },
    },
    (workspaceId, { query }) => listMessagePage(deps.db, workspaceId, query),
  );

  readRoute(
    app,
    "/v1/messaging-limit",
    {
      tags,
      summary: "The business portfolio's messaging limit, shared by all its numbers, and its use in the last 24 hours",
      response: { 200: MessagingLimitOut },
    },
    (workspaceId) => messagingLimitUsage(deps, workspaceId),
  );

  readRoute(
    app,
    "/v1/analytics",
    {
      tags: ["analytics"],
      summary: "Sent / delivered / read / failed and failures by Meta code, per campaign, template or number",
      querystring: z.object({
        from: z
          .union([z.iso.datetime({ offset: true }), z.iso.date()])
          .describe("an ISO date-time, or a date (its start, UTC)"),
        to: z
          .union([z.iso.datetime({ offset: true }), z.iso.date()])
          .describe("an ISO date-time (excluded), or a date (included: up to its end, UTC)"),
        groupBy: z.enum(["campaign", "template", "phoneNumber"]).default("campaign"),
      }),
      response: { 200: AnalyticsOut },
    },
    (workspaceId, { query: q }) => {
      return analytics(deps.db, workspaceId, {
        from: Date.parse(q.from.length === 10 ? `${q.from}T00:00:00Z` : q.from),
        // A date as the end means the whole of that day.
        to: q.to.length === 10 ? Date.parse(`${q.to}T00:00:00Z`) + 24 * 3600_000 : Date.parse(q.to),
        groupBy: q.groupBy,
      });
    },
  );
}

export { messageView };
