import type { EmulatorContext } from "../core/context.js";
import type { TemplateRecord, TemplateStatus } from "../state/content-model.js";
import { publish } from "../webhooks/publish.js";

/** The statuses a review can give (the control route's `status`). */
export const REVIEW_STATUSES = [
  "APPROVED",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "FLAGGED",
  "IN_APPEAL",
  "REINSTATED",
  "PENDING",
  "LOCKED",
  "ARCHIVED",
] as const satisfies readonly TemplateStatus[];

const REJECTION_REASONS = [
  "ABUSIVE_CONTENT",
  "INCORRECT_CATEGORY",
  "INVALID_FORMAT",
  "NONE",
  "PROMOTIONAL",
  "SCAM",
  "TAG_CONTENT_MISMATCH",
];

/**
 * The `message_template_status_update` value: `message_template_id` is a JSON number in
 * Meta's payloads; REJECTED adds `rejection_info`, DISABLED `disable_info` and PAUSED
 * `other_info`, as in Meta's webhook reference.
 */
export function templateStatusValue(
  t: TemplateRecord,
  event: string,
  reason: string | null,
  now: number,
): Record<string, unknown> {
  const value: Record<string, unknown> = {
    event,
    message_template_id: Number(t.id),
    message_template_name: t.name,
    message_template_language: t.language,
    reason,
    message_template_category: t.category,
  };
  if (event === "REJECTED") {
    value["rejection_info"] = {
      reason: reason ?? "NONE",
      recommendation: "Review the template guidelines, then edit and resubmit the template.",
    };
  }
  if (event === "DISABLED") value["disable_info"] = { disable_date: Math.floor(now / 1000) };
  if (event === "PAUSED") {
    value["other_info"] = {
      title: "FIRST_PAUSE",
      description: "Your message template has been paused for 3 hours because of low quality.",
    };
  }
  return value;
}

/** Decides a review (control API or auto-approval) and tells the subscribed app by webhook. */
export function reviewTemplate(ctx: EmulatorContext, t: TemplateRecord, status: TemplateStatus, reason?: string): void {
  const effectiveReason =
    status === "REJECTED"
      ? reason && REJECTION_REASONS.includes(reason)
        ? reason
        : "INVALID_FORMAT"
      : (reason ?? "NONE");
  t.status = status;
  t.rejectedReason = status === "REJECTED" ? effectiveReason : "NONE";
  publish(
    ctx,
    t.wabaId,
    "message_template_status_update",
    templateStatusValue(t, status, effectiveReason, ctx.clock.now()),
  );
}

export function scheduleAutoApproval(ctx: EmulatorContext, t: TemplateRecord): void {
  const delay = ctx.options.templateAutoApproveMs;
  if (delay === undefined) return;
  const state = ctx.state;
  ctx.timers.schedule(delay, () => {
    if (ctx.state === state && state.templates.get(t.id) === t && t.status === "PENDING") {
      reviewTemplate(ctx, t, "APPROVED");
      ctx.changed();
    }
  });
}
