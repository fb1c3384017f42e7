/**
 * The channel port: what modules import to reach a WhatsApp provider (docs/channels.md). Modules
 * never import `src/graph/` or an adapter's folder; the composition root builds the adapters.
 */
export * from "./wire.js";
export { CHANNEL_CAPABILITIES, type ChannelCapability } from "./capabilities.js";
export { CHANNEL_IDS, isChannelId, type ChannelId } from "./channel-id.js";
export {
  ChannelError,
  isChannelError,
  type ChannelErrorInit,
  type ChannelErrorKind,
  type ProviderFacts,
  type RefusalReason,
  type ThrottleScope,
} from "./errors.js";
export type {
  ChannelAccount,
  ChannelAdapter,
  ChannelBinary,
  ChannelCatalog,
  ChannelCredentials,
  ChannelMedia,
  ChannelMediaUpload,
  ChannelMessages,
  ChannelNumbers,
  ChannelSession,
  ChannelSessionHooks,
  ChannelTemplates,
  ChannelUploads,
  TemplateListQuery,
} from "./port.js";
export { createChannelRegistry, type ChannelRegistry } from "./registry.js";
export { channelFailure, providerDetails, PROVIDER_NAMES } from "./app-error.js";
// Meta's adapter: its type and the webhook checks its inbound route uses (meta-inbound).
export {
  verifyWebhookHandshake,
  verifyWebhookSignature,
  type AccessTokenResponse,
  type DebugTokenData,
  type MetaChannel,
  type MetaConnect,
  type WebhookHandshakeResult,
  type WebhookQuery,
} from "./meta/index.js";
