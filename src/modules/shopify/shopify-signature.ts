import { createHmac, timingSafeEqual } from "node:crypto";

/** Shopify's `X-Shopify-Hmac-Sha256`: the base64 HMAC-SHA256 of the raw body under the webhook secret. */
export function signShopifyBody(rawBody: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

/**
 * Checks the header against the raw bytes. Both sides are compared as 32 decoded digest bytes,
 * in constant time; a header that does not decode to 32 bytes is refused before any comparison
 * (its length says nothing about the secret). An empty secret never verifies.
 */
export function verifyShopifyHmac(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header || secret.length === 0) return false;
  const trimmed = header.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return false;
  const received = Buffer.from(trimmed, "base64");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
