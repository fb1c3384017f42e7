import { api } from "./api";
import type { ApiQuery, ApiResponse } from "./api/generated";

// Messages in both directions, each with its status timeline and Meta's error when it failed.

/** A message with its status timeline (`events`, only on GET /v1/messages/{id}) and Meta's error when it failed. */
export type Message = ApiResponse<"/v1/messages/{id}", "get">;
export type MessageStatus = Message["status"];
export type MessageError = NonNullable<Message["error"]>;

export const messagesApi = {
  get: (id: string) => api("GET", "/v1/messages/{id}", { params: { id } }),
  list: (query: ApiQuery<"/v1/messages", "get">) => api("GET", "/v1/messages", { query }),
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
