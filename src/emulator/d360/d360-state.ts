import { base62 } from "../core/ids.js";

/**
 * 360dialog's view of the same Meta world: a partner (its Partner Hub), its clients, their channels
 * (360dialog's word for one WhatsApp number: "phone number", "integration" and "channel" mean the
 * same thing, docs.360dialog.com/api-key) and the channels' `D360-API-KEY`s. A channel is a number
 * of the Meta model; what is sent through it is what the Graph emulator sees.
 */
export interface D360Channel {
  id: string;
  clientId: string;
  partnerId: string;
  phoneNumberId: string;
  wabaId: string;
  /** Whether the client let the partner manage this channel (granted on the Connect page); needed for partner keys. */
  partnerPermitted?: boolean;
  /** `POST /v1/configs/webhook {url, headers}`: where this number's webhooks go, and the headers added. */
  webhook?: { url: string; headers: Record<string, string> };
}

export interface D360ApiKey {
  key: string;
  channelId: string;
  revoked: boolean;
  createdAt: number;
}

export interface D360Partner {
  id: string;
  /** The Partner API key (`x-api-key` on hub.360dialog.io). */
  apiKey: string;
}

/** Fixed ids, so the docs, the sandbox and the tests name the same seeded partner, client and channels. */
export const D360_SEED = {
  partnerId: "srMmoqPA",
  partnerApiKey: "wharf-sandbox-partner-key",
  clientId: "oaY9LLfUCL",
  /** One channel per seeded number: the verified one, then the unverified one. */
  channelIds: ["y9MiLoCH", "x7NjKpCH"],
} as const;

export class D360State {
  readonly partners = new Map<string, D360Partner>();
  readonly clients = new Map<string, { id: string; partnerId: string; name: string }>();
  readonly channels = new Map<string, D360Channel>();
  readonly keys = new Map<string, D360ApiKey>();

  channelOfNumber(phoneNumberId: string): D360Channel | undefined {
    for (const c of this.channels.values()) if (c.phoneNumberId === phoneNumberId) return c;
    return undefined;
  }

  /**
   * A new key for a channel. "Generating a new API key will revoke all existing API keys"
   * (docs.360dialog.com/docs/hub/api-key), so the channel's older keys stop working at once.
   */
  issueKey(channelId: string, now: number): D360ApiKey {
    for (const k of this.keys.values()) if (k.channelId === channelId) k.revoked = true;
    const record: D360ApiKey = { key: base62(32), channelId, revoked: false, createdAt: now };
    this.keys.set(record.key, record);
    return record;
  }
}
