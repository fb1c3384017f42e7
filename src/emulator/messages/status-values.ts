import { createHash } from "node:crypto";
import { unixSeconds } from "../core/clock.js";
import type { WebhookErrorObject } from "../core/graph-error.js";
import type { PhoneNumberRecord } from "../state/model.js";
import type { SentMessage, StatusName } from "../state/content-model.js";

/** Pricing facts fixed when the message is accepted (per-message pricing, PMP). */
export interface MessagePricing {
  category: string;
  billable: boolean;
  /** `regular` (charged) or `free_customer_service` (free inside the customer's window); webhooks v24.0+ only. */
  type: "regular" | "free_customer_service";
  callbackData?: string;
}

const DAY_MS = 24 * 60 * 60_000;

/** `v24.0` >= 24. */
export function versionAtLeast(version: string, major: number): boolean {
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 0) >= major;
}

/** Meta's `metadata.display_phone_number` is the number's digits, without `+` or spaces. */
export function metadataOf(phone: PhoneNumberRecord) {
  return { display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ""), phone_number_id: phone.id };
}

/** A conversation id stable for one user, number and category within a 24-hour period. */
function conversationId(message: SentMessage, category: string): string {
  const period = Math.floor(message.acceptedAt / DAY_MS);
  return createHash("sha256")
    .update(`${message.phoneNumberId}:${message.waId}:${category}:${period}`)
    .digest("hex")
    .slice(0, 32);
}

/**
 * A `messages` change value carrying one status (OAS `StatusMessageValue`). `conversation` and
 * `pricing` ride on `sent` and `delivered`, the expiration only on `sent`; `failed` carries
 * `errors[]` instead.
 */
export function statusValue(
  phone: PhoneNumberRecord,
  message: SentMessage,
  status: StatusName,
  now: number,
  pricing: MessagePricing,
  webhookVersion: string,
  error?: WebhookErrorObject,
): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    id: message.wamid,
    status,
    timestamp: String(unixSeconds(now)),
    ...(message.phoneWithheld ? {} : { recipient_id: message.waId }),
    recipient_user_id: message.userId,
    ...(message.parentUserId ? { recipient_parent_user_id: message.parentUserId } : {}),
  };
  if (pricing.callbackData !== undefined) entry["biz_opaque_callback_data"] = pricing.callbackData;
  if (status === "sent" || status === "delivered") {
    entry["conversation"] = {
      id: (message.conversationId ??= conversationId(message, pricing.category)),
      ...(status === "sent" ? { expiration_timestamp: String(unixSeconds(message.acceptedAt + DAY_MS)) } : {}),
      origin: { type: pricing.category },
    };
    entry["pricing"] = {
      billable: pricing.billable,
      pricing_model: "PMP",
      category: pricing.category,
      // Webhooks v24.0 and later only (Meta's status webhook reference, "pricing.type").
      ...(versionAtLeast(webhookVersion, 24) ? { type: pricing.type } : {}),
    };
  }
  if (error) entry["errors"] = [error];
  return { messaging_product: "whatsapp", metadata: metadataOf(phone), statuses: [entry] };
}
