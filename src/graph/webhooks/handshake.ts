import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Meta's subscription handshake: `GET <callback>?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..`.
 * Answer 200 with the raw challenge as text/plain when the token matches, 403 otherwise.
 */

export type WebhookQuery = URLSearchParams | Record<string, string | readonly string[] | undefined>;

export type WebhookHandshakeResult =
  | { ok: true; challenge: string }
  | { ok: false; reason: "missing_parameters" | "wrong_mode" | "token_mismatch" | "invalid_challenge" };

// Meta sends an integer; anything outside a plain token alphabet would be echoed into our
// response body, so it is refused rather than reflected.
const CHALLENGE = /^[A-Za-z0-9._~-]{1,256}$/;

function pick(query: WebhookQuery, key: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(key) ?? undefined;
  const value = query[key];
  return typeof value === "string" ? value : undefined;
}

/** Compares digests so neither the length nor the prefix of the expected token leaks. */
function sameSecret(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

export function verifyWebhookHandshake(query: WebhookQuery, verifyToken: string): WebhookHandshakeResult {
  const mode = pick(query, "hub.mode");
  const token = pick(query, "hub.verify_token");
  const challenge = pick(query, "hub.challenge");
  if (mode === undefined || token === undefined || challenge === undefined) {
    return { ok: false, reason: "missing_parameters" };
  }
  if (mode !== "subscribe") return { ok: false, reason: "wrong_mode" };
  if (verifyToken.length === 0 || !sameSecret(token, verifyToken)) return { ok: false, reason: "token_mismatch" };
  if (!CHALLENGE.test(challenge)) return { ok: false, reason: "invalid_challenge" };
  return { ok: true, challenge };
}
