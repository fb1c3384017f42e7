import type { FastifyInstance } from "fastify";
import { MarkAsReadRequest, SendMessageRequest } from "../../graph/index.js";
import { requireMessaging } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { fieldKinds, typedParams } from "../http/params.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { phoneEdge } from "../nodes/edges.js";
import type { PhoneNumberRecord } from "../state/model.js";
import { sendErrors } from "./message-errors.js";
import { sendMessage } from "./send-message.js";

/**
 * Mark-as-read shares the endpoint (`{messaging_product, status: "read", message_id}`); it
 * names an inbound message of this number and answers `{success: true}`.
 */
export function markRead(ctx: EmulatorContext, phone: PhoneNumberRecord, body: unknown) {
  const parsed = MarkAsReadRequest.safeParse(body);
  if (!parsed.success) throw zodToGraphError(parsed.error, body);
  const inbound = ctx.state.inbound.get(parsed.data.message_id);
  if (!inbound || inbound.phoneNumberId !== phone.id) throw sendErrors.unknownInboundMessage();
  inbound.readAt ??= ctx.clock.now();
  return { success: true };
}

/** Send and mark-as-read fields, for sends made with form fields or query parameters. */
const SEND_FIELDS = fieldKinds(...SendMessageRequest.options, MarkAsReadRequest);

/** The hot path: no logging, no per-request allocation beyond what the answer needs. */
export function registerMessagesRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/messages", async (request) => {
    const phone = phoneEdge(ctx, request, "POST", "messages", requireMessaging);
    const body = typedParams(request, SEND_FIELDS);
    if (body["status"] === "read") {
      return markRead(ctx, phone, body);
    }
    return sendMessage(ctx, phone, body);
  });
}
