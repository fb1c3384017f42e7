import { z } from "zod";
import { GraphError } from "../core/graph-error.js";
import { REVIEW_STATUSES } from "../templates/review-template.js";

/** Bodies of the control API (ours, not Meta's; camelCase like the rest of Wharf's contract). */
export const InboundBody = z.strictObject({
  phoneNumberId: z.string().min(1),
  from: z.string().min(1),
  text: z.string().min(1).optional(),
  name: z.string().optional(),
  message: z.record(z.string(), z.unknown()).optional(),
  /** A file the customer sends: stored as media of the number, so Graph can serve it back. */
  media: z
    .strictObject({
      mimeType: z.string().min(3),
      base64: z.string().min(1),
      filename: z.string().optional(),
      caption: z.string().optional(),
      kind: z.enum(["image", "video", "audio", "document", "sticker"]).optional(),
    })
    .optional(),
});

export const AppPatch = z.strictObject({ requireAppSecret: z.boolean() });

export const RevokeBody = z.strictObject({ accessToken: z.string().min(1).optional() });

export const ReviewBody = z.strictObject({
  status: z.enum(REVIEW_STATUSES),
  reason: z.string().optional(),
});

export const FaultBody = z
  .strictObject({
    method: z.string().optional(),
    path: z.string().startsWith("/").optional(),
    status: z.number().int().min(100).max(599).optional(),
    code: z.number().int().optional(),
    subcode: z.number().int().optional(),
    message: z.string().optional(),
    count: z.number().int().positive().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    cutAfterBytes: z.number().int().min(0).optional(),
  })
  .refine((f) => f.status !== undefined || f.latencyMs !== undefined || f.cutAfterBytes !== undefined, {
    message: "a fault needs status, latencyMs or cutAfterBytes",
  });

export const ClockBody = z.strictObject({ advanceMs: z.number().min(0) });

export const PhoneNumberPatch = z.strictObject({
  throughputMps: z.number().positive().optional(),
  /** The tier Meta reports (v23 `messaging_limit_tier`, v24 `whatsapp_business_manager_messaging_limit`). */
  messagingLimitTier: z
    .string()
    .regex(/^TIER_(\d+K?|UNLIMITED)$/)
    .optional(),
  businessManagerMessagingLimit: z
    .string()
    .regex(/^TIER_(\d+K?|UNLIMITED)$/)
    .optional(),
  uniqueRecipientLimit: z.number().int().min(0).nullable().optional(),
  businessVerified: z.boolean().optional(),
  qualityRating: z.enum(["GREEN", "YELLOW", "RED", "UNKNOWN"]).optional(),
  registered: z.boolean().optional(),
});

export const WebhookUrlBody = z.strictObject({ url: z.url().nullable() });

export function parseControl<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GraphError(400, {
    message: `Invalid control request: ${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "bad body"}`,
    type: "EmulatorControlException",
    code: 100,
  });
}
