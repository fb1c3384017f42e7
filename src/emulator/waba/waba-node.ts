import type { EmulatorContext } from "../core/context.js";
import type { BusinessRecord, WabaRecord } from "../state/model.js";

export const WABA_DEFAULT_FIELDS = ["name", "currency", "timezone_id", "message_template_namespace"] as const;

/** The WhatsApp Business Account node, with the owner business's verification status. */
export function wabaNode(ctx: EmulatorContext, waba: WabaRecord): Record<string, unknown> {
  const business = ctx.state.businesses.get(waba.businessId);
  return {
    id: waba.id,
    name: waba.name,
    currency: waba.currency,
    timezone_id: waba.timezoneId,
    message_template_namespace: waba.messageTemplateNamespace,
    account_review_status: "APPROVED",
    business_verification_status: business?.verificationStatus ?? "unverified",
    ownership_type: "CLIENT_OWNED",
    country: "US",
    owner_business_info: business ? { name: business.name, id: business.id } : undefined,
    health_status: {
      can_send_message: "AVAILABLE",
      entities: [{ entity_type: "WABA", id: waba.id, can_send_message: "AVAILABLE" }],
    },
  };
}

export const BUSINESS_DEFAULT_FIELDS = ["name"] as const;

export function businessNode(business: BusinessRecord): Record<string, unknown> {
  return {
    id: business.id,
    name: business.name,
    verification_status: business.verificationStatus,
  };
}
