import { z } from "zod";
import type { EmulatorContext } from "../core/context.js";
import { numericId } from "../core/ids.js";
import { PORTFOLIO_TIERS, startingTier } from "../portfolio/messaging-limit.js";

export const AddWabaBody = z.object({
  name: z.string().min(1).max(120).default("Another business"),
  businessVerified: z.boolean().default(true),
  /** The portfolio's messaging limit; by default 10K for a verified business, the unverified limit (TIER_50) otherwise. */
  messagingLimit: z.enum(PORTFOLIO_TIERS).optional(),
});

/**
 * Another business of the same Meta user, with its own WABA and one registered-ready number: what
 * a second tenant connects. In Meta's dialog the user then picks which accounts to share
 * (`waba_ids` on the approve form); without a pick every account is shared, the seeded one first.
 */
export function addWaba(ctx: EmulatorContext, input: z.infer<typeof AddWabaBody>) {
  const now = ctx.clock.now();
  const owner = [...ctx.state.users.values()][0]!;
  const businessId = numericId();
  const wabaId = numericId();
  const phoneNumberId = numericId();
  const pin = String(100000 + Math.floor(Math.random() * 900000));
  ctx.state.businesses.set(businessId, {
    id: businessId,
    name: input.name,
    ownerUserId: owner.id,
    verificationStatus: input.businessVerified ? "verified" : "unverified",
    messagingLimit: input.messagingLimit ?? startingTier(input.businessVerified, ctx.options.unverifiedRecipientLimit),
  });
  ctx.state.wabas.set(wabaId, {
    id: wabaId,
    name: `${input.name} WABA`,
    businessId,
    currency: "USD",
    timezoneId: "1",
    messageTemplateNamespace: numericId(8),
    subscribedApps: new Map(),
  });
  const digits = `1555${phoneNumberId.slice(-7)}`;
  ctx.state.phoneNumbers.set(phoneNumberId, {
    id: phoneNumberId,
    wabaId,
    displayPhoneNumber: `+1 555-${digits.slice(4, 7)}-${digits.slice(7)}`,
    verifiedName: input.name,
    qualityRating: "GREEN",
    nameStatus: "APPROVED",
    codeVerificationStatus: "VERIFIED",
    pin,
    registered: false,
    registrationCalls: [],
    throughputMps: ctx.options.throughputMps,
    lastOnboardedAt: now,
  });
  return {
    businessId,
    wabaId,
    phoneNumbers: [
      { id: phoneNumberId, pin, displayPhoneNumber: ctx.state.phoneNumbers.get(phoneNumberId)!.displayPhoneNumber },
    ],
  };
}
