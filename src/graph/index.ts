/**
 * The one typed client through which Wharf talks to Meta, plus Meta's wire and webhook schemas.
 * `graph/` imports nothing from the rest of the repo; the emulator imports these schemas to
 * validate what it receives exactly as the client produces it.
 */

// Wire schemas (Meta's snake_case JSON)
export * from "./wire/common.js";
export * from "./wire/graph-error.js";
export * from "./wire/message-content.js";
export * from "./wire/interactive.js";
export * from "./wire/template-send.js";
export * from "./wire/send-message.js";
export * from "./wire/phone-number.js";
export * from "./wire/waba.js";
export * from "./wire/template.js";
export * from "./wire/media.js";
export * from "./wire/upload-session.js";
export * from "./wire/catalog.js";
export * from "./wire/oauth.js";

// Webhooks: payload schemas, handshake, signature
export * from "./webhooks/webhook-error.js";
export * from "./webhooks/inbound-message.js";
export * from "./webhooks/message-status.js";
export * from "./webhooks/messages-value.js";
export * from "./webhooks/account-events.js";
export * from "./webhooks/envelope.js";
export * from "./webhooks/handshake.js";
export * from "./webhooks/signature.js";

// Client
export { createGraphClient, type GraphClient, type GraphClientOptions } from "./client/create-graph-client.js";
export { appAccessToken, type AppCredentials, type OAuthApi } from "./client/oauth.js";
export type { TemplateListQuery, WabasApi } from "./client/wabas.js";
export type { PhoneNumbersApi } from "./client/phone-numbers.js";
export type { MessagesApi } from "./client/messages.js";
export type { MediaApi, MediaUpload } from "./client/media.js";
export type { UploadsApi } from "./client/uploads.js";
export type { CatalogApi } from "./client/catalog.js";
export type { GraphBinary, GraphCallObservation, GraphResult } from "./http/transport.js";
export { DEFAULT_RETRY_POLICY, backoffDelayMs, type RetryPolicy } from "./http/retry.js";
export {
  parseUsageHeaders,
  regainAccessMs,
  type AppUsage,
  type BusinessUseCaseUsage,
  type GraphUsage,
} from "./http/usage-headers.js";

// Errors
export * from "./errors/graph-errors.js";
export { classifyGraphError, type ClassifyContext, type GraphFailure } from "./errors/classify.js";
export { redactSecrets } from "./errors/redact.js";
