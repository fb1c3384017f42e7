import { AppError } from "../../../../platform/errors/index.js";
import { admitToReach, tierLimit } from "../messaging-limit.js";
import type { Candidate, SenderPhone } from "../intent.js";
import type { SendRule } from "../rule.js";

/**
 * Meta's messaging limit, taken in the admitting transaction: last, so only customers who will
 * be sent to use up the number's room. Numbers in id order: the lock order across processes.
 */
export const messagingLimit: SendRule = {
  name: "messaging-limit",
  async apply(trx, ctx, candidates) {
    const byPhone = new Map<string, Candidate[]>();
    for (const c of candidates) {
      if (!c.businessInitiated || !Number.isFinite(tierLimit(c.intent.phone.messaging_limit))) continue;
      byPhone.set(c.intent.phone.id, [...(byPhone.get(c.intent.phone.id) ?? []), c]);
    }
    for (const phoneId of [...byPhone.keys()].sort()) {
      const group = byPhone.get(phoneId)!;
      const { phone, workspaceId } = group[0]!.intent;
      const now = Math.max(...group.map((c) => c.intent.now));
      const admitted = await admitToReach(
        trx,
        ctx.dialect,
        workspaceId,
        phone,
        group.map((c) => c.intent.waId),
        now,
      );
      for (const c of group) if (!admitted.has(c.intent.waId)) c.refusal = limitReached(phone);
    }
  },
};

export function limitReached(phone: SenderPhone): AppError {
  const limit = tierLimit(phone.messaging_limit);
  return new AppError(
    "MESSAGING_LIMIT_REACHED",
    `${phone.display_phone_number} reached its messaging limit: ${limit} unique customers with business-initiated messages in 24 hours. Replies inside a customer's 24-hour window are not limited.`,
  );
}
