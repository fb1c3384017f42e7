import type { EmulatorState } from "../state/emulator-state.js";
import type { BusinessRecord, PhoneNumberRecord } from "../state/model.js";

/**
 * Messaging limits belong to the business portfolio since 2025-10-07 (Meta's messaging-limits doc:
 * "calculated and set at the business portfolio level and are shared by all business phone numbers
 * within a portfolio"): 250 -> 2K -> 10K -> 100K -> unlimited unique users reached outside a
 * customer service window in a moving 24 hours. The values are those of the Graph enum on the
 * Business and WhatsAppBusinessAccount nodes (Meta's PHP business SDK,
 * `BusinessWhatsappBusinessManagerMessagingLimitValues`): TIER_50, TIER_250, TIER_2K, TIER_10K,
 * TIER_100K, TIER_UNLIMITED, UNTIERED. TIER_50 is the older unverified-business limit.
 */
export const PORTFOLIO_TIERS = [
  "TIER_50",
  "TIER_250",
  "TIER_2K",
  "TIER_10K",
  "TIER_100K",
  "TIER_UNLIMITED",
  "UNTIERED",
] as const;

/** Unique recipients a tier allows; unlimited (and untiered) is Infinity. */
export function tierLimit(tier: string): number {
  const m = /^TIER_(\d+)(K?)$/.exec(tier);
  if (!m) return Number.POSITIVE_INFINITY;
  return Number(m[1]) * (m[2] === "K" ? 1000 : 1);
}

/** The tier that names a limit: 50 → TIER_50, 2000 → TIER_2K. */
export function limitTier(limit: number): string {
  return limit >= 1000 && limit % 1000 === 0 ? `TIER_${limit / 1000}K` : `TIER_${limit}`;
}

/** Verified portfolios start the emulator at 10K; an unverified one at the configured small limit. */
export function startingTier(verified: boolean, unverifiedRecipientLimit: number): string {
  return verified ? "TIER_10K" : limitTier(unverifiedRecipientLimit);
}

/** The portfolio (business) a number belongs to, through its WABA. */
export function portfolioOf(state: EmulatorState, phone: PhoneNumberRecord): BusinessRecord | undefined {
  const waba = state.wabas.get(phone.wabaId);
  return waba ? state.businesses.get(waba.businessId) : undefined;
}

const DAY_MS = 24 * 60 * 60_000;

/** Unique users the portfolio reached business-initiated in the moving 24 hours (expired ones are dropped). */
export function portfolioReach(state: EmulatorState, businessId: string, now: number): Map<string, number> {
  let seen = state.businessInitiated.get(businessId);
  if (!seen) {
    seen = new Map();
    state.businessInitiated.set(businessId, seen);
  }
  for (const [user, at] of seen) if (now - at >= DAY_MS) seen.delete(user);
  return seen;
}
