import { request } from "./api";
import type { Message } from "./messages-api";

// Conversations: one customer on one of our numbers, with the 24-hour customer-service window.

export interface Conversation {
  id: string;
  contact: { waId: string; name: string | null };
  phoneNumberId: string;
  lastMessageAt: string;
  /** When free-form replies stop being allowed; null before the customer has written. */
  windowExpiresAt: string | null;
  unreadCount: number;
}

/** What an agent sends: free-form text inside the window, an approved template at any time. */
export type Reply =
  | { type: "text"; text: { body: string } }
  | { type: "template"; template: { name: string; language: string; parameters?: string[] | Record<string, string> } };

const path = (id: string) => `/v1/conversations/${encodeURIComponent(id)}`;

export const inboxApi = {
  conversations: () =>
    request<{ data: Conversation[]; nextCursor: string | null }>("GET", "/v1/conversations?limit=100").then(
      (page) => page.data,
    ),
  conversation: (id: string) => request<Conversation>("GET", path(id)),
  /** The whole thread, oldest first (or only what came after `after`, a message id). */
  async thread(id: string, after?: string): Promise<Message[]> {
    const messages: Message[] = [];
    let cursor = after;
    for (;;) {
      const query = new URLSearchParams({ limit: "200", ...(cursor ? { cursor } : {}) });
      const page = await request<{ data: Message[]; nextCursor: string | null }>(
        "GET",
        `${path(id)}/messages?${query}`,
      );
      messages.push(...page.data);
      if (!page.nextCursor) return messages;
      cursor = page.nextCursor;
    }
  },
  reply: (id: string, reply: Reply) => request<{ id: string; status: string }>("POST", `${path(id)}/messages`, reply),
  markRead: (id: string) => request<{ read: boolean }>("POST", `${path(id)}/read`),
};

/** The window is open until `windowExpiresAt`, by this browser's clock. */
export const windowOpen = (conversation: Conversation, now = Date.now()) =>
  conversation.windowExpiresAt !== null && Date.parse(conversation.windowExpiresAt) > now;
