import { z } from "zod";
import { PORTFOLIO_TIERS } from "../portfolio/messaging-limit.js";
import { GraphError } from "../core/graph-error.js";
import { REVIEW_STATUSES } from "../templates/review-template.js";

/** Bodies of the control API (ours, not Meta's; camelCase like the rest of Wharf's contract). */
export const InboundBody = z.strictObject({
  phoneNumberId: z.string().min(1),
  from: z.string().min(1),
  text: z.string().min(1).optional(),
  name: z.string().optional(),
  /** The customer adopted this WhatsApp username (2026): it shows as `contacts[].profile.username`. */
  username: z.string().min(1).max(35).optional(),
  /** Meta withholds the phone of this username customer: no `from`, no `wa_id`, only the BSUID. */
  phoneWithheld: z.boolean().optional(),
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

export const AppPatch = z.strictObject({
  requireAppSecret: z.boolean().optional(),
  webhookVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .optional(),
});

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
    regainAccessMinutes: z.number().int().min(0).max(1440).optional(),
  })
  .refine((f) => f.status !== undefined || f.latencyMs !== undefined || f.cutAfterBytes !== undefined, {
    message: "a fault needs status, latencyMs or cutAfterBytes",
  });

/** A WABA-level webhook Meta sends on its own: the value in Meta's shape, posted as is. */
export const AccountWebhookBody = z.strictObject({
  field: z.enum([
    "account_update",
    "phone_number_quality_update",
    "business_capability_update",
    "message_template_quality_update",
    "template_category_update",
  ]),
  wabaId: z.string().optional(),
  value: z.record(z.string(), z.unknown()),
});

/** Chaos for webhooks: random holds up to `reorderMs` (reordering) and duplicates at `duplicateRate`. */
export const ChaosBody = z.strictObject({
  reorderMs: z.number().int().min(0).max(60_000).default(500),
  duplicateRate: z.number().min(0).max(1).default(0.5),
  seed: z.number().int().min(0).default(1),
});

export const ClockBody = z.strictObject({ advanceMs: z.number().min(0) });

export const PhoneNumberPatch = z.strictObject({
  throughputMps: z.number().positive().optional(),
  qualityRating: z.enum(["GREEN", "YELLOW", "RED", "UNKNOWN"]).optional(),
  registered: z.boolean().optional(),
  nameStatus: z
    .enum(["APPROVED", "AVAILABLE_WITHOUT_REVIEW", "DECLINED", "EXPIRED", "PENDING_REVIEW", "NONE"])
    .optional(),
  /** Two-step verification as the business set it in WhatsApp Manager (off: no PIN any more). */
  twoStepEnabled: z.boolean().optional(),
});

/**
 * A business portfolio: its messaging limit (what its numbers and WABAs report and what sends are
 * held to) and its verification status. Meta's limits live on the portfolio, not on a number.
 */
export const BusinessPatch = z.strictObject({
  messagingLimit: z.enum(PORTFOLIO_TIERS).optional(),
  verificationStatus: z.enum(["verified", "unverified"]).optional(),
  /** Link the portfolio under an enterprise parent (parent BSUIDs on), or `null` to unlink. */
  parentId: z
    .string()
    .regex(/^\d{1,20}$/)
    .nullable()
    .optional(),
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
