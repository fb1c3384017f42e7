import { z } from "zod";
import { GraphId, openEnum } from "./common.js";

/**
 * Phone-number node (`GET /{phone_number_id}`, `GET /{waba_id}/phone_numbers`) and the bodies
 * of register / deregister / request_code / verify_code / two-step PIN. Only `id` is always
 * present: every other field appears only when asked for with `?fields=`.
 */

export const PHONE_NUMBER_FIELDS = [
  "id",
  "display_phone_number",
  "verified_name",
  "quality_rating",
  "code_verification_status",
  "status",
  "name_status",
  "platform_type",
  "throughput",
  "account_mode",
  "messaging_limit_tier",
  "is_official_business_account",
  "webhook_configuration",
  "health_status",
  "last_onboarded_time",
] as const;

/**
 * The fields to ask for at a Graph version: Meta renamed the messaging limit in v24.0, and asking
 * a version for a field it does not have is error 100 ("Tried accessing nonexisting field").
 */
export function phoneNumberFields(version: string): readonly string[] {
  const major = Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
  if (major < 24) return PHONE_NUMBER_FIELDS;
  return PHONE_NUMBER_FIELDS.map((f) =>
    f === "messaging_limit_tier" ? "whatsapp_business_manager_messaging_limit" : f,
  );
}

const HealthEntity = z.looseObject({
  entity_type: z.string(),
  id: z.string(),
  can_send_message: openEnum(["AVAILABLE", "LIMITED", "BLOCKED"]),
  errors: z
    .array(z.looseObject({ error_code: z.number().optional(), error_description: z.string().optional() }))
    .optional(),
});

export const PhoneNumber = z.looseObject({
  id: GraphId,
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: openEnum(["GREEN", "YELLOW", "RED", "UNKNOWN", "NA"]).optional(),
  code_verification_status: openEnum(["VERIFIED", "NOT_VERIFIED", "EXPIRED"]).optional(),
  status: openEnum(["CONNECTED", "DISCONNECTED", "UNVERIFIED", "PENDING", "FLAGGED", "RESTRICTED"]).optional(),
  name_status: z.string().optional(),
  new_name_status: z.string().optional(),
  platform_type: openEnum(["CLOUD_API", "ON_PREMISE", "NOT_APPLICABLE"]).optional(),
  throughput: z.looseObject({ level: openEnum(["STANDARD", "HIGH", "NOT_APPLICABLE"]) }).optional(),
  account_mode: openEnum(["SANDBOX", "LIVE"]).optional(),
  /** Up to v23.0; replaced by `whatsapp_business_manager_messaging_limit` from v24.0. */
  messaging_limit_tier: z.string().optional(),
  whatsapp_business_manager_messaging_limit: z.string().optional(),
  is_official_business_account: z.boolean().optional(),
  is_on_biz_app: z.boolean().optional(),
  webhook_configuration: z.record(z.string(), z.string()).optional(),
  health_status: z.looseObject({ can_send_message: z.string(), entities: z.array(HealthEntity).optional() }).optional(),
  last_onboarded_time: z.string().optional(),
});
export type PhoneNumber = z.infer<typeof PhoneNumber>;

/** Local-storage regions Meta accepts in `data_localization_region`. */
export const DATA_LOCALIZATION_REGIONS = [
  "AU",
  "ID",
  "IN",
  "JP",
  "SG",
  "KR",
  "DE",
  "CH",
  "GB",
  "BR",
  "BH",
  "ZA",
  "AE",
  "CA",
] as const;

const SixDigitPin = z.string().regex(/^\d{6}$/, "a 6-digit PIN");

export const RegisterPhoneNumberRequest = z.strictObject({
  messaging_product: z.literal("whatsapp"),
  /** The existing two-step PIN, or the new one if two-step verification is not set yet. */
  pin: SixDigitPin,
  data_localization_region: z.enum(DATA_LOCALIZATION_REGIONS).optional(),
  backup: z.strictObject({ password: z.string(), data: z.string() }).optional(),
  /** OAS `V2TierName`; rarely needed. */
  tier: z.string().optional(),
  meta_store_retention_minutes: z.number().int().optional(),
});
export type RegisterPhoneNumberRequest = z.infer<typeof RegisterPhoneNumberRequest>;

export const RequestVerificationCodeRequest = z.strictObject({
  code_method: z.enum(["SMS", "VOICE"]),
  language: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/), // OAS: `en_US` form
});
export type RequestVerificationCodeRequest = z.infer<typeof RequestVerificationCodeRequest>;

export const VerifyCodeRequest = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export type VerifyCodeRequest = z.infer<typeof VerifyCodeRequest>;

/** `POST /{phone_number_id}` with `{pin}` sets or changes the two-step verification PIN. */
export const SetTwoStepPinRequest = z.strictObject({ pin: SixDigitPin });
export type SetTwoStepPinRequest = z.infer<typeof SetTwoStepPinRequest>;

/** `POST /{waba_id}/phone_numbers`: add a number (or migrate one in) to a WABA. */
export const AddPhoneNumberRequest = z.strictObject({
  cc: z.string().regex(/^\d{1,3}$/),
  phone_number: z.string().regex(/^[1-9][0-9]{6,14}$/),
  verified_name: z.string().min(2).max(75).optional(),
  migrate_phone_number: z.boolean().optional(),
  preverified_id: z.string().optional(),
});
export type AddPhoneNumberRequest = z.infer<typeof AddPhoneNumberRequest>;

export const AddPhoneNumberResponse = z.looseObject({ id: GraphId });
export type AddPhoneNumberResponse = z.infer<typeof AddPhoneNumberResponse>;
