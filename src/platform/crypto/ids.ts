import { randomBytes } from "node:crypto";

// Crockford base32: ids sort by creation time (the first 10 characters are the millisecond clock),
// which keeps cursor paging and B-tree inserts cheap. 80 random bits follow.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix =
  | "ws"
  | "usr"
  | "inv"
  | "ses"
  | "key"
  | "job"
  | "msg"
  | "cmp"
  | "evt"
  | "req"
  | "tpl"
  | "con"
  | "pn"
  | "med"
  | "whe"
  | "dlv"
  | "prd";

export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${randomToken(10)}`;
}

/** `bytes` random bytes as base32 text (1.6 characters per byte). */
export function randomToken(bytes: number): string {
  const buf = randomBytes(bytes);
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of buf) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}
