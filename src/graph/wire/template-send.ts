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
  // Flow / catalog / MPM button actions: shape depends on the button kind.
  z.strictObject({ type: z.literal("action"), action: z.record(z.string(), z.unknown()) }),
]);
export type TemplateParameter = z.infer<typeof TemplateParameter>;

const BUTTON_SUB_TYPES = ["quick_reply", "url", "copy_code", "flow", "catalog", "mpm", "voice_call", "otp"] as const;
const ButtonSubType = z
  .string()
  .refine((s) => (BUTTON_SUB_TYPES as readonly string[]).includes(s.toLowerCase()), "unknown button sub_type");

export const TemplateSendComponent = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("header"), parameters: z.array(TemplateParameter).min(1) }),
  z.strictObject({ type: z.literal("body"), parameters: z.array(TemplateParameter).min(1) }),
  z.strictObject({
    type: z.literal("button"),
    sub_type: ButtonSubType,
    index: z.union([z.string().regex(/^\d$/), z.number().int().min(0).max(9)]),
    parameters: z.array(TemplateParameter),
  }),
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
