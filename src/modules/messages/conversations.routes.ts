import { z } from "zod";
import { AppError } from "../../platform/errors/index.js";
import { requireWorkspace, type App, readRoute } from "../../platform/http/index.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";
import {
  addConversationNote,
  changeConversationWork,
  conversationNotes,
  getConversation,
  listConversations,
  MAX_LABELS,
  unreadCounts,
  type Conversation,
  type ConversationNote,
} from "../inbox/index.js";
import { conversationThread, readConversation, replyInConversation } from "./conversation-messages.js";
import { conversationsWithWords, withLastMessages, type LastMessage } from "./conversation-previews.js";
import { Accepted, MessageOut, SendBody } from "./messages.routes.js";
import { REPLY_BODY_DOCS } from "./send-body-docs.js";
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
  contact: z.object({
    waId: z
      .string()
      .describe("the phone number, or Meta's business-scoped user id when the customer's phone is withheld"),
    name: z.string().nullable(),
    username: z.string().nullable().describe("the customer's WhatsApp username, when Meta sent one"),
  }),
  phoneNumberId: z.string(),
  lastMessageAt: z.string(),
  windowExpiresAt: z.string().nullable(),
  windowOpen: z.boolean(),
  unreadCount: z.number().int(),
  status: z
    .enum(["open", "pending", "resolved"])
    .describe(
      "open: an agent should act; pending: waiting on the customer; resolved. A customer's message reopens it.",
    ),
  assigneeId: z.string().nullable().describe("the user the conversation is assigned to"),
  labels: z.array(z.string()),
  lastMessage: z
    .object({
      id: z.string(),
      direction: z.enum(["inbound", "outbound"]),
      type: z.string(),
      preview: z.string().describe("one line: the text, a caption, or [image], [order] …"),
      status: z.string(),
      at: z.string(),
    })
    .nullable(),
});
const Status = z.enum(["open", "pending", "resolved"]);
// Lowercase words, digits, spaces and hyphens: the list filter matches them inside a JSON array.
const Label = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9 -]{0,39}$/, "a label is 1-40 letters, digits, spaces or hyphens");
const NoteOut = z.object({
  id: z.string(),
  authorUserId: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
const tags = ["inbox"];

export function conversationsRoutes(app: App, deps: SendDeps & WorkspaceChannelDeps): void {
  const conversationView = (c: Conversation & { lastMessage?: LastMessage | null }) => ({
    id: c.id,
    contact: { waId: c.waId, name: c.contactName, username: c.contactUsername },
    phoneNumberId: c.phoneNumberId,
    lastMessageAt: iso(c.lastMessageAt)!,
    windowExpiresAt: iso(c.windowExpiresAt),
    windowOpen: c.windowExpiresAt !== null && c.windowExpiresAt > deps.clock.now(),
    unreadCount: c.unreadCount,
    status: c.status,
    assigneeId: c.assigneeId,
    labels: c.labels,
    lastMessage: c.lastMessage ? { ...c.lastMessage, at: iso(c.lastMessage.at)! } : null,
  });
  const noteView = (n: ConversationNote) => ({ ...n, createdAt: iso(n.createdAt)! });

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
            .regex(/^(?:\d{5,20}|[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128})$/)
            .optional()
            .describe("the customer: phone digits, or the business-scoped user id of one whose phone is withheld"),
          unread: z.enum(["true", "false"]).optional(),
          status: Status.optional(),
          assignee: z
            .string()
            .max(64)
            .optional()
            .describe("`me` (the logged-in user), `none` (unassigned) or a user id"),
          label: Label.optional(),
          q: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .optional()
            .describe("words in the contact's name, username or number, or in a message of the conversation"),
        }),
        response: { 200: z.object({ data: z.array(ConversationOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      const { cursor, limit, phoneNumberId, waId, unread, status, assignee, label, q } = request.query;
      let assigneeFilter: string | null | undefined;
      if (assignee === "me") {
        const p = request.principal;
        if (p?.kind !== "session")
          throw new AppError("VALIDATION_FAILED", "assignee=me needs a dashboard session; pass a user id instead.", {
            details: [{ field: "assignee", message: "me needs a session" }],
          });
        assigneeFilter = p.userId;
      } else if (assignee === "none") assigneeFilter = null;
      else assigneeFilter = assignee;
      const search = q
        ? {
            text: q,
            alsoKeys: await conversationsWithWords(deps.db, workspaceId, q),
          }
        : undefined;
      const page = await listConversations(deps.db, workspaceId, {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(phoneNumberId ? { phoneNumberId } : {}),
        ...(waId ? { waId } : {}),
        unread: unread === "true",
        ...(status ? { status } : {}),
        ...(assigneeFilter !== undefined ? { assignee: assigneeFilter } : {}),
        ...(label ? { label } : {}),
        ...(search ? { search } : {}),
      });
      const data = await withLastMessages(deps.db, workspaceId, page.data);
      return { data: data.map(conversationView), nextCursor: page.nextCursor };
    },
  );

  readRoute(
    app,
    "/v1/conversations/:id",
    {
      tags,
      summary: "One conversation",
      params: z.object({ id: z.string().max(64) }),
      response: { 200: ConversationOut },
    },
    async (workspaceId, { params }) => {
      const [c] = await withLastMessages(deps.db, workspaceId, [
        await getConversation(deps.db, workspaceId, params.id),
      ]);
      return conversationView(c!);
    },
  );

  readRoute(
    app,
    "/v1/conversations/unread-count",
    {
      tags,
      summary: "How many conversations have unread messages, and how many messages (the dashboard's badge)",
      response: { 200: z.object({ conversations: z.number().int(), messages: z.number().int() }) },
    },
    (workspaceId) => unreadCounts(deps.db, workspaceId),
  );

  app.patch(
    "/v1/conversations/:id",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "Work a conversation: its status, its assignee (a member's user id, or null), its labels",
        params: z.object({ id: z.string().max(64) }),
        body: z
          .strictObject({
            status: Status.optional(),
            assigneeId: z.string().max(64).nullable().optional(),
            labels: z.array(Label).max(MAX_LABELS).optional(),
          })
          .refine((b) => Object.keys(b).length > 0, "give status, assigneeId or labels"),
        response: { 200: ConversationOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      await changeConversationWork(deps, workspaceId, request.params.id, request.body);
      const [c] = await withLastMessages(deps.db, workspaceId, [
        await getConversation(deps.db, workspaceId, request.params.id),
      ]);
      return conversationView(c!);
    },
  );

  readRoute(
    app,
    "/v1/conversations/:id/notes",
    {
      tags,
      summary: "The team's internal notes on a conversation, oldest first (never sent to the customer)",
      params: z.object({ id: z.string().max(64) }),
      response: { 200: z.object({ data: z.array(NoteOut) }) },
    },
    async (workspaceId, { params }) => ({
      data: (await conversationNotes(deps.db, workspaceId, params.id)).map(noteView),
    }),
  );

  app.post(
    "/v1/conversations/:id/notes",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "Add an internal note (the author is the logged-in user; null with an API key)",
        params: z.object({ id: z.string().max(64) }),
        body: z.strictObject({ body: z.string().trim().min(1).max(4096) }),
        response: { 201: NoteOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const p = request.principal;
      const note = await addConversationNote(deps, workspaceId, request.params.id, {
        authorUserId: p?.kind === "session" ? p.userId : null,
        body: request.body.body,
      });
      return reply.status(201).send(noteView(note));
    },
  );

  readRoute(
    app,
    "/v1/conversations/:id/messages",
    {
      tags,
      summary: "A conversation's messages, both directions, oldest first",
      params: z.object({ id: z.string() }),
      querystring: z.object({
        cursor: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: { 200: z.object({ data: z.array(MessageOut), nextCursor: z.string().nullable() }) },
    },
    (workspaceId, { params, query }) => conversationThread(deps.db, workspaceId, params.id, query.cursor, query.limit),
  );

  app.post(
    "/v1/conversations/:id/messages",
    {
      config: { access: ["owner", "admin", "agent"], docs: { body: REPLY_BODY_DOCS } },
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
