import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>`.
 *
 * The HMAC must be taken over the raw request bytes: Meta escapes non-ASCII as `\uXXXX`, so
 * re-serialised JSON hashes differently. The result is data, never an exception: a bad
 * signature is an expected outcome of an internet-facing endpoint.
 */

export type WebhookSignatureCheck =
  { ok: true } | { ok: false; reason: "missing_header" | "malformed_header" | "signature_mismatch" };

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

export function signWebhookBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

export function verifyWebhookSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): WebhookSignatureCheck {
  if (header === undefined || header.trim() === "") return { ok: false, reason: "missing_header" };
  const match = HEADER.exec(header.trim());
  if (!match?.[1]) return { ok: false, reason: "malformed_header" };
  // Anyone can compute an HMAC under an empty key: a missing app secret must never verify.
  if (appSecret.length === 0) return { ok: false, reason: "signature_mismatch" };

  // Both sides are 32 raw digest bytes, so timingSafeEqual never sees a length difference and
  // the comparison time does not depend on how many leading bytes match.
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  const received = Buffer.from(match[1], "hex");
  return timingSafeEqual(expected, received) ? { ok: true } : { ok: false, reason: "signature_mismatch" };
}
