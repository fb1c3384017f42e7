import { z } from "zod";
import { AccountChange } from "./account-events.js";
import { MessagesValue } from "./messages-value.js";

/**
 * The webhook envelope Meta POSTs: `{ object, entry: [{ id: <WABA id>, time?, changes: [{ field, value }] }] }`.
 * A change for a field Wharf handles must have a well-formed value; a change for any other
 * field (Meta has ~20) passes as `OtherWebhookChange` so one unknown field never rejects a batch
 * of up to 1,000 updates.
 */

export const HANDLED_WEBHOOK_FIELDS = [
  "messages",
  "message_template_status_update",
  "phone_number_quality_update",
  "account_update",
  "message_template_quality_update",
  "template_category_update",
  "business_capability_update",
] as const;
export type HandledWebhookField = (typeof HANDLED_WEBHOOK_FIELDS)[number];

export const HandledWebhookChange = z.discriminatedUnion("field", [
  z.looseObject({ field: z.literal("messages"), value: MessagesValue }),
  ...AccountChange.options,
]);
export type HandledWebhookChange = z.infer<typeof HandledWebhookChange>;

export const OtherWebhookChange = z.looseObject({
  field: z
    .string()
    .refine((f) => !(HANDLED_WEBHOOK_FIELDS as readonly string[]).includes(f), "handled field with a malformed value"),
  value: z.unknown(),
});
export type OtherWebhookChange = z.infer<typeof OtherWebhookChange>;

export const WebhookChange = z.union([HandledWebhookChange, OtherWebhookChange]);
export type WebhookChange = z.infer<typeof WebhookChange>;

export const WebhookEntry = z.looseObject({
  /** The WABA id. */
  id: z.string().min(1),
  /** Unix seconds; present on non-message fields. */
  time: z.number().int().optional(),
  changes: z.array(WebhookChange),
});
export type WebhookEntry = z.infer<typeof WebhookEntry>;

export const WebhookPayload = z.looseObject({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(WebhookEntry),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** Narrowing helper: TS cannot see through the refine that excludes handled fields. */
export function isHandledChange(change: WebhookChange): change is HandledWebhookChange {
  return (HANDLED_WEBHOOK_FIELDS as readonly string[]).includes(change.field);
}
