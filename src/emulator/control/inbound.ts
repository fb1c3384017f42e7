import { InboundMessage } from "../../graph/index.js";
import { unixSeconds } from "../core/clock.js";
import type { EmulatorContext } from "../core/context.js";
import { wamid } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { metadataOf } from "../messages/status-values.js";
import { normalizeRecipient } from "../messages/send-message.js";
import { publish, type PublishOutcome } from "../webhooks/publish.js";
import { storeInboundMedia, type InboundMedia } from "./inbound-media.js";

export interface InboundInput {
  phoneNumberId: string;
  from: string;
  text?: string;
  name?: string;
  /** Any other inbound type, as Meta's `messages[]` object without `from`, `id`, `timestamp`. */
  message?: Record<string, unknown>;
  media?: InboundMedia;
}

/**
 * A customer writes to a business number: the message is stored, the customer's 24-hour
 * window opens (or is refreshed), and a signed `messages` webhook goes to the subscribed app.
 */
export function receiveInbound(ctx: EmulatorContext, input: InboundInput): { wamid: string; webhook: PublishOutcome } {
  const phone = ctx.state.phoneNumbers.get(input.phoneNumberId);
  if (!phone) throw graphErrors.unknownObject(input.phoneNumberId, "POST");
  const from = normalizeRecipient(input.from);
  const now = ctx.clock.now();
  const id = wamid(from);
  const content =
    input.message ??
    (input.media ? storeInboundMedia(ctx, phone, input.media) : undefined) ??
    (input.text !== undefined ? { type: "text", text: { body: input.text } } : undefined);
  if (!content) throw graphErrors.requiredParameter("text");
  const message = { from, id, timestamp: String(unixSeconds(now)), ...content };
  const parsed = InboundMessage.safeParse(message);
  if (!parsed.success)
    throw graphErrors.invalidParameter(
      `message is not a valid inbound message: ${parsed.error.issues[0]?.message ?? ""}`,
    );
  ctx.state.inbound.set(id, { wamid: id, phoneNumberId: phone.id, from, receivedAt: now, message });
  ctx.state.lastInboundAt.set(ctx.state.windowKey(phone.id, from), now);
  const value = {
    messaging_product: "whatsapp",
    metadata: metadataOf(phone),
    contacts: [{ profile: { name: input.name ?? "WhatsApp User" }, wa_id: from }],
    messages: [message],
  };
  return { wamid: id, webhook: publish(ctx, phone.wabaId, "messages", value, phone.id) };
}
