import { AppError } from "../../../../platform/errors/index.js";
import type { SendRule } from "../rule.js";

/** Marketing templates go only to customers who opted in (recorded on the contact). */
export const marketingConsent: SendRule = {
  name: "marketing-consent",
  apply(_trx, _ctx, candidates) {
    for (const c of candidates) {
      if (c.intent.template?.category !== "MARKETING" || c.facts.consent === true) continue;
      const { to, waId } = c.intent;
      // Two codes: a campaign's report must not count customers who never said as having said no.
      c.refusal =
        c.facts.consent === false
          ? new AppError("RECIPIENT_OPTED_OUT", `${to} has opted out of marketing messages.`)
          : new AppError(
              "RECIPIENT_NOT_OPTED_IN",
              `${to} has not opted in to marketing messages; record their consent with PUT /v1/contacts/${waId} first.`,
            );
    }
  },
};
