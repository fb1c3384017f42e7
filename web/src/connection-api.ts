import { api } from "./api";
import type { ApiResponse } from "./api/generated";

// Settings → WhatsApp Connection: the workspace's link to its WhatsApp Business Account (WABA),
// its phone numbers and the separate Meta Catalog token. The server never sends a token back.

/** Everything about the connection except the token (the server never sends one back). */
export type Connection = ApiResponse<"/v1/connection", "get">;
export type ConnectionStatus = Connection["status"];
/** A number of the WABA; `throughput` is messages per second, `sendingPaused`: active, but waiting for a reconnect. */
export type PhoneNumber = ApiResponse<"/v1/phone-numbers", "get">["data"][number];
/** GET /v1/messaging-limit: the business portfolio's limit, shared by all its numbers, and its use. */
export type MessagingLimit = NonNullable<ApiResponse<"/v1/messaging-limit", "get">["portfolio"]>;

export const connectionApi = {
  get: () => api("GET", "/v1/connection"),
  check: () => api("POST", "/v1/connection/check"),
  disconnect: () => api("DELETE", "/v1/connection"),
  connectCatalog: (catalogId: string, accessToken: string) =>
    api("PUT", "/v1/connection/catalog", { body: { catalogId, accessToken } }),
  disconnectCatalog: () => api("DELETE", "/v1/connection/catalog"),
  /** Connect by yourself: a 360dialog API key from 360dialog's Hub (a new one replaces the old). */
  connectD360Key: (apiKey: string) => api("POST", "/v1/connection/360dialog", { body: { apiKey } }),
};

export const phoneNumbersApi = {
  list: () => api("GET", "/v1/phone-numbers").then((page) => page.data),
  sync: () => api("POST", "/v1/phone-numbers/sync").then((page) => page.data),
  activate: (id: string, pin: string) =>
    api("POST", "/v1/phone-numbers/{id}/activate", { params: { id }, body: { pin } }),
  deactivate: (id: string) => api("POST", "/v1/phone-numbers/{id}/deactivate", { params: { id } }),
  messagingLimit: () => api("GET", "/v1/messaging-limit").then((r) => r.portfolio),
};

/**
 * Sends this window to Meta's login dialog (in sandbox mode, the emulator's). Meta sends the browser
 * back to the server's /oauth/meta/callback, which redirects to `/?connect=ok#/settings/whatsapp`.
 * The dialog is not a popup: a full-page redirect works without Meta's JavaScript SDK.
 */
export async function startConnect(): Promise<void> {
  const { authorizationUrl } = await api("POST", "/v1/connection/prepare");
  window.location.assign(authorizationUrl);
}

/**
 * Sends this window to 360dialog's Connect page (in sandbox mode, the emulator's stand-in). It
 * returns to the server's /oauth/360dialog/callback, which redirects to `/?connect=ok#/settings/whatsapp`.
 */
export async function startD360Connect(): Promise<void> {
  const { url } = await api("POST", "/v1/connection/360dialog/prepare");
  window.location.assign(url);
}
