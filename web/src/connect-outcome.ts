// Meta's dialog returns through the server's /oauth/meta/callback, which lands on the dashboard as
// `/?connect=ok#/...` or `/?connect=error&code=...#/...`. Anyone can send a victim such a link, so
// the page shows only its own words, chosen by a known error code; any `message` in the URL is
// ignored, and an unknown code is shown as CONNECT_FAILED.

export type ConnectOutcome =
  | { ok: true }
  | { ok: false; code: string; message: string }
  /** Meta granted several WABAs: this session picks one, completing the state it started. */
  | { ok: false; choose: string };

const MESSAGES: Record<string, string> = {
  OAUTH_DENIED: "The connection was cancelled in Meta's dialog. Nothing was changed; connect again when you are ready.",
  WABA_ALREADY_CONNECTED:
    "This WhatsApp Business Account is already connected to another workspace of this Wharf. Disconnect it there first.",
  OAUTH_CODE_REJECTED:
    "Meta did not authorize the connection (the dialog was cancelled, or its code expired). Try again.",
  OAUTH_STATE_INVALID:
    "This connection attempt was already used, expired, or was started in another browser or session. Start again from this page.",
  MISSING_PERMISSION:
    "Meta did not grant every permission Wharf needs. Connect again and keep all permissions selected.",
  META_REQUEST_FAILED:
    "Meta refused the connection. Try again; if it keeps failing, check the app's settings in Meta's dashboard.",
  META_UNAVAILABLE: "Meta did not answer. Try again in a few minutes.",
  CONFLICT: "The connection changed while it was being made. Reload the page and try again.",
  ALREADY_EXISTS: "That WhatsApp Business Account is already connected. Reload the page to see it.",
  INTERNAL: "Connecting failed on Wharf's side. Try again.",
};
const FALLBACK = { code: "CONNECT_FAILED", message: "Connecting to WhatsApp failed. Try again." };

export const CONNECT_OUTCOME_PARAMS = ["connect", "code", "message", "state"];

export function readConnectOutcome(search: string): ConnectOutcome | undefined {
  const params = new URLSearchParams(search);
  if (params.get("connect") === "ok") return { ok: true };
  // Only the session that started the flow can complete the state; another just gets an error.
  const state = params.get("state");
  if (params.get("connect") === "choose" && state) return { ok: false, choose: state };
  if (params.get("connect") !== "error") return undefined;
  const code = params.get("code") ?? "";
  const message = Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined;
  return message ? { ok: false, code, message } : { ok: false, ...FALLBACK };
}
