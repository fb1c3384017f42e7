import { z } from "zod";
import { InboundMessage } from "./inbound-message.js";
import { MessageStatusUpdate } from "./message-status.js";
import { WebhookError } from "./webhook-error.js";

/**
 * `value` of a `messages` change. One value carries inbound `messages`, or `statuses`, or only
 * value-level `errors`; route it to a tenant by `metadata.phone_number_id`.
 */

export const WebhookContact = z.looseObject({
  /** `username` is set when the customer adopted a WhatsApp username (2026). */
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
  /**
   * The phone number, absent for 2026 username customers whose phone Meta withholds; they are
   * known by `user_id`, the business-scoped user id (BSUID), which every messages webhook carries
   * (Meta, "Business-scoped user IDs"). `parent_user_id` only where parent BSUIDs are enabled.
   */
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
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
