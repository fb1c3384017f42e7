/** The 360dialog adapter (docs/channels.md): one folder, registered by the composition root. */
export { createD360Channel, D360_CAPABILITIES, type D360Channel, type D360ChannelOptions } from "./d360-channel.js";
export { configureD360Webhook, inspectD360Key, D360HealthStatus } from "./d360-session.js";
export { d360ConnectUrl, generateChannelKey, parseRedirectChannels, type D360PartnerConfig } from "./d360-partner.js";
export { d360ChannelError } from "./d360-errors.js";
export { d360Endpoints, type D360Endpoints } from "./d360-endpoints.js";
export {
  d360ConnectionFromKey,
  d360ConnectionsFromRedirect,
  registerD360Webhook,
  type D360ChannelConnection,
  type D360Redirect,
} from "./d360-connect.js";
