import { z } from "zod";
import { openEnum } from "../wire/common.js";
import { WebhookError } from "./webhook-error.js";

/**
 * Status callbacks (`value.statuses[]`): up to three per sent message (sent, delivered, read),
 * or `failed` with `errors[]` for failures after a 200 API answer. Meta does not order them:
 * `read` can arrive before `delivered`.
 */

export const MESSAGE_STATUSES = ["sent", "delivered", "read", "failed", "played"] as const;

export const StatusConversation = z.looseObject({
  id: z.string(),
  /** Usually only on the first `sent` of a conversation. */
  expiration_timestamp: z.string().optional(),
  origin: z.looseObject({ type: z.string() }).optional(),
});

export const StatusPricing = z.looseObject({
  billable: z.boolean().optional(),
  /** `CBP` before 2025-07-01, `PMP` (per-message pricing) after. */
  pricing_model: z.string().optional(),
  category: z.string().optional(),
  /** From webhook v24.0: regular | free_customer_service | free_entry_point. */
  type: z.string().optional(),
});

export const MessageStatusUpdate = z.looseObject({
  id: z.string().min(1),
  status: openEnum(MESSAGE_STATUSES),
  timestamp: z.string().regex(/^\d+$/),
  /** Absent for 2026 BSUID-only recipients, which carry `recipient_user_id` instead. */
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  recipient_parent_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  recipient_type: z.string().optional(),
  conversation: StatusConversation.optional(),
  pricing: StatusPricing.optional(),
  errors: z.array(WebhookError).optional(),
});
export type MessageStatusUpdate = z.infer<typeof MessageStatusUpdate>;
