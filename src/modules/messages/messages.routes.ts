import { z } from "zod";
import { requireWorkspace, type App } from "../../platform/http/index.js";
import { MESSAGE_TYPES } from "./build-meta-message.js";
import { getMessage, listMessagePage, messageView } from "./message-view.js";
import { sendMessage, type SendDeps } from "./send-message.js";
import { analytics } from "./analytics.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";

const tags = ["messages"];
export const SendBody = z.object({
  from: z.string().min(1).describe("our phone-number id (pn_...) or Meta's phone number id"),
  to: z.string().min(1).max(32),
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
  replyTo: z.string().min(1).optional(),
});
export const Accepted = z.object({ id: z.string(), status: z.string() });
export const MessageOut = z.object({}).passthrough();
const STATUSES = ["queued", "sending", "sent", "delivered", "read", "failed", "received"] as const;

export function messagesRoutes(app: App, deps: SendDeps & WorkspaceGraphDeps): void {
  app.post(
    "/v1/messages",
    {
      config: { access: ["owner", "admin"] },
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

  app.get(
    "/v1/messages/:id",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "A message with its status timeline and Meta's error",
        params: z.object({ id: z.string() }),
        response: { 200: MessageOut },
      },
    },
    async (request) => getMessage(deps.db, requireWorkspace(request).workspaceId, request.params.id),
  );

  app.get(
    "/v1/messages",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
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
    },
    async (request) => listMessagePage(deps.db, requireWorkspace(request).workspaceId, request.query),
  );

  app.get(
    "/v1/analytics",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags: ["analytics"],
        summary: "Sent / delivered / read / failed and failures by Meta code, per campaign, template or number",
        querystring: z.object({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          groupBy: z.enum(["campaign", "template", "phoneNumber"]).default("campaign"),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return analytics(deps.db, requireWorkspace(request).workspaceId, {
        from: Date.parse(q.from),
        to: Date.parse(q.to),
        groupBy: q.groupBy,
      });
    },
  );
}

export { messageView };
