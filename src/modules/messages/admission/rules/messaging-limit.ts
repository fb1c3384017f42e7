import { AppError } from "../../../../platform/errors/index.js";
import { portfolioKey, portfolioPhoneNumberIds } from "../../../connection/index.js";
import { admitToReach, tierLimit } from "../messaging-limit.js";
import type { Candidate, SenderPhone } from "../intent.js";
import type { SendRule } from "../rule.js";

/**
 * Meta's messaging limit, taken in the admitting transaction: last, so only customers who will be
 * sent to use up the room. The limit belongs to the business portfolio and is shared by all its
 * numbers (messaging-limits doc, since 2025-10-07), so candidates are counted per portfolio, across
 * its numbers. Portfolios in key order: the lock order across processes.
 */
export const messagingLimit: SendRule = {
  name: "messaging-limit",
  async apply(trx, ctx, candidates) {
    const byPortfolio = new Map<string, Candidate[]>();
    for (const c of candidates) {
      if (!c.businessInitiated || !Number.isFinite(tierLimit(c.intent.phone.messaging_limit))) continue;
      const key = portfolioKey(c.intent.phone);
      byPortfolio.set(key, [...(byPortfolio.get(key) ?? []), c]);
    }
    for (const key of [...byPortfolio.keys()].sort()) {
      const group = byPortfolio.get(key)!;
      const phones = new Map(group.map((c) => [c.intent.phone.id, c.intent.phone]));
      const phoneNumberIds = new Set<string>();
      for (const phone of phones.values())
        for (const id of await portfolioPhoneNumberIds(trx, phone)) phoneNumberIds.add(id);
      const now = Math.max(...group.map((c) => c.intent.now));
      const admitted = await admitToReach(
        trx,
        { key, phoneNumberIds: [...phoneNumberIds].sort() },
        group.map((c) => ({ waId: c.intent.waId, limit: tierLimit(c.intent.phone.messaging_limit) })),
        now,
      );
      for (const c of group) if (!admitted.has(c.intent.waId)) c.refusal = limitReached(c.intent.phone);
    }
  },
};

export function limitReached(phone: SenderPhone): AppError {
  const limit = tierLimit(phone.messaging_limit);
  return new AppError(
    "MESSAGING_LIMIT_REACHED",
    `The business portfolio of ${phone.display_phone_number} reached its messaging limit: ${limit} unique customers with business-initiated messages in 24 hours, shared by all the portfolio's numbers. Replies inside a customer's 24-hour window are not limited.`,
  );
}
