import type { SenderPhone } from "../../src/modules/messages/admission/index.js";

/**
 * A sending number as an outbound intent carries it: `pn_<tag>` of WABA `waba_<tag>`, whose
 * portfolio `biz_<tag>` is on Meta's first messaging-limit tier.
 */
export function senderPhone(tag: string, over: Partial<SenderPhone> = {}): SenderPhone {
  return {
    id: `pn_${tag}`,
    messaging_limit: "TIER_50",
    display_phone_number: "+1 555-000-0000",
    waba_id: `waba_${tag}`,
    business_id: `biz_${tag}`,
    ...over,
  };
}
