import type { z } from "zod";
import { type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import { GraphSuccessResponse } from "../wire/common.js";
import { MarkAsReadRequest, SendMessageRequest, SendMessageResponse } from "../wire/send-message.js";

/**
 * Sends are never retried inside the client: after a timeout or a 5xx Meta may already have
 * accepted the message, so only the caller (which owns idempotency and the outbox) may decide
 * to send again. Bodies are checked against the same schemas the emulator uses before leaving.
 */

export function createMessagesApi(t: GraphTransport) {
  // Both go to the number's `/messages` edge, hot (prepared per call) and never retried here.
  const postToMessages = <T>(token: string, phoneNumberId: string, json: unknown, schema: z.ZodType<T>) =>
    t.call({
      method: "POST",
      path: `${segment(phoneNumberId)}/messages`,
      token,
      json,
      retry: false,
      hot: true,
      schema,
    });

  return {
    async send(
      token: string,
      phoneNumberId: string,
      message: SendMessageRequest,
    ): Promise<GraphResult<SendMessageResponse>> {
      return postToMessages(token, phoneNumberId, SendMessageRequest.parse(message), SendMessageResponse);
    },

    /** Marks the message (and every earlier one in the chat) read; optionally shows "typing…". */
    async markAsRead(
      token: string,
      phoneNumberId: string,
      input: { message_id: string; typing_indicator?: { type: "text" } },
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = MarkAsReadRequest.parse({ messaging_product: "whatsapp", status: "read", ...input });
      return postToMessages(token, phoneNumberId, json, GraphSuccessResponse);
    },
  };
}

export type MessagesApi = ReturnType<typeof createMessagesApi>;
