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
  | "prd"
  | "note"
  | "cnr"
  | "nwf"
  | "ctc"
  | "seg"
  | "imp"
  | "cns"
  | "cev"
  | "cim"
  | "aut"
  | "jrn"
  | "call";

export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (poolOffset + 10 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  poolOffset += 10;
  return `${prefix}_${time}${base32(pool, poolOffset - 10, poolOffset)}`;
}

// Ids are minted several times per message (the message, its request, its conversation row):
// one draw from the system's random source per id cost more than the rest of minting it, so ids
// take their bytes from a pool refilled 4 KiB at a time, as Node does for randomUUID. Every byte
// is used once. Secrets (API keys, sessions, tokens) keep their own draw, `randomToken`.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** `bytes` random bytes as base32 text (1.6 characters per byte). */
export function randomToken(bytes: number): string {
  return base32(randomBytes(bytes), 0, bytes);
}

function base32(buf: Buffer, start: number, end: number): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    acc = (acc << 8) | buf[i]!;
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
