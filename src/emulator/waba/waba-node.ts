import type { EmulatorContext } from "../core/context.js";
import { versionNumber } from "../nodes/lookup.js";
import type { BusinessRecord, WabaRecord } from "../state/model.js";

/**
 * From v24 the portfolio's messaging limit is also a field of the Business and WABA nodes
 * (`whatsapp_business_manager_messaging_limit` in Meta's business SDKs' `BusinessFields` and
 * `WhatsAppBusinessAccountFields`); asking v23 for it is "nonexisting field" (100).
 */
function portfolioLimit(business: BusinessRecord | undefined, version: string): Record<string, unknown> {
  return business && versionNumber(version) >= 24
    ? { whatsapp_business_manager_messaging_limit: business.messagingLimit }
    : {};
}

export const WABA_DEFAULT_FIELDS = ["name", "currency", "timezone_id", "message_template_namespace"] as const;

/** The WhatsApp Business Account node, with the owner business's verification status. */
export function wabaNode(ctx: EmulatorContext, waba: WabaRecord, version: string): Record<string, unknown> {
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
    ...portfolioLimit(business, version),
  };
}

export const BUSINESS_DEFAULT_FIELDS = ["name"] as const;

export function businessNode(business: BusinessRecord, version: string): Record<string, unknown> {
  return {
    id: business.id,
    name: business.name,
    verification_status: business.verificationStatus,
    ...portfolioLimit(business, version),
  };
}
