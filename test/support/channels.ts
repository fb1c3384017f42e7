import { createGraphClient } from "../../src/graph/index.js";
import { createChannelRegistry, type ChannelRegistry } from "../../src/channels/index.js";
import { createMetaChannel } from "../../src/channels/meta/index.js";

/** Meta's wire helpers for tests of modules, which import neither `src/graph/` nor an adapter. */
export { signWebhookBody } from "../../src/channels/meta/index.js";
export { messagesWebhookBody } from "../../src/graph/fixtures/webhook-samples.js";

/**
 * A registry whose Meta adapter points at a closed port: for tests whose code never reaches a
 * provider (a call would fail as unreachable, not hang).
 */
export function unreachableChannels(): ChannelRegistry {
  const graph = createGraphClient({ baseUrl: "http://127.0.0.1:9", version: "v23.0" });
  return createChannelRegistry([createMetaChannel(graph, { appId: "1", appSecret: "unused" })]);
}
