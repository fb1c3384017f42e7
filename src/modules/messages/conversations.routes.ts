import { z } from "zod";
import { requireWorkspace, type App } from "../../platform/http/index.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { getConversation, listConversations, type Conversation } from "../inbox/index.js";
import { conversationThread, readConversation, replyInConversation } from "./conversation-messages.js";
import { Accepted, MessageOut, SendBody } from "./messages.routes.js";
import type { SendDeps } from "./send-message.js";

/**
 * Every `/v1/conversations` route, in one module. A conversation is inbox's row (read through its
 * API); its thread, replies and read receipts are messages, and messages already depends on inbox
 * (admission reads consent and notes the conversation's activity in the send's transaction), so
 * inbox cannot serve them without an import cycle.
 */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const ConversationOut = z.object({
  id: z.string(),
  contact: z.object({ waId: z.string(), name: z.string().nullable() }),
  phoneNumberId: z.string(),
  lastMessageAt: z.string(),
  windowExpiresAt: z.string().nullable(),
  windowOpen: z.boolean(),
  unreadCount: z.number().int(),
});
const tags = ["inbox"];

export function conversationsRoutes(app: App, deps: SendDeps & WorkspaceGraphDeps): void {
  const conversationView = (c: Conversation) => ({
    id: c.id,
    contact: { waId: c.waId, name: c.contactName },
    phoneNumberId: c.phoneNumberId,
    lastMessageAt: iso(c.lastMessageAt)!,
    windowExpiresAt: iso(c.windowExpiresAt),
    windowOpen: c.windowExpiresAt !== null && c.windowExpiresAt > deps.clock.now(),
    unreadCount: c.unreadCount,
  });

  app.get(
    "/v1/conversations",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "Conversations, most recent first (cursor paging); filter by our number, by customer, or unread only",
        querystring: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          phoneNumberId: z.string().max(64).optional(),
          waId: z
            .string()
            .regex(/^\d{5,20}$/)
            .optional(),
          unread: z.enum(["true", "false"]).optional(),
        }),
        response: { 200: z.object({ data: z.array(ConversationOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      const { cursor, limit, phoneNumberId, waId, unread } = request.query;
      const page = await listConversations(deps.db, workspaceId, {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(phoneNumberId ? { phoneNumberId } : {}),
        ...(waId ? { waId } : {}),
        unread: unread === "true",
      });
      return { data: page.data.map(conversationView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/v1/conversations/:id",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "One conversation",
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ConversationOut },
      },
    },
    async (request) =>
      conversationView(await getConversation(deps.db, requireWorkspace(request).workspaceId, request.params.id)),
  );

  app.get(
    "/v1/conversations/:id/messages",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "A conversation's messages, both directions, oldest first",
        params: z.object({ id: z.string() }),
        querystring: z.object({
          cursor: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: z.object({ data: z.array(MessageOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) =>
      conversationThread(
        deps.db,
        requireWorkspace(request).workspaceId,
        request.params.id,
        request.query.cursor,
        request.query.limit,
      ),
  );

  app.post(
    "/v1/conversations/:id/messages",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "An agent's reply: the body of POST /v1/messages without from/to",
        params: z.object({ id: z.string() }),
        body: SendBody.omit({ from: true, to: true }),
        headers: z.object({ "idempotency-key": z.string().min(1).max(255).optional() }).passthrough(),
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const body = request.body;
      const { message } = await replyInConversation(deps, workspaceId, request.params.id, {
        type: body.type,
        payload: (body as Record<string, unknown>)[body.type],
        replyTo: body.replyTo ?? null,
        idempotencyKey: request.headers["idempotency-key"] ?? null,
      });
      return reply.status(202).send({ id: message.id, status: message.status });
    },
  );

  app.post(
    "/v1/conversations/:id/read",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "Mark the conversation read (and tell Meta)",
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ read: z.boolean(), toldMeta: z.boolean() }) },
      },
    },
    async (request) => ({
      read: true,
      ...(await readConversation(deps, requireWorkspace(request).workspaceId, request.params.id)),
    }),
  );
}
