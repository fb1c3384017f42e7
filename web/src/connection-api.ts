import { request } from "./api";
import type { EmbeddedSignupConfig } from "./embedded-signup";

// Settings → WhatsApp Connection: the workspace's link to its WhatsApp Business Account (WABA),
// its phone numbers and the separate Meta Catalog token. The server never sends a token back.

export type ConnectionStatus = "disconnected" | "connected" | "needs_reconnect";

export interface Connection {
  status: ConnectionStatus;
  /** The provider the connection goes through (docs/channels.md). */
  channel?: "meta" | "360dialog";
  waba: { id: string; name: string | null } | null;
  scopes: string[];
  tokenExpiresAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  catalog: { status: "none" | "connected" | "needs_reconnect"; catalogId: string | null; lastError: string | null };
  /** What Meta's account_update (the last one) and business_capability_update webhooks said of the WABA. */
  account?: {
    event: string | null;
    detail: Record<string, unknown> | null;
    at: string | null;
    capabilities: Record<string, unknown>;
  };
  /** Embedded Signup through Meta's JavaScript SDK, when the server offers it. */
  embeddedSignup?: EmbeddedSignupConfig | null;
  /** After connect: our id of the number Embedded Signup set up. */
  onboardedPhoneNumberId?: string | null;
}

export interface PhoneNumber {
  id: string;
  metaPhoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimit: string | null;
  /** Messages per second Meta allows from this number. */
  throughput: number;
  status: string | null;
  active: boolean;
  /** Active, but sending waits for a reconnect. */
  sendingPaused: boolean;
  lastError: string | null;
  lastSyncedAt: string | null;
}

/** GET /v1/messaging-limit: the business portfolio's limit, shared by all its numbers, and its use. */
export interface MessagingLimit {
  businessId: string | null;
  wabaId: string;
  tier: string | null;
  /** Unique customers per moving 24 hours; null when unlimited. */
  limit: number | null;
  used: number;
  windowHours: number;
  phoneNumbers: number;
}

interface Prepared {
  authorizationUrl: string;
  state: string;
  expiresAt: string;
}

export const connectionApi = {
  get: () => request<Connection>("GET", "/v1/connection"),
  check: () => request<Connection>("POST", "/v1/connection/check"),
  disconnect: () => request<Connection>("DELETE", "/v1/connection"),
  connectCatalog: (catalogId: string, accessToken: string) =>
    request<Connection>("PUT", "/v1/connection/catalog", { catalogId, accessToken }),
  disconnectCatalog: () => request<Connection>("DELETE", "/v1/connection/catalog"),
  /** Connect by yourself: a 360dialog API key from 360dialog's Hub (a new one replaces the old). */
  connectD360Key: (apiKey: string) => request<Connection>("POST", "/v1/connection/360dialog", { apiKey }),
};

export const phoneNumbersApi = {
  list: () => request<{ data: PhoneNumber[] }>("GET", "/v1/phone-numbers").then((page) => page.data),
  sync: () => request<{ data: PhoneNumber[] }>("POST", "/v1/phone-numbers/sync").then((page) => page.data),
  activate: (id: string, pin: string) =>
    request<PhoneNumber>("POST", `/v1/phone-numbers/${encodeURIComponent(id)}/activate`, { pin }),
  deactivate: (id: string) => request<PhoneNumber>("POST", `/v1/phone-numbers/${encodeURIComponent(id)}/deactivate`),
  messagingLimit: () =>
    request<{ portfolio: MessagingLimit | null }>("GET", "/v1/messaging-limit").then((r) => r.portfolio),
};

/**
 * Sends this window to Meta's login dialog (in sandbox mode, the emulator's). Meta sends the browser
 * back to the server's /oauth/meta/callback, which redirects to `/?connect=ok#/settings/whatsapp`.
 * The dialog is not a popup: a full-page redirect works without Meta's JavaScript SDK.
 */
export async function startConnect(): Promise<void> {
  const { authorizationUrl } = await request<Prepared>("POST", "/v1/connection/prepare");
  window.location.assign(authorizationUrl);
}

/**
 * Sends this window to 360dialog's Connect page (in sandbox mode, the emulator's stand-in). It
 * returns to the server's /oauth/360dialog/callback, which redirects to `/?connect=ok#/settings/whatsapp`.
 */
export async function startD360Connect(): Promise<void> {
  const { url } = await request<{ url: string; state: string; expiresAt: string }>(
    "POST",
    "/v1/connection/360dialog/prepare",
  );
  window.location.assign(url);
}
