import { z } from "zod";
import { DocumentContent, ImageContent, LocationContent, VideoContent } from "./message-content.js";

/**
 * `template` content of a send (OAS `TemplateObject`, Meta "Send message templates").
 * Named templates (`parameter_format: NAMED`) tag each parameter with `parameter_name`;
 * positional ones rely on order. Meta's own examples write button `sub_type` in either case
 * (`url`, `CATALOG`) and `index` as a string or a number, so both are accepted.
 */

const named = {
  parameter_name: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .optional(),
};

export const TemplateParameter = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), text: z.string(), ...named }),
  z.strictObject({
    type: z.literal("currency"),
    currency: z.strictObject({ fallback_value: z.string(), code: z.string().length(3), amount_1000: z.number().int() }),
    ...named,
  }),
  z.strictObject({
    type: z.literal("date_time"),
    date_time: z.looseObject({ fallback_value: z.string() }),
    ...named,
  }),
  z.strictObject({ type: z.literal("image"), image: ImageContent }),
  z.strictObject({ type: z.literal("video"), video: VideoContent }),
  z.strictObject({ type: z.literal("document"), document: DocumentContent }),
  z.strictObject({ type: z.literal("location"), location: LocationContent }),
  z.strictObject({
    type: z.literal("product"),
    product: z.strictObject({ product_retailer_id: z.string().min(1), catalog_id: z.string().min(1) }),
  }),
  z.strictObject({ type: z.literal("payload"), payload: z.string() }),
  z.strictObject({ type: z.literal("coupon_code"), coupon_code: z.string().max(20) }),
  // Meta, "Limited-time offer templates" (sending): when the offer expires, in Unix milliseconds.
  z.strictObject({
    type: z.literal("limited_time_offer"),
    limited_time_offer: z.strictObject({ expiration_time_ms: z.number().int().positive() }),
  }),
  // Flow / catalog / MPM button actions: shape depends on the button kind.
  z.strictObject({ type: z.literal("action"), action: z.record(z.string(), z.unknown()) }),
]);
export type TemplateParameter = z.infer<typeof TemplateParameter>;

const BUTTON_SUB_TYPES = ["quick_reply", "url", "copy_code", "flow", "catalog", "mpm", "voice_call", "otp"] as const;
const ButtonSubType = z
  .string()
  .refine((s) => (BUTTON_SUB_TYPES as readonly string[]).includes(s.toLowerCase()), "unknown button sub_type");

/**
 * The parameter type each button kind takes at send time (Meta, "Send message templates" and the
 * per-button guides): a URL button's dynamic suffix is `text`, a quick reply's `payload`, a
 * copy-code button's `coupon_code`, flow, catalog and multi-product buttons an `action`. Meta
 * refuses a send with any other type. An OTP code travels as `text` on a `url` button.
 */
export const BUTTON_PARAMETER_TYPE: Readonly<Record<string, string>> = {
  url: "text",
  quick_reply: "payload",
  copy_code: "coupon_code",
  flow: "action",
  catalog: "action",
  mpm: "action",
  otp: "text",
};

/**
 * The `sub_type` a send names for each kind of template button (Meta, "Send message templates"; an
 * authentication template's OTP button is sent as `url`, "Copy code authentication templates").
 * Buttons of other kinds (phone number, voice call) take no parameter and are not checked.
 */
export const BUTTON_SUB_TYPE: Readonly<Record<string, string>> = {
  URL: "url",
  QUICK_REPLY: "quick_reply",
  COPY_CODE: "copy_code",
  OTP: "url",
  FLOW: "flow",
  CATALOG: "catalog",
  MPM: "mpm",
};

const ButtonSend = z
  .strictObject({
    type: z.literal("button"),
    sub_type: ButtonSubType,
    index: z.union([z.string().regex(/^\d$/), z.number().int().min(0).max(9)]),
    parameters: z.array(TemplateParameter),
  })
  .superRefine((b, ctx) => {
    const wanted = BUTTON_PARAMETER_TYPE[b.sub_type.toLowerCase()];
    if (!wanted) return;
    b.parameters.forEach((p, i) => {
      if (p.type !== wanted)
        ctx.addIssue({
          code: "custom",
          path: ["parameters", i, "type"],
          message: `a ${b.sub_type.toLowerCase()} button takes a "${wanted}" parameter, not "${p.type}"`,
        });
    });
  });

const HeaderSend = z.strictObject({ type: z.literal("header"), parameters: z.array(TemplateParameter).min(1) });
const BodySend = z.strictObject({ type: z.literal("body"), parameters: z.array(TemplateParameter).min(1) });

/** One card of a carousel send (Meta, "Sending media card carousel templates"): its index and its own components. */
export const CarouselCardSend = z.strictObject({
  card_index: z.number().int().min(0).max(9),
  components: z.array(z.discriminatedUnion("type", [HeaderSend, BodySend, ButtonSend])),
});
export type CarouselCardSend = z.infer<typeof CarouselCardSend>;

export const TemplateSendComponent = z.discriminatedUnion("type", [
  HeaderSend,
  BodySend,
  ButtonSend,
  z.strictObject({ type: z.literal("limited_time_offer"), parameters: z.array(TemplateParameter).min(1) }),
  z.strictObject({ type: z.literal("carousel"), cards: z.array(CarouselCardSend).min(1).max(10) }),
]);
export type TemplateSendComponent = z.infer<typeof TemplateSendComponent>;

export const TemplateContent = z.strictObject({
  name: z.string().min(1).max(512),
  language: z.strictObject({
    code: z.string().min(2),
    policy: z.literal("deterministic").optional(),
  }),
  components: z.array(TemplateSendComponent).optional(),
});
export type TemplateContent = z.infer<typeof TemplateContent>;
