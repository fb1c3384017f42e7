import { z } from "zod";
import { ChannelError } from "../errors.js";
import { d360ChannelError } from "./d360-errors.js";
import { segment } from "./d360-transport.js";

/**
 * The Partner API (`https://hub.360dialog.io/api/v2`, header `x-api-key` with the partner's own
 * key): after the Connect button's redirect (`?client=<id>&channels=[<id>,...]`), Wharf generates
 * each channel's API key with `POST /partners/{partner_id}/channels/{channel_id}/api_keys`, which
 * answers `{address, api_key, ...}`. A new key revokes the channel's older ones.
 */
export interface D360PartnerConfig {
  hubUrl: string;
  partnerId: string;
  partnerApiKey: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

const GeneratedKey = z.looseObject({ api_key: z.string().min(1), address: z.string().optional() });

/** `channels=[a,b]` as 360dialog's redirect writes it (also taken without brackets). */
export function parseRedirectChannels(value: string | undefined): string[] {
  if (!value) return [];
  const inner = value.trim().replace(/^\[/, "").replace(/\]$/, "");
  return inner
    .split(",")
    .map((s) => s.trim().replace(/^"|"$/g, ""))
    .filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s));
}

/** The URL of 360dialog's Connect page for this partner, returning to `redirectUrl`. */
export function d360ConnectUrl(pagesUrl: string, partnerId: string, redirectUrl: string): string {
  const url = new URL(`${pagesUrl.replace(/\/+$/, "")}/app/${segment(partnerId)}/permissions`);
  url.searchParams.set("redirect_url", redirectUrl);
  return url.toString();
}

/**
 * One Partner API call: the answer's status and body (JSON when it parses, its text otherwise). A
 * network failure is a ChannelError; an HTTP error is the caller's to classify (`fail`).
 */
async function partnerCall(
  config: D360PartnerConfig,
  method: "GET" | "POST",
  path: string,
): Promise<{ res: Response; body: unknown; fail: () => ChannelError }> {
  const context = { method, path, key: config.partnerApiKey };
  let res: Response;
  try {
    res = await config.fetch(`${config.hubUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers: { "x-api-key": config.partnerApiKey, accept: "application/json" },
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    throw d360ChannelError({ kind: "network", error }, context);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // classified as text
  }
  const answered = res;
  return {
    res,
    body,
    fail: () => d360ChannelError({ kind: "http", status: answered.status, body, headers: answered.headers }, context),
  };
}

export async function generateChannelKey(config: D360PartnerConfig, channelId: string): Promise<string> {
  const path = `/partners/${segment(config.partnerId)}/channels/${segment(channelId)}/api_keys`;
  const { res, body, fail } = await partnerCall(config, "POST", path);
  if (!res.ok) {
    if (res.status === 401 || res.status === 403)
      throw new ChannelError({
        channel: "360dialog",
        kind: "refused",
        message:
          res.status === 401
            ? "360dialog refused Wharf's partner key; check WHARF_D360_PARTNER_API_KEY."
            : "The client has not given Wharf permission to manage this number; grant it on 360dialog's Connect page.",
        provider: { httpStatus: res.status },
      });
    throw fail();
  }
  const parsed = GeneratedKey.safeParse(body);
  if (!parsed.success)
    throw new ChannelError({
      channel: "360dialog",
      kind: "maybe_processed",
      message: "360dialog's Partner API answered without an api_key.",
      provider: { httpStatus: res.status },
    });
  return parsed.data.api_key;
}

const PartnerChannels = z.looseObject({
  partner_channels: z.array(
    z.looseObject({
      id: z.string(),
      client_id: z.string().optional(),
      waba_account: z.looseObject({ id: z.string().optional(), external_id: z.string().optional() }).nullish(),
    }),
  ),
});

/** The partner's channels (`GET /partners/{partner_id}/channels`): each one's client and WABA. */
export async function listPartnerChannels(
  config: D360PartnerConfig,
): Promise<{ id: string; clientId: string | null; wabaId: string | null }[]> {
  const { res, body, fail } = await partnerCall(config, "GET", `/partners/${segment(config.partnerId)}/channels`);
  if (!res.ok) throw fail();
  const parsed = PartnerChannels.safeParse(body);
  if (!parsed.success)
    throw new ChannelError({
      channel: "360dialog",
      kind: "maybe_processed",
      message: "360dialog's Partner API answered its channel list in an unknown shape.",
      provider: { httpStatus: res.status },
    });
  return parsed.data.partner_channels.map((c) => ({
    id: c.id,
    clientId: c.client_id ?? null,
    wabaId: c.waba_account?.external_id ?? c.waba_account?.id ?? null,
  }));
}
