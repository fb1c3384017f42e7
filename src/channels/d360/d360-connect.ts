import { ChannelError } from "../errors.js";
import {
  generateChannelKey,
  listPartnerChannels,
  parseRedirectChannels,
  type D360PartnerConfig,
} from "./d360-partner.js";
import { configureD360Webhook, inspectD360Key } from "./d360-session.js";
import type { D360Transport } from "./d360-transport.js";

/** What a 360dialog connection is, once its key is known to work. */
export interface D360ChannelConnection {
  apiKey: string;
  /** 360dialog's channel id, when the key came from the partner flow. */
  channelId: string | null;
  phoneNumberId: string;
  wabaId: string;
}

/** The Connect page's redirect (`?client=<id>&channels=[<id>,...]`, or `error` when cancelled). */
export interface D360Redirect {
  client?: string | undefined;
  channels?: string | undefined;
  error?: string | undefined;
}

/**
 * The provider side of connecting by yourself: a pasted key is checked on `/health_status` (a bad
 * one is `auth_lapsed`), a Connect redirect's channels each get a key through the Partner API. The
 * caller stores the key (vault) and claims the number and WABA in its own transaction, then calls
 * `registerD360Webhook` with the URL and secret header it issued.
 */
export async function d360ConnectionFromKey(transport: D360Transport, apiKey: string): Promise<D360ChannelConnection> {
  const key = apiKey.trim();
  if (!/^[\x21-\x7e]{8,256}$/.test(key))
    throw new ChannelError({
      channel: "360dialog",
      kind: "refused",
      reason: "invalid_parameter",
      message: "That does not look like a 360dialog API key; copy it from 360dialog's Hub.",
    });
  const found = await inspectD360Key(transport, key);
  return { apiKey: key, channelId: null, phoneNumberId: found.phoneNumberId, wabaId: found.wabaId };
}

export async function d360ConnectionsFromRedirect(
  transport: D360Transport,
  partner: D360PartnerConfig,
  redirect: D360Redirect,
  options: {
    /** At most this many channels get a key (a workspace connects one number). */
    max?: number;
    /** Called with each channel's WABA before its key is generated; throws to refuse it. */
    guard?: (channel: { channelId: string; wabaId: string | null }) => Promise<void>;
  } = {},
): Promise<D360ChannelConnection[]> {
  const channels = parseRedirectChannels(redirect.channels);
  if (redirect.error !== undefined || channels.length === 0)
    throw new ChannelError({
      channel: "360dialog",
      kind: "refused",
      reason: "invalid_parameter",
      message: "360dialog's Connect page came back without a number; start again and grant at least one.",
    });
  const out: D360ChannelConnection[] = [];
  // A new key revokes the channel's older ones: before generating one, the channel must be the
  // redirect's client's, and the caller may refuse it (a WABA another tenant holds), so a forged
  // redirect cannot lapse someone else's connection.
  const known = options.guard ? await listPartnerChannels(partner) : [];
  for (const channelId of channels.slice(0, options.max ?? channels.length)) {
    if (options.guard) {
      const channel = known.find((c) => c.id === channelId);
      if (
        !channel ||
        (redirect.client !== undefined && channel.clientId !== null && channel.clientId !== redirect.client)
      )
        throw new ChannelError({
          channel: "360dialog",
          kind: "refused",
          reason: "invalid_parameter",
          message: "360dialog's redirect names a channel that is not this client's; start again.",
        });
      await options.guard({ channelId, wabaId: channel.wabaId });
    }
    const apiKey = await generateChannelKey(partner, channelId);
    const found = await inspectD360Key(transport, apiKey);
    out.push({ apiKey, channelId, phoneNumberId: found.phoneNumberId, wabaId: found.wabaId });
  }
  return out;
}

/** Points the channel's webhooks at Wharf, with the secret header Wharf checks on arrival. */
export function registerD360Webhook(
  transport: D360Transport,
  apiKey: string,
  webhook: { url: string; headers: Record<string, string> },
): Promise<void> {
  return configureD360Webhook(transport, apiKey, webhook);
}
