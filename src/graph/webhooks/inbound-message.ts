import { z } from "zod";
import { WebhookError } from "./webhook-error.js";

/**
 * Inbound messages in a `messages` change (`value.messages[]`). Known types are checked
 * strictly on the fields Wharf reads; objects stay loose because Meta adds fields (e.g. `url`
 * on inbound media since 2025-11). A type Wharf does not know yet parses as `OtherInboundMessage`
 * instead of failing the whole delivery.
 */

export const InboundContext = z.looseObject({
  from: z.string().optional(),
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z.looseObject({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
});
export type InboundContext = z.infer<typeof InboundContext>;

/** Click-to-WhatsApp ad referral. */
export const InboundReferral = z.looseObject({
  source_url: z.string().optional(),
  source_id: z.string().optional(),
  source_type: z.string().optional(),
  headline: z.string().optional(),
  body: z.string().optional(),
  media_type: z.string().optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  ctwa_clid: z.string().optional(),
});
export type InboundReferral = z.infer<typeof InboundReferral>;

const base = {
  /** The customer's phone; Meta omits it for a username customer whose phone it withholds (2026). */
  from: z.string().min(1).optional(),
  /** The customer's business-scoped user id (BSUID), on every inbound message since 2026. */
  from_user_id: z.string().min(1).optional(),
  from_parent_user_id: z.string().min(1).optional(),
  id: z.string().min(1),
  /** Unix seconds as a decimal string. */
  timestamp: z.string().regex(/^\d+$/),
  context: InboundContext.optional(),
  referral: InboundReferral.optional(),
  errors: z.array(WebhookError).optional(),
};

const media = {
  id: z.string().min(1),
  mime_type: z.string().min(1),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  url: z.string().optional(),
};

const contactCard = z.looseObject({
  name: z.looseObject({ formatted_name: z.string() }).optional(),
  phones: z
    .array(z.looseObject({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }))
    .optional(),
});

const interactiveReply = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("button_reply"),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }),
  }),
  z.looseObject({
    type: z.literal("list_reply"),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
  z.looseObject({
    type: z.literal("nfm_reply"),
    nfm_reply: z.looseObject({ name: z.string().optional(), body: z.string().optional(), response_json: z.string() }),
  }),
]);

export const KNOWN_INBOUND_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "system",
  "unsupported",
] as const;

export const KnownInboundMessage = z.discriminatedUnion("type", [
  z.looseObject({ ...base, type: z.literal("text"), text: z.looseObject({ body: z.string() }) }),
  z.looseObject({ ...base, type: z.literal("image"), image: z.looseObject(media) }),
  z.looseObject({ ...base, type: z.literal("video"), video: z.looseObject(media) }),
  z.looseObject({
    ...base,
    type: z.literal("audio"),
    audio: z.looseObject({ ...media, voice: z.boolean().optional() }),
  }),
  z.looseObject({
    ...base,
    type: z.literal("document"),
    document: z.looseObject({ ...media, filename: z.string().optional() }),
  }),
  z.looseObject({
    ...base,
    type: z.literal("sticker"),
    sticker: z.looseObject({ ...media, animated: z.boolean().optional() }),
  }),
  z.looseObject({
    ...base,
    type: z.literal("location"),
    location: z.looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    }),
  }),
  z.looseObject({ ...base, type: z.literal("contacts"), contacts: z.array(contactCard) }),
  z.looseObject({ ...base, type: z.literal("interactive"), interactive: interactiveReply }),
  /** Template quick-reply tap. */
  z.looseObject({
    ...base,
    type: z.literal("button"),
    button: z.looseObject({ payload: z.string(), text: z.string() }),
  }),
  /** `emoji` empty or absent means the reaction was removed. */
  z.looseObject({
    ...base,
    type: z.literal("reaction"),
    reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }),
  }),
  z.looseObject({
    ...base,
    type: z.literal("order"),
    order: z.looseObject({
      catalog_id: z.string(),
      text: z.string().optional(),
      product_items: z.array(
        z.looseObject({
          product_retailer_id: z.string(),
          quantity: z.number(),
          item_price: z.number(),
          currency: z.string(),
        }),
      ),
    }),
  }),
  z.looseObject({
    ...base,
    type: z.literal("system"),
    system: z.looseObject({ body: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }),
  }),
  z.looseObject({
    ...base,
    type: z.literal("unsupported"),
    unsupported: z.looseObject({ type: z.string().optional() }).optional(),
  }),
]);
export type KnownInboundMessage = z.infer<typeof KnownInboundMessage>;

/** A message type Meta added after this schema was written; its base fields still hold. */
export const OtherInboundMessage = z.looseObject({
  ...base,
  type: z
    .string()
    .refine((t) => !(KNOWN_INBOUND_TYPES as readonly string[]).includes(t), "known type with a malformed body"),
});
export type OtherInboundMessage = z.infer<typeof OtherInboundMessage>;

export const InboundMessage = z.union([KnownInboundMessage, OtherInboundMessage]);
export type InboundMessage = z.infer<typeof InboundMessage>;
export type InboundMessageType = KnownInboundMessage["type"];
