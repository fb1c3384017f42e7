import { AppError } from "../../../../platform/errors/index.js";
import { DAY_MS } from "../messaging-limit.js";
import type { AdmissionFacts } from "../intent.js";
import type { SendRule } from "../rule.js";

/** Meta's customer service window: open for 24 hours after the customer's last message. */
export const windowOpen = (facts: AdmissionFacts, now: number) =>
  facts.lastInboundAt !== null && now - facts.lastInboundAt < DAY_MS;

/** Outside the window only an approved template may be sent (Meta would fail it with 131047). */
export const customerWindow: SendRule = {
  name: "customer-window",
  apply(_trx, _ctx, candidates) {
    for (const c of candidates) {
      if (c.intent.body.type === "template" || windowOpen(c.facts, c.intent.now)) continue;
      c.refusal = new AppError(
        "WINDOW_CLOSED",
        `The 24-hour window with ${c.intent.to} is closed (they have not written in the last 24 hours); send an approved template instead.`,
      );
    }
  },
};
