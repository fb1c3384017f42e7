import type { SendRule } from "./rule.js";
import { customerWindow } from "./rules/customer-window.js";
import { marketingConsent } from "./rules/marketing-consent.js";
import { messagingLimit } from "./rules/messaging-limit.js";
import { productAvailability } from "./rules/product-availability.js";
import { templateParameters } from "./rules/template-parameters.js";

/**
 * Every rule an outbound message must pass, in the order they refuse (the first refusal is the
 * one reported). Rules that take something (the messaging limit) go last, so refused messages
 * never use it up. The sender's number and connection are checked per request or chunk before
 * (`rules/connection-state.ts`, the connection module's `getActivePhoneNumber`), and an
 * idempotency key already taken makes the write a `duplicate` (admit-outbound.ts).
 */
export const SEND_RULES: readonly SendRule[] = [
  templateParameters,
  productAvailability,
  customerWindow,
  marketingConsent,
  messagingLimit,
];
