import type { EmulatorContext } from "../core/context.js";
import type { PhoneNumberRecord } from "../state/model.js";
import { versionNumber } from "../nodes/lookup.js";
import { portfolioOf } from "../portfolio/messaging-limit.js";

/** What `GET /{phone_number_id}` answers without `fields` (Meta's default set). */
export const PHONE_NUMBER_DEFAULT_FIELDS = [
  "verified_name",
  "code_verification_status",
  "display_phone_number",
  "quality_rating",
  "platform_type",
  "throughput",
  "last_onboarded_time",
  "webhook_configuration",
] as const;

/** Meta's timestamps on this node look like `2023-08-22T19:05:53+0000`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

/**
 * The phone-number node. `platform_type` stays `NOT_APPLICABLE` and `status` `PENDING` until
 * the number is registered; the messaging limit is `messaging_limit_tier` up to v23 and
 * `whatsapp_business_manager_messaging_limit` from v24 (messaging-limits doc, "Via API"), and
 * either way it is the number's portfolio's limit, which all its numbers share.
 */
export function phoneNumberNode(ctx: EmulatorContext, p: PhoneNumberRecord, version: string): Record<string, unknown> {
  const v = versionNumber(version);
  const node: Record<string, unknown> = {
    id: p.id,
    display_phone_number: p.displayPhoneNumber,
    verified_name: p.verifiedName,
    quality_rating: p.qualityRating,
    code_verification_status: p.codeVerificationStatus,
    platform_type: p.registered ? "CLOUD_API" : "NOT_APPLICABLE",
    throughput: { level: p.throughputMps > 80 ? "HIGH" : "STANDARD" },
    status: p.registered ? "CONNECTED" : "PENDING",
    name_status: p.nameStatus,
    new_name_status: "NONE",
    account_mode: "LIVE",
    is_official_business_account: false,
    is_pin_enabled: p.pin !== null,
    is_on_biz_app: false,
    last_onboarded_time: graphTime(p.lastOnboardedAt),
    search_visibility: "VISIBLE",
    webhook_configuration: webhookConfiguration(ctx, p),
    health_status: healthStatus(p),
  };
  const limit = portfolioOf(ctx.state, p)?.messagingLimit;
  if (v < 24) node["messaging_limit_tier"] = limit;
  else node["whatsapp_business_manager_messaging_limit"] = limit;
  return node;
}

function webhookConfiguration(ctx: EmulatorContext, p: PhoneNumberRecord): Record<string, string> {
  const waba = ctx.state.wabas.get(p.wabaId);
  const subscription = waba?.subscribedApps.get(ctx.state.app.id);
  return {
    ...(ctx.webhookUrl ? { application: ctx.webhookUrl } : {}),
    ...(subscription?.overrideCallbackUri ? { whatsapp_business_account: subscription.overrideCallbackUri } : {}),
    ...(p.webhookOverrideUri ? { phone_number: p.webhookOverrideUri } : {}),
  };
}

/**
 * Meta's `health_status` (support/health-status): whether the number can send, and per entity the
 * errors that stop it. Set through the control API (`POST /_emulator/phone-numbers/{id}/health`);
 * otherwise an unregistered number is BLOCKED with Meta's 133010.
 */
export function healthStatus(p: PhoneNumberRecord): Record<string, unknown> {
  if (p.health) {
    const entity = {
      entity_type: "PHONE_NUMBER",
      id: p.id,
      can_send_message: p.health.canSend,
      ...(p.health.errors.length > 0 ? { errors: p.health.errors } : {}),
    };
    return { can_send_message: p.health.canSend, entities: [entity] };
  }
  const can = p.registered ? "AVAILABLE" : "BLOCKED";
  return {
    can_send_message: can,
    entities: [
      {
        entity_type: "PHONE_NUMBER",
        id: p.id,
        can_send_message: can,
        ...(p.registered
          ? {}
          : {
              errors: [
                { error_code: 133010, error_description: "The phone number is not registered on the Cloud API." },
              ],
            }),
      },
    ],
  };
}
