import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `Wharf-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The timestamp is inside the MAC, so a receiver that refuses signatures older than a few
 * minutes cannot be fed a recorded delivery again (replay). Same scheme as Stripe's.
 */
export const SIGNATURE_HEADER = "wharf-signature";
export const DEFAULT_TOLERANCE_S = 300;

export function signDelivery(body: string, secret: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export type DeliverySignatureCheck =
  { ok: true } | { ok: false; reason: "malformed_header" | "too_old" | "signature_mismatch" };

/** What a receiver runs (documented for users; our tests use it as a receiver would). */
export function verifyDeliverySignature(
  body: string | Buffer,
  header: string | undefined,
  secret: string,
  nowMs: number,
  toleranceS = DEFAULT_TOLERANCE_S,
): DeliverySignatureCheck {
  const parts = new Map((header ?? "").split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1");
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: "malformed_header" };
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, reason: "too_old" };
  const expected = createHmac("sha256", secret).update(`${t}.`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex")) ? { ok: true } : { ok: false, reason: "signature_mismatch" };
}
