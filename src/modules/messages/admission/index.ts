export { admitOutbound } from "./admit-outbound.js";
export { loadFacts } from "./facts.js";
export type { Admission, AdmissionFacts, OutboundIntent, SenderPhone } from "./intent.js";
export type { SendRule } from "./rule.js";
export { connectionRefusal } from "./rules/connection-state.js";
