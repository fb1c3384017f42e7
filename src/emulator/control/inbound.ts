import { InboundMessage } from "../../graph/index.js";
import { unixSeconds } from "../core/clock.js";
import type { EmulatorContext } from "../core/context.js";
import { wamid } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { metadataOf } from "../messages/status-values.js";
import { contactEntry, customerByPhone } from "../messages/customers.js";
import { normalizeRecipient } from "../messages/send-message.js";
import { publish, type PublishOutcome } from "../webhooks/publish.js";
import { storeInboundMedia, type InboundMedia } from "./inbound-media.js";

export interface InboundInput {
  phoneNumberId: string;
  from: string;
  text?: string;
  name?: string;
  username?: string;
  phoneWithheld?: boolean;
  /** Any other inbound type, as Meta's `messages[]` object without `from`, `id`, `timestamp`. */
  message?: Record<string, unknown>;
  media?: InboundMedia;
}

/**
 * A customer writes to a business number: the message is stored, the customer's 24-hour
 * window opens (or is refreshed), and a signed `messages` webhook goes to the subscribed app.
 * It carries the customer's BSUID; with `username` and `phoneWithheld` it is the 2026 payload of
 * a username customer whose phone Meta withholds (no `from`, no `wa_id`).
 */
export function receiveInbound(
  ctx: EmulatorContext,
  input: InboundInput,
  base: string,
): { wamid: string; webhook: PublishOutcome } {
  const phone = ctx.state.phoneNumbers.get(input.phoneNumberId);
  if (!phone) throw graphErrors.unknownObject(input.phoneNumberId, "POST");
  const from = normalizeRecipient(input.from);
  const now = ctx.clock.now();
  const id = wamid(from);
  const content =
    input.message ??
    (input.media ? storeInboundMedia(ctx, phone, input.media, base) : undefined) ??
    (input.text !== undefined ? { type: "text", text: { body: input.text } } : undefined);
  if (!content) throw graphErrors.requiredParameter("text");
  const customer = customerByPhone(ctx.state, phone, from);
  if (input.username !== undefined) customer.username = input.username;
  // A username is what lets Meta withhold the phone; the choice sticks until asked otherwise.
  if (input.phoneWithheld && !customer.username)
    throw graphErrors.invalidParameter("phoneWithheld: only a customer with a username can have the phone withheld");
  if (input.phoneWithheld !== undefined) customer.phoneWithheld = input.phoneWithheld;
  ctx.state.customers.set(customer.bsuid, customer);
  const message = {
    ...(customer.phoneWithheld ? {} : { from }),
    from_user_id: customer.bsuid,
    ...(customer.parentBsuid ? { from_parent_user_id: customer.parentBsuid } : {}),
    id,
    timestamp: String(unixSeconds(now)),
    ...content,
  };
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
    contacts: [contactEntry(customer, input.name ?? "WhatsApp User")],
    messages: [message],
  };
  return { wamid: id, webhook: publish(ctx, phone.wabaId, "messages", value, phone.id) };
}
