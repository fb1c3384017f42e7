import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { requireRole, requireWorkspace } from "../../platform/http/index.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { getContact, updateContact, type Contact } from "./contacts.js";
import type { EventStreams } from "./event-stream.js";
import { fetchInboundMedia } from "./fetch-inbound-media.js";
import { inboundMediaHeaders } from "./inbound-media-headers.js";
import { getConversation, listConversations, type Conversation } from "./get-conversation.js";

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
const ContactOut = z.object({
  waId: z.string(),
  name: z.string().nullable(),
  profileName: z.string().nullable(),
  marketingOptIn: z.boolean().nullable(),
  consentSource: z.enum(["api", "stop_keyword", "user_preferences"]).nullable(),
  consentAt: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
});
const WaId = z.object({ waId: z.string().regex(/^\d{5,20}$/, "must be the customer's WhatsApp id (digits, no +)") });
const tags = ["inbox"];

export function inboxRoutes(app: App, deps: WorkspaceGraphDeps & { streams: EventStreams }): void {
  const conversationView = (c: Conversation) => ({
    id: c.id,
    contact: { waId: c.waId, name: c.contactName },
    phoneNumberId: c.phoneNumberId,
    lastMessageAt: iso(c.lastMessageAt)!,
    windowExpiresAt: iso(c.windowExpiresAt),
    windowOpen: c.windowExpiresAt !== null && c.windowExpiresAt > deps.clock.now(),
    unreadCount: c.unreadCount,
  });
  const contactView = (c: Contact) => ({ ...c, consentAt: iso(c.consentAt), lastInboundAt: iso(c.lastInboundAt) });

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
    "/v1/contacts/:waId",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: { tags, summary: "A contact and its marketing consent", params: WaId, response: { 200: ContactOut } },
    },
    async (request) =>
      contactView(await getContact(deps.db, requireWorkspace(request).workspaceId, request.params.waId)),
  );

  app.put(
    "/v1/contacts/:waId",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary:
          "Name a contact or record its marketing consent (consent: owner or admin; an inbound STOP opts out by itself)",
        params: WaId,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).nullable().optional(),
          marketingOptIn: z.boolean().optional(),
        }),
        response: { 200: ContactOut },
      },
    },
    async (request) => {
      // Agents name contacts as they work; marketing consent is the managers' (issue 11: agents could forge opt-ins).
      const { workspaceId } =
        request.body.marketingOptIn === undefined
          ? requireWorkspace(request)
          : requireRole(request, ["owner", "admin"]);
      return contactView(await updateContact(deps, workspaceId, request.params.waId, request.body));
    },
  );

  app.get(
    "/v1/events",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: { tags, summary: "Server-sent events: new messages, status changes, connection changes" },
    },
    async (request, reply) => {
      await deps.streams.open(request, reply, requireWorkspace(request).workspaceId);
    },
  );

  app.get(
    "/v1/media/inbound/:metaMediaId",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "The bytes of media a customer sent, fetched from Meta on demand; only inert types are shown inline",
        params: z.object({ metaMediaId: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "must be Meta's media id") }),
      },
    },
    async (request, reply) => {
      const { metaMediaId } = request.params;
      const media = await fetchInboundMedia(deps, requireWorkspace(request).workspaceId, metaMediaId);
      void reply.headers(
        inboundMediaHeaders({ contentType: media.contentType, filename: media.filename, metaMediaId }),
      );
      return reply.send(media.body);
    },
  );
}
