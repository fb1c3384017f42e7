import { cloudApiError, webhookError } from "../core/graph-error.js";

/** Meta stops sends of a low-quality template: paused for a while (132015), then for good (132016). */
const STOPPED = {
  PAUSED: [132015, "Template is Paused", "is paused due to low quality so it cannot be sent in a template message."],
  DISABLED: [
    132016,
    "Template is disabled",
    "has been paused too many times due to low quality and is now permanently disabled.",
  ],
} as const;

/**
 * Cloud API send errors (code, HTTP status and wording from Meta's error table, §10.2).
 * Synchronous ones are thrown from `/messages`; asynchronous ones arrive as a `failed` status.
 */
export const sendErrors = {
  throughput: () =>
    cloudApiError(
      400,
      130429,
      "Rate limit hit",
      "Message failed to send because there were too many messages sent from this phone number in a short period of time",
      {
        is_transient: true,
      },
    ),
  pairRate: () =>
    cloudApiError(
      400,
      131056,
      "(Business Account, Consumer Account) pair rate limit hit",
      "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time",
      { is_transient: true },
    ),
  /**
   * The business portfolio's unique business-initiated recipients per moving 24 h are used up.
   * Meta documents no dedicated code for this (docs/emulator.md, "Assumptions"); 131048 is its
   * closest documented refusal ("Spam rate limit hit": restrictions on how many messages can be sent).
   */
  messagingLimit: (limit: number) =>
    cloudApiError(
      400,
      131048,
      "Spam rate limit hit",
      `Message failed to send because there are restrictions on how many messages can be sent from this phone number: its business portfolio's messaging limit is ${limit} unique users outside a customer service window in a moving 24-hour period, shared by all of the portfolio's phone numbers`,
    ),
  recipientIsSender: () =>
    cloudApiError(400, 131021, "Recipient cannot be sender", "Sender and recipient phone number is the same."),
  invalidRecipient: (to: string) =>
    cloudApiError(
      400,
      131009,
      "Parameter value is not valid",
      `Param to (${to}) is not a valid WhatsApp phone number.`,
    ),
  invalidBsuid: (recipient: string) =>
    cloudApiError(
      400,
      131009,
      "Parameter value is not valid",
      `Param recipient (${recipient.slice(0, 140)}) is not a business-scoped user id of this business.`,
    ),
  unknownCatalog: (catalogId: string) =>
    cloudApiError(
      400,
      131009,
      "Parameter value is not valid",
      `Catalog ${catalogId.slice(0, 64)} is not connected to this WhatsApp Business Account or does not exist.`,
    ),
  unknownProducts: (retailerIds: string[]) =>
    cloudApiError(
      400,
      131009,
      "Parameter value is not valid",
      `Products not found in the catalog: ${retailerIds
        .slice(0, 5)
        .map((id) => id.slice(0, 100))
        .join(", ")}${retailerIds.length > 5 ? ", ..." : ""}.`,
    ),
  templateMissing: (name: string, language: string) =>
    cloudApiError(
      404,
      132001,
      "Template name does not exist in the translation",
      `template name (${name}) does not exist in ${language}`,
    ),
  templateStopped: (name: string, status: keyof typeof STOPPED) => {
    const [code, title, why] = STOPPED[status];
    return cloudApiError(400, code, title, `Template ${name} ${why}`);
  },
  templateParamCount: (component: string, got: number, expected: number) =>
    cloudApiError(
      400,
      132000,
      "Number of parameters does not match the expected number of params",
      `${component}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
    ),
  templateParamMissing: (component: string, name: string) =>
    cloudApiError(
      400,
      132000,
      "Number of parameters does not match the expected number of params",
      `${component}: the named parameter (${name}) of the template is missing from the message`,
    ),
  templateParamFormat: (component: string, expected: string, got: string) =>
    cloudApiError(
      400,
      132012,
      "Parameter format does not match format in the created template",
      `${component}: Format mismatch, expected ${expected}, received ${got}`,
    ),
  unknownInboundMessage: () =>
    cloudApiError(
      400,
      100,
      "Invalid parameter",
      "Param message_id does not name a message this phone number received.",
    ),
};

/** Failures reported only in the `failed` status webhook, after a 200 from `/messages`. */
export const asyncFailures = {
  reEngagement: () =>
    webhookError(
      131047,
      "Re-engagement message",
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    ),
  undeliverable: () => webhookError(131026, "Message undeliverable", "Message Undeliverable."),
  mediaNotFound: (id: string) =>
    webhookError(131053, "Media upload error", `Media with id ${id} was not found or has expired.`),
};
