import { z } from "zod";
import { GraphId, graphList, openEnum } from "./common.js";

/**
 * Template management: `POST|GET|DELETE /{waba_id}/message_templates`, `POST /{template_id}`.
 * Component types are UPPERCASE on the definition side (Meta answers in uppercase and accepts
 * either case on create, as its own Flow-template examples show).
 * Definitions are loose objects: Meta keeps adding button kinds and options, and these same
 * shapes come back on reads.
 */

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export const TEMPLATE_STATUSES = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "FLAGGED",
  "REINSTATED",
  "PENDING_DELETION",
  "DELETED",
  "LIMIT_EXCEEDED",
  "ARCHIVED",
  "UNARCHIVED",
  "LOCKED",
] as const;

const TemplateButton = z.looseObject({
  type: z.string().min(1), // QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW, OTP, CATALOG, MPM, SPM, ...
  text: z.string().optional(),
  url: z.string().optional(),
  phone_number: z.string().optional(),
  example: z.union([z.string(), z.array(z.string())]).optional(),
});

const example = z
  .looseObject({
    header_text: z.array(z.string()).optional(),
    header_handle: z.array(z.string()).optional(),
    body_text: z.array(z.array(z.string())).optional(),
    header_text_named_params: z.array(z.looseObject({ param_name: z.string(), example: z.string() })).optional(),
    body_text_named_params: z.array(z.looseObject({ param_name: z.string(), example: z.string() })).optional(),
  })
  .optional();

/** A carousel card's own components: a media header, an optional body, its buttons. */
const CardComponent = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal(["HEADER", "header"]), format: z.string(), example }),
  z.looseObject({ type: z.literal(["BODY", "body"]), text: z.string().max(160), example }),
  z.looseObject({ type: z.literal(["BUTTONS", "buttons"]), buttons: z.array(TemplateButton).min(1).max(2) }),
]);

export const TemplateComponent = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal(["HEADER", "header"]),
    format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION", "GIF", "PRODUCT"]),
    text: z.string().max(60).optional(),
    example,
  }),
  z.looseObject({
    type: z.literal(["BODY", "body"]),
    text: z.string().max(1024).optional(),
    add_security_recommendation: z.boolean().optional(),
    example,
  }),
  z.looseObject({
    type: z.literal(["FOOTER", "footer"]),
    text: z.string().max(60).optional(),
    code_expiration_minutes: z.number().int().optional(),
  }),
  z.looseObject({ type: z.literal(["BUTTONS", "buttons"]), buttons: z.array(TemplateButton).min(1).max(10) }),
  // Meta, "Limited-time offer templates": the offer text (at most 16 characters) and whether the
  // message shows the expiry countdown.
  z.looseObject({
    type: z.literal(["LIMITED_TIME_OFFER", "limited_time_offer"]),
    limited_time_offer: z.looseObject({ text: z.string().max(16), has_expiration: z.boolean().optional() }),
  }),
  // Meta, "Media card carousel templates": 2 to 10 cards, each with its own header, body and buttons.
  z.looseObject({
    type: z.literal(["CAROUSEL", "carousel"]),
    cards: z
      .array(z.looseObject({ components: z.array(CardComponent) }))
      .min(2)
      .max(10),
  }),
]);
export type TemplateComponent = z.infer<typeof TemplateComponent>;

export const CreateTemplateRequest = z.strictObject({
  /** Lowercase letters, digits and underscores; unique per (name, language). */
  name: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .max(512),
  language: z.string().min(2),
  category: z.enum(TEMPLATE_CATEGORIES),
  parameter_format: z.enum(["POSITIONAL", "NAMED"]).optional(),
  message_send_ttl_seconds: z.number().int().optional(),
  sub_category: z.string().optional(),
  library_template_name: z.string().optional(),
  components: z.array(TemplateComponent),
});
export type CreateTemplateRequest = z.infer<typeof CreateTemplateRequest>;

/** Persist `category` from here: Meta may recategorise on creation. */
export const CreateTemplateResponse = z.looseObject({
  id: GraphId,
  status: openEnum(TEMPLATE_STATUSES),
  category: openEnum(TEMPLATE_CATEGORIES),
});
export type CreateTemplateResponse = z.infer<typeof CreateTemplateResponse>;

/** Components are replaced wholesale; an approved template's category cannot change. */
export const EditTemplateRequest = z.strictObject({
  category: z.enum(TEMPLATE_CATEGORIES).optional(),
  components: z.array(TemplateComponent).optional(),
  message_send_ttl_seconds: z.number().int().optional(),
});
export type EditTemplateRequest = z.infer<typeof EditTemplateRequest>;

export const MessageTemplate = z.looseObject({
  id: GraphId,
  name: z.string(),
  language: z.string(),
  status: openEnum(TEMPLATE_STATUSES),
  category: openEnum(TEMPLATE_CATEGORIES),
  components: z.array(TemplateComponent.or(z.looseObject({ type: z.string() }))).optional(),
  parameter_format: openEnum(["POSITIONAL", "NAMED"]).optional(),
  sub_category: z.string().optional(),
  quality_score: z.looseObject({ score: z.string() }).optional(),
  rejected_reason: z.string().optional(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const MessageTemplateList = graphList(MessageTemplate);
export type MessageTemplateList = z.infer<typeof MessageTemplateList>;

/**
 * `DELETE /{waba_id}/message_templates`: by `name` (all languages), by `hsm_id` + `name`
 * (one language), or by `hsm_ids` (bulk, <= 100, not combinable with the others).
 */
export const DeleteTemplateQuery = z.union([
  z.strictObject({ name: z.string().min(1), hsm_id: z.string().min(1).optional() }),
  z.strictObject({ hsm_ids: z.array(z.string().min(1)).min(1).max(100) }),
]);
export type DeleteTemplateQuery = z.infer<typeof DeleteTemplateQuery>;
