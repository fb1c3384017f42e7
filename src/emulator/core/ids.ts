import { randomBytes, randomFillSync, randomInt } from "node:crypto";

/**
 * Identifiers shaped like Meta's: numeric object ids, `wamid.` message ids, `EAA` tokens,
 * `upload:` sessions and 11-character `fbtrace_id`s. Shapes matter because clients validate
 * them (wamid ≤ 128 chars; tokens are opaque and variable length, always starting with `EAA`).
 */
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[bytes[i]! % 62];
  return out;
}

/**
 * A 15- or 16-digit Graph object id. 16-digit ids start with 1 (as Meta's do), which keeps them
 * below 2^53: template ids travel as JSON numbers in webhooks and must stay exact.
 */
export function numericId(digits = 15): string {
  let out = digits >= 16 ? "1" : String(randomInt(1, 10));
  while (out.length < digits) out += String(randomInt(0, 10));
  return out;
}

/** `EAA` + letters and digits, the way Meta's user and system-user tokens look. */
export function accessToken(): string {
  return `EAA${base62(1)}${base62(180)}`;
}

export function authorizationCode(): string {
  return `AQ${base62(150)}`;
}

export function fbtraceId(): string {
  return base62(11);
}

/** Random bytes drawn from a pool: one system call per 4 KB instead of one per message id. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function pooledRandom(length: number): Buffer {
  if (poolOffset + length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += length;
  return pool.subarray(poolOffset - length, poolOffset);
}

/** Meta's wamids are base64 of an internal record that carries the recipient's wa_id. */
export function wamid(waId: string): string {
  const raw = Buffer.concat([Buffer.from(`\u0018\u000c${waId}\u0015\u0002\u0000\u0012\u0018\u0014`), pooledRandom(12)]);
  return `wamid.HBgL${raw.toString("base64").replace(/=+$/, "")}`;
}

/**
 * `upload:<id>?sig=<signature>`, both standard base64 the way Meta's can be (`+`, `/`, `=`): every
 * id carries all three (bytes fb ff bf encode to `+/+/` at a 3-byte boundary, and a length that is
 * not a multiple of 3 pads with `=`), so a client that mangles them fails every time, not sometimes.
 */
export function uploadSessionId(): { id: string; signature: string } {
  const marked = (before: number, after: number) =>
    Buffer.concat([randomBytes(before), Buffer.from([0xfb, 0xff, 0xbf]), randomBytes(after)]).toString("base64");
  return { id: `upload:${marked(15, 2)}`, signature: marked(21, 1) };
}

/** The `h` a finished resumable upload answers with (`2:c2FtcGxl...` in Meta's docs). */
export function uploadHandle(): string {
  return `2:${Buffer.from(base62(48)).toString("base64")}`;
}

export function batchHandle(): string {
  return `Ac${base62(40)}`;
}

export function secretHex(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}
