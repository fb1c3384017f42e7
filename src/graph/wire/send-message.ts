import { z } from "zod";
import { InteractiveContent } from "./interactive.js";
import {
  AudioContent,
  ContactsContent,
  DocumentContent,
  ImageContent,
  LocationContent,
  ReactionContent,
  StickerContent,
  TextContent,
  VideoContent,
} from "./message-content.js";
import { TemplateContent } from "./template-send.js";

/**
 * `POST /{phone_number_id}/messages`: the send body for every message type, its response, and
 * the mark-as-read body that shares the endpoint (OAS `Message`, `MessageResponsePayload`,
 * `MarkMessageRequestPayload`).
 */

const envelope = {
  messaging_product: z.literal("whatsapp"),
  recipient_type: z.enum(["individual", "group"]).optional(),
  /** E.164 with `+` recommended: without it Meta prepends the business number's country code. */
  to: z.string().min(1).optional(),
  /**
   * The customer's business-scoped user id (BSUID), for a customer whose phone is unknown
   * (username customers, 2026). One of `to` and `recipient` is required; given both, `to` wins
   * (Meta, "Business-scoped user IDs", sending messages).
   */
  recipient: z.string().min(1).optional(),
  /** With the identity check on, the hash of the identity Meta last reported; a mismatch fails with 137000. */
  recipient_identity_key_hash: z.string().min(1).optional(),
  /** Reply/quote: the wamid of the message being replied to. */
  context: z.strictObject({ message_id: z.string().min(1) }).optional(),
  /** Echoed back in status webhooks; Meta caps it at 512 characters. */
  biz_opaque_callback_data: z.string().max(512).optional(),
};

export const SendTextMessage = z.strictObject({ ...envelope, type: z.literal("text"), text: TextContent });
export const SendImageMessage = z.strictObject({ ...envelope, type: z.literal("image"), image: ImageContent });
export const SendVideoMessage = z.strictObject({ ...envelope, type: z.literal("video"), video: VideoContent });
export const SendAudioMessage = z.strictObject({ ...envelope, type: z.literal("audio"), audio: AudioContent });
export const SendDocumentMessage = z.strictObject({
  ...envelope,
  type: z.literal("document"),
  document: DocumentContent,
});
export const SendStickerMessage = z.strictObject({ ...envelope, type: z.literal("sticker"), sticker: StickerContent });
export const SendLocationMessage = z.strictObject({
  ...envelope,
  type: z.literal("location"),
  location: LocationContent,
});
export const SendContactsMessage = z.strictObject({
  ...envelope,
  type: z.literal("contacts"),
  contacts: ContactsContent,
});
export const SendReactionMessage = z.strictObject({
  ...envelope,
  type: z.literal("reaction"),
  reaction: ReactionContent,
});
export const SendInteractiveMessage = z.strictObject({
  ...envelope,
  type: z.literal("interactive"),
  interactive: InteractiveContent,
});
export const SendTemplateMessage = z.strictObject({
  ...envelope,
  type: z.literal("template"),
  template: TemplateContent,
});

const SendMessageVariants = z.discriminatedUnion("type", [
  SendTextMessage,
  SendImageMessage,
  SendVideoMessage,
  SendAudioMessage,
  SendDocumentMessage,
  SendStickerMessage,
  SendLocationMessage,
  SendContactsMessage,
  SendReactionMessage,
  SendInteractiveMessage,
  SendTemplateMessage,
]);

export const SendMessageRequest = SendMessageVariants.superRefine((m, ctx) => {
  if (m.to === undefined && m.recipient === undefined)
    ctx.addIssue({ code: "custom", path: ["to"], message: "to (a phone number) or recipient (a BSUID) is required" });
});
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;
export type SendMessageType = SendMessageRequest["type"];

/**
 * Accepted is not delivered: delivery arrives later as a status webhook. `message_status` is only
 * present for templates (`accepted`, `held_for_quality_assessment`, `paused`).
 */
export const SendMessageResponse = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  contacts: z.array(z.looseObject({ input: z.string(), wa_id: z.string().optional() })),
  messages: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        message_status: z.string().optional(),
      }),
    )
    .min(1),
});
export type SendMessageResponse = z.infer<typeof SendMessageResponse>;

/** Mark an inbound message read; optionally show the typing indicator (<= 25 s). */
export const MarkAsReadRequest = z.strictObject({
  messaging_product: z.literal("whatsapp"),
  status: z.literal("read"),
  message_id: z.string().min(1),
  typing_indicator: z.strictObject({ type: z.literal("text") }).optional(),
});
export type MarkAsReadRequest = z.infer<typeof MarkAsReadRequest>;
