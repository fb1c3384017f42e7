import { type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import { GraphSuccessResponse } from "../wire/common.js";
import { MarkAsReadRequest, SendMessageRequest, SendMessageResponse } from "../wire/send-message.js";

/**
 * Sends are never retried inside the client: after a timeout or a 5xx Meta may already have
 * accepted the message, so only the caller (which owns idempotency and the outbox) may decide
 * to send again. Bodies are checked against the same schemas the emulator uses before leaving.
 */

export function createMessagesApi(t: GraphTransport) {
  return {
    async send(
      token: string,
      phoneNumberId: string,
      message: SendMessageRequest,
    ): Promise<GraphResult<SendMessageResponse>> {
      const json = SendMessageRequest.parse(message);
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/messages`,
        token,
        json,
        retry: false,
        hot: true,
        schema: SendMessageResponse,
      });
    },

    /** Marks the message (and every earlier one in the chat) read; optionally shows "typing…". */
    async markAsRead(
      token: string,
      phoneNumberId: string,
      input: { message_id: string; typing_indicator?: { type: "text" } },
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = MarkAsReadRequest.parse({ messaging_product: "whatsapp", status: "read", ...input });
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/messages`,
        token,
        json,
        retry: false,
        hot: true,
        schema: GraphSuccessResponse,
      });
    },
  };
}

export type MessagesApi = ReturnType<typeof createMessagesApi>;
