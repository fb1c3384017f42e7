import { api, type OneOf } from "./api";
import type { ApiBody, ApiQuery, ApiResponse } from "./api/generated";
import type { Message } from "./messages-api";

// Conversations: one customer on one of our numbers, with the 24-hour customer-service window.

export type ConversationPage = ApiResponse<"/v1/conversations", "get">;
/** `contact.waId` is the phone, or Meta's business-scoped user id (e.g. `US.1349…`) when the phone is withheld. */
export type Conversation = ConversationPage["data"][number];
/** open: an agent should act; pending: waiting on the customer; resolved. A customer's message reopens it. */
export type ConversationStatus = Conversation["status"];
/** One line: the words, a caption, a template's name, or `[image]`. */
export type LastMessage = NonNullable<Conversation["lastMessage"]>;

/** What the list shows: every filter is optional; `assignee` is `me`, `none` or a user id; `unread` as a checkbox holds it. */
export type ConversationFilter = Pick<ApiQuery<"/v1/conversations", "get">, "q" | "status" | "assignee" | "label"> & {
  unread?: boolean;
};

export type Note = ApiResponse<"/v1/conversations/{id}/notes", "get">["data"][number];
export type CannedReply = ApiResponse<"/v1/canned-replies", "get">["data"][number];

type ReplyBody = ApiBody<"/v1/conversations/{id}/messages", "post">;
type Interactive = Extract<ReplyBody, { type: "interactive" }>["interactive"];
/** Meta's product (one), multi-product (sections) and catalog messages, as the reply's `interactive`. */
export type ProductMessage = Extract<Interactive, { type: "product" | "product_list" | "catalog_message" }>;

/**
 * What an agent sends: free-form text or products inside the window, an approved template at any
 * time.
 */
export type Reply = OneOf<
  ReplyBody,
  | { type: "text"; text: { body: string } }
  | { type: "interactive"; interactive: ProductMessage }
  | { type: "template"; template: { name: string; language: string; parameters?: string[] | Record<string, string> } }
>;

export const inboxApi = {
  /** One page of conversations, most recent first; pass the previous page's `nextCursor` for the next. */
  conversations: (filter: ConversationFilter = {}, cursor?: string) => {
    const { status, assignee, label } = filter;
    const query = {
      limit: 50,
      cursor,
      q: filter.q?.trim(),
      status,
      assignee,
      label,
      unread: filter.unread || undefined,
    };
    return api("GET", "/v1/conversations", { query });
  },
  unreadCount: () => api("GET", "/v1/conversations/unread-count"),
  update: (id: string, change: ApiBody<"/v1/conversations/{id}", "patch">) =>
    api("PATCH", "/v1/conversations/{id}", { params: { id }, body: change }),
  notes: (id: string) => api("GET", "/v1/conversations/{id}/notes", { params: { id } }).then((r) => r.data),
  addNote: (id: string, body: string) =>
    api("POST", "/v1/conversations/{id}/notes", { params: { id }, body: { body } }),
  cannedReplies: () => api("GET", "/v1/canned-replies").then((r) => r.data),
  addCannedReply: (shortcut: string, text: string) => api("POST", "/v1/canned-replies", { body: { shortcut, text } }),
  removeCannedReply: (id: string) => api("DELETE", "/v1/canned-replies/{id}", { params: { id } }),
  conversation: (id: string) => api("GET", "/v1/conversations/{id}", { params: { id } }),
  /** The whole thread, oldest first (or only what came after `after`, a message id). */
  async thread(id: string, after?: string): Promise<Message[]> {
    const messages: Message[] = [];
    let cursor = after;
    for (;;) {
      const page = await api("GET", "/v1/conversations/{id}/messages", {
        params: { id },
        query: { limit: 200, cursor },
      });
      messages.push(...page.data);
      if (!page.nextCursor) return messages;
      cursor = page.nextCursor;
    }
  },
  reply: (id: string, reply: Reply) => api("POST", "/v1/conversations/{id}/messages", { params: { id }, body: reply }),
  markRead: (id: string) => api("POST", "/v1/conversations/{id}/read", { params: { id } }),
};

/** The window is open until `windowExpiresAt`, by this browser's clock. */
export const windowOpen = (conversation: Conversation, now = Date.now()) =>
  conversation.windowExpiresAt !== null && Date.parse(conversation.windowExpiresAt) > now;
