export { admitOutbound } from "./admit-outbound.js";
export { loadFacts } from "./facts.js";
export type { Admission, AdmissionFacts, OutboundIntent, SenderPhone } from "./intent.js";
export type { SendRule } from "./rule.js";
export { connectionRefusal } from "./rules/connection-state.js";
/** The template-parameter rule's check alone, for bodies built before any send (an automation saved). */
export { checkParameters as checkTemplateParameters } from "./rules/template-parameters.js";
// The portfolio's use of its messaging limit, read for the dashboard (GET /v1/messaging-limit).
export { messagingLimitUsage } from "./messaging-limit-usage.js";

/** The codes the send rules refuse with, for the routes' documented errors (`config.docs.errors`). */
export const SEND_RULE_ERRORS = ["WINDOW_CLOSED", "RECIPIENT_OPTED_OUT", "MESSAGING_LIMIT_REACHED"] as const;
