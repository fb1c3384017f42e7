import { z } from "zod";
import type { EmulatorContext } from "../core/context.js";
import { numericId } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { publish, type PublishOutcome } from "../webhooks/publish.js";
import type { PhoneNumberRecord } from "../state/model.js";

export const ForeignNumberBody = z.strictObject({
  countryCode: z.string().regex(/^\d{1,3}$/),
  phoneNumber: z.string().regex(/^[1-9]\d{6,14}$/),
  verifiedName: z.string().min(2).max(75).default("Moved Business"),
  /** Two-step verification at the old provider: Meta refuses the migration while it is on. */
  twoStepEnabled: z.boolean(),
});

export const HealthBody = z.strictObject({
  canSend: z.enum(["AVAILABLE", "LIMITED", "BLOCKED"]),
  errors: z
    .array(z.strictObject({ error_code: z.number().int(), error_description: z.string().max(500) }))
    .max(10)
    .default([]),
  /** Which of Meta's webhooks announces the change (the receiver then reads health_status again). */
  webhook: z
    .enum(["account_update", "phone_number_quality_update", "business_capability_update", "none"])
    .default("account_update"),
});

const PROVIDER = "Other Provider";

/**
 * A number registered at another provider (a WABA of another business and Meta user, which the
 * app's tokens cannot see), with two-step verification on or off: what a migration brings over.
 */
export function addForeignNumber(ctx: EmulatorContext, input: z.infer<typeof ForeignNumberBody>) {
  const digits = `${input.countryCode}${input.phoneNumber}`;
  if ([...ctx.state.phoneNumbers.values()].some((p) => p.displayPhoneNumber.replace(/\D/g, "") === digits))
    throw graphErrors.invalidParameter("A number with these digits already exists in the emulator.");
  const now = ctx.clock.now();
  let waba = [...ctx.state.wabas.values()].find((w) => w.name === `${PROVIDER} WABA`);
  if (!waba) {
    const userId = numericId();
    const businessId = numericId();
    ctx.state.users.set(userId, { id: userId, name: `${PROVIDER} admin` });
    ctx.state.businesses.set(businessId, {
      id: businessId,
      name: PROVIDER,
      ownerUserId: userId,
      verificationStatus: "verified",
      messagingLimit: "TIER_10K",
    });
    waba = {
      id: numericId(),
      name: `${PROVIDER} WABA`,
      businessId,
      currency: "USD",
      timezoneId: "1",
      messageTemplateNamespace: numericId(8),
      subscribedApps: new Map(),
    };
    ctx.state.wabas.set(waba.id, waba);
  }
  const id = numericId(15);
  const record: PhoneNumberRecord = {
    id,
    wabaId: waba.id,
    displayPhoneNumber: `+${input.countryCode} ${input.phoneNumber}`,
    verifiedName: input.verifiedName,
    qualityRating: "GREEN",
    nameStatus: "APPROVED",
    codeVerificationStatus: "VERIFIED",
    pin: input.twoStepEnabled ? String(100000 + Number(numericId(5))) : null,
    registered: true,
    registrationCalls: [],
    throughputMps: ctx.options.throughputMps,
    lastOnboardedAt: now,
  };
  ctx.state.phoneNumbers.set(id, record);
  return { id, wabaId: waba.id, displayPhoneNumber: record.displayPhoneNumber, twoStepEnabled: input.twoStepEnabled };
}

/**
 * Sets the number's health_status and announces it with one of Meta's webhooks: an account_update
 * (ACCOUNT_RESTRICTION while blocked, ACCOUNT_RECONNECTED when it can send again), a quality update
 * or a capability update. The webhooks say little; Meta's number node is the truth Wharf reads.
 */
export function setHealth(
  ctx: EmulatorContext,
  phone: PhoneNumberRecord,
  input: z.infer<typeof HealthBody>,
): PublishOutcome | null {
  phone.health = { canSend: input.canSend, errors: input.errors };
  const digits = phone.displayPhoneNumber.replace(/\D/g, "");
  switch (input.webhook) {
    case "none":
      return null;
    case "account_update":
      return publish(
        ctx,
        phone.wabaId,
        "account_update",
        input.canSend === "BLOCKED"
          ? {
              phone_number: digits,
              event: "ACCOUNT_RESTRICTION",
              restriction_info: [{ restriction_type: "RESTRICTED_BIZ_INITIATED_MESSAGING" }],
            }
          : { phone_number: digits, event: "ACCOUNT_RECONNECTED" },
      );
    case "phone_number_quality_update":
      return publish(ctx, phone.wabaId, "phone_number_quality_update", {
        display_phone_number: digits,
        event: input.canSend === "BLOCKED" ? "FLAGGED" : "UNFLAGGED",
        current_limit: ctx.state.businesses.get(ctx.state.wabas.get(phone.wabaId)?.businessId ?? "")?.messagingLimit,
      });
    case "business_capability_update":
      return publish(ctx, phone.wabaId, "business_capability_update", {
        max_daily_conversations_per_business:
          ctx.state.businesses.get(ctx.state.wabas.get(phone.wabaId)?.businessId ?? "")?.messagingLimit ?? "TIER_250",
      });
  }
}
