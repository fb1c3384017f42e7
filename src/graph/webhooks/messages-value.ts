import { z } from "zod";
import { InboundMessage } from "./inbound-message.js";
import { MessageStatusUpdate } from "./message-status.js";
import { WebhookError } from "./webhook-error.js";

/**
 * `value` of a `messages` change. One value carries inbound `messages`, or `statuses`, or only
 * value-level `errors`; route it to a tenant by `metadata.phone_number_id`.
 */

export const WebhookContact = z.looseObject({
  profile: z.looseObject({ name: z.string().optional() }).optional(),
  /** May be absent for 2026 username users, who carry `user_id` instead. */
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  identity_key_hash: z.string().optional(),
});
export type WebhookContact = z.infer<typeof WebhookContact>;

export const MessagesValue = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  metadata: z.looseObject({
    display_phone_number: z.string(),
    phone_number_id: z.string().min(1),
  }),
  /** `system` messages (number change) may arrive without `contacts`. */
  contacts: z.array(WebhookContact).optional(),
  messages: z.array(InboundMessage).optional(),
  statuses: z.array(MessageStatusUpdate).optional(),
  errors: z.array(WebhookError).optional(),
});
export type MessagesValue = z.infer<typeof MessagesValue>;
