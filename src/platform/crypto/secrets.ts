import { hash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Compares two secrets in constant time. Both sides are hashed first, so neither the length of
 * the expected value nor the position of the first differing byte shows in the timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * `constantTimeEqual` against one fixed secret (the operator's token, checked on every API
 * request), whose hash is taken once.
 */
export function matchesSecret(expected: string): (candidate: string) => boolean {
  const he = sha256(expected);
  return (candidate) => timingSafeEqual(sha256(candidate), he);
}

// One-shot hashing: a Hash object per call cost ~1 us more, three times per API request.
const sha256 = (s: string): Buffer => hash("sha256", s, "buffer");

/** For high-entropy random tokens (API keys, session ids): a fast hash is enough and allows lookup by hash. */
export function hashToken(token: string): string {
  return hash("sha256", token, "base64url");
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Passwords: scrypt with a per-password salt, parameters stored beside the hash so they can change later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
