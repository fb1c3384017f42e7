/**
 * Meta's Cloud API adapter: the Graph client's binding to a connection's token, Meta's error
 * mapping, the connect flow's calls and the webhook checks (signature, handshake).
 */
export { createMetaChannel, META_CAPABILITIES, type MetaChannel } from "./meta-channel.js";
export type { AccessTokenResponse, DebugTokenData, MetaConnect } from "./meta-connect.js";
export { metaChannelError } from "./meta-errors.js";
export {
  signWebhookBody,
  verifyWebhookHandshake,
  verifyWebhookSignature,
  type WebhookHandshakeResult,
  type WebhookQuery,
  type WebhookSignatureCheck,
} from "../../graph/index.js";
export { channelErrorFromMetaEnvelope, type MetaEnvelopeFailure } from "./meta-envelope-error.js";
