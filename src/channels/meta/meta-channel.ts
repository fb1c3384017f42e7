import type { GraphClient } from "../../graph/index.js";
import type { ChannelCapability } from "../capabilities.js";
import type { ChannelAdapter } from "../port.js";
import { metaConnect, type MetaConnect } from "./meta-connect.js";
import { metaCatalog, metaSession } from "./meta-session.js";

/** Everything the Cloud API offers Wharf; docs/channels.md has the table across adapters. */
export const META_CAPABILITIES: ReadonlySet<ChannelCapability> = new Set<ChannelCapability>([
  "number_onboarding",
  "pin_registration",
  "two_step_pin",
  "resumable_upload",
  "oauth_signup",
  "catalog",
  "commerce_settings",
  "typing_indicator",
  "signed_webhooks",
]);

export interface MetaChannel extends ChannelAdapter {
  readonly id: "meta";
  /** The connect flow's calls (code exchange, token inspection), for the connection module. */
  readonly connect: MetaConnect;
}

/**
 * Meta's Cloud API as a channel adapter. The composition root builds the Graph client (base URL,
 * version, appsecret_proof, metrics) and hands it here; nothing else holds the client.
 */
export function createMetaChannel(graph: GraphClient, app: { appId: string; appSecret: string }): MetaChannel {
  return {
    id: "meta",
    capabilities: META_CAPABILITIES,
    session: (credentials, hooks) => metaSession(graph, app, META_CAPABILITIES, credentials, hooks),
    catalog: (credentials, hooks) => metaCatalog(graph, credentials, hooks),
    connect: metaConnect(graph, app, META_CAPABILITIES),
  };
}
