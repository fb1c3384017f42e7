import { request } from "./api";

// Settings → WhatsApp Connection: the workspace's link to its WhatsApp Business Account (WABA),
// its phone numbers and the separate Meta Catalog token. The server never sends a token back.

export type ConnectionStatus = "disconnected" | "connected" | "needs_reconnect";

export interface Connection {
  status: ConnectionStatus;
  waba: { id: string; name: string | null } | null;
  scopes: string[];
  tokenExpiresAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  catalog: { status: "none" | "connected" | "needs_reconnect"; catalogId: string | null; lastError: string | null };
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
};

export const phoneNumbersApi = {
  list: () => request<{ data: PhoneNumber[] }>("GET", "/v1/phone-numbers").then((page) => page.data),
  sync: () => request<{ data: PhoneNumber[] }>("POST", "/v1/phone-numbers/sync").then((page) => page.data),
  activate: (id: string, pin: string) =>
    request<PhoneNumber>("POST", `/v1/phone-numbers/${encodeURIComponent(id)}/activate`, { pin }),
  deactivate: (id: string) => request<PhoneNumber>("POST", `/v1/phone-numbers/${encodeURIComponent(id)}/deactivate`),
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
