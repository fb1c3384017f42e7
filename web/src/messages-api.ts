import { request } from "./api";

// Messages in both directions, each with its status timeline and Meta's error when it failed.

export type MessageStatus = "queued" | "sending" | "sent" | "delivered" | "read" | "failed" | "received";

export interface MessageError {
  code: string;
  message: string;
  metaCode: number | null;
  metaTitle?: string | null;
  fbtraceId: string | null;
}

export interface Message {
  id: string;
  direction: "inbound" | "outbound";
  status: MessageStatus;
  wamid: string | null;
  from: string;
  to: string;
  type: string;
  /** Meta's own object: the message as received, or the send body as sent. */
  content: Record<string, unknown>;
  campaignId: string | null;
  error: MessageError | null;
  createdAt: string;
  /** Only on GET /v1/messages/{id}. */
  events?: { status: string; at: string }[];
}

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const messagesApi = {
  get: (id: string) => request<Message>("GET", `/v1/messages/${encodeURIComponent(id)}`),
  list: (query: { status?: string; to?: string; cursor?: string; limit?: number }) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return request<Page<Message>>("GET", `/v1/messages?${params}`);
  },
  /**
   * A campaign's messages. GET /v1/messages has no campaign filter, so this pages newest first
   * through the workspace's messages and keeps the campaign's, stopping at messages older than
   * the campaign (ids and dates sort by creation) or after `maxPages` pages.
   */
  async forCampaign(campaignId: string, createdAt: string, maxPages = 10): Promise<Message[]> {
    const found: Message[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { data, nextCursor } = await messagesApi.list({ cursor, limit: 200 });
      found.push(...data.filter((message) => message.campaignId === campaignId));
      const oldest = data.at(-1);
      if (!nextCursor || !oldest || oldest.createdAt < createdAt) break;
      cursor = nextCursor;
    }
    return found;
  },
};
