import { z } from "zod";
import { openEnum } from "../wire/common.js";

/**
 * Values of the WABA-level fields Wharf handles: `message_template_status_update`,
 * `phone_number_quality_update`, `account_update`. Enums are open: Meta adds events.
 */

export const TEMPLATE_STATUS_EVENTS = [
  "APPROVED",
  "ARCHIVED",
  "DELETED",
  "DISABLED",
  "FLAGGED",
  "IN_APPEAL",
  "LIMIT_EXCEEDED",
  "LOCKED",
  "PAUSED",
  "PENDING",
  "REINSTATED",
  "PENDING_DELETION",
  "REJECTED",
  "UNARCHIVED",
] as const;

export const TemplateStatusUpdateValue = z.looseObject({
  event: openEnum(TEMPLATE_STATUS_EVENTS),
  /** A JSON number in Meta's payloads (unlike every other id); a string is tolerated too. */
  message_template_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  message_template_name: z.string(),
  message_template_language: z.string(),
  /** `null` when the template is scheduled for deletion. */
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
  rejection_info: z.looseObject({ reason: z.string(), recommendation: z.string().optional() }).optional(),
  disable_info: z.looseObject({ disable_date: z.number() }).optional(),
  other_info: z.looseObject({ title: z.string(), description: z.string().optional() }).optional(),
});
export type TemplateStatusUpdateValue = z.infer<typeof TemplateStatusUpdateValue>;

export const PhoneNumberQualityUpdateValue = z.looseObject({
  display_phone_number: z.string(),
  event: openEnum(["ONBOARDING", "THROUGHPUT_UPGRADE", "FLAGGED", "UNFLAGGED", "UPGRADE", "DOWNGRADE"]),
  /** Removed by Meta in Feb 2026; replaced by the portfolio-level limit below. */
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
  max_daily_conversations_per_business: z.union([z.string(), z.number()]).optional(),
});
export type PhoneNumberQualityUpdateValue = z.infer<typeof PhoneNumberQualityUpdateValue>;

const TemplateRef = {
  /** A JSON number in Meta's payloads, like message_template_status_update's. */
  message_template_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  message_template_name: z.string(),
  message_template_language: z.string(),
};

/** `message_template_quality_update`: the template's quality score moved. */
export const TemplateQualityUpdateValue = z.looseObject({
  ...TemplateRef,
  previous_quality_score: z.string().optional(),
  new_quality_score: openEnum(["GREEN", "YELLOW", "RED", "UNKNOWN"]),
});
export type TemplateQualityUpdateValue = z.infer<typeof TemplateQualityUpdateValue>;

/**
 * `template_category_update`: Meta re-categorised a template. Impending (in 24 h): `new_category` is
 * the current one and `correct_category` the coming one; completed: `previous_category` and `new_category`.
 */
export const TemplateCategoryUpdateValue = z.looseObject({
  ...TemplateRef,
  previous_category: z.string().optional(),
  new_category: z.string(),
  correct_category: z.string().optional(),
  category_update_timestamp: z.number().optional(),
});
export type TemplateCategoryUpdateValue = z.infer<typeof TemplateCategoryUpdateValue>;

/** `business_capability_update`: the business's limits changed; each field appears on its own. */
export const BusinessCapabilityUpdateValue = z.looseObject({
  /** v24.0+: the portfolio's messaging limit (`TIER_...` or a number). */
  max_daily_conversations_per_business: z.union([z.string(), z.number()]).optional(),
  /** Up to v23.0 (removed Feb 2026): -1 = unlimited. */
  max_daily_conversation_per_phone: z.number().optional(),
  max_phone_numbers_per_business: z.number().optional(),
  max_phone_numbers_per_waba: z.number().optional(),
});
export type BusinessCapabilityUpdateValue = z.infer<typeof BusinessCapabilityUpdateValue>;

export const ACCOUNT_UPDATE_EVENTS = [
  "ACCOUNT_DELETED",
  "ACCOUNT_VIOLATION",
  "ACCOUNT_RESTRICTION",
  "DISABLED_UPDATE",
  "PARTNER_ADDED",
  "PARTNER_REMOVED",
  "PARTNER_APP_INSTALLED",
  "PARTNER_APP_UNINSTALLED",
  "ACCOUNT_OFFBOARDED",
  "ACCOUNT_RECONNECTED",
  "AD_ACCOUNT_LINKED",
  "MM_LITE_TERMS_SIGNED",
  "VOLUME_BASED_PRICING_TIER_UPDATE",
] as const;

export const AccountUpdateValue = z.looseObject({
  event: openEnum(ACCOUNT_UPDATE_EVENTS),
  phone_number: z.string().optional(),
  /** PARTNER_ADDED / PARTNER_REMOVED: the WABA shared with (or taken from) this app. */
  waba_info: z
    .looseObject({
      waba_id: z.string(),
      owner_business_id: z.string().optional(),
      solution_id: z.string().optional(),
      solution_partner_business_ids: z.array(z.string()).optional(),
    })
    .optional(),
  violation_info: z.looseObject({ violation_type: z.string() }).optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.number().optional() }))
    .optional(),
  ban_info: z.looseObject({ waba_ban_state: z.string(), waba_ban_date: z.string().optional() }).optional(),
});
export type AccountUpdateValue = z.infer<typeof AccountUpdateValue>;

/**
 * A change of a WABA-level field Wharf handles, its value checked against that field's schema:
 * the envelope's handled changes, and what the inbound handlers parse a stored change with.
 */
export const AccountChange = z.discriminatedUnion("field", [
  z.looseObject({ field: z.literal("message_template_status_update"), value: TemplateStatusUpdateValue }),
  z.looseObject({ field: z.literal("phone_number_quality_update"), value: PhoneNumberQualityUpdateValue }),
  z.looseObject({ field: z.literal("account_update"), value: AccountUpdateValue }),
  z.looseObject({ field: z.literal("message_template_quality_update"), value: TemplateQualityUpdateValue }),
  z.looseObject({ field: z.literal("template_category_update"), value: TemplateCategoryUpdateValue }),
  z.looseObject({ field: z.literal("business_capability_update"), value: BusinessCapabilityUpdateValue }),
]);
export type AccountChange = z.infer<typeof AccountChange>;
export const ACCOUNT_CHANGE_FIELDS: ReadonlySet<string> = new Set(
  AccountChange.options.map((o) => o.shape.field.value),
);
