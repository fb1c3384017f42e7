import ipaddr from "ipaddr.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashToken } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/errors/index.js";
import { countAttempt, deleteEndedWindows, resetAttempts, uncountAttempt } from "./attempt-throttle.repo.js";

export const THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * Attempts allowed per window. The account-from-one-address limit stops a single guesser early;
 * the wider account limit stops one spread over many addresses, and the address limit one trying
 * many accounts. The window is short and never extended by refused attempts, so an attacker who
 * hammers a victim's account keeps it locked for 15 minutes at most per round, never for good; and
 * the victim's own address has its own, separate account-and-address budget until the account
 * limit is reached.
 */
export const THROTTLE_LIMITS = { accountFromAddress: 10, account: 30, address: 50 } as const;

export interface Attempt {
  /** The credentials were right: the account's counters start over, and the address gets its attempt back. */
  succeeded(): Promise<void>;
}

/**
 * Counts an attempt to prove a secret for `subject` (an email, an invitation token's hash) from
 * `ip`, and refuses it with 429 RATE_LIMITED (Retry-After) when any of its keys is over its limit.
 * Counted before the secret is checked, so concurrent guesses cannot slip past the limit, and a
 * right password is refused as well until the window passes. `scope` keeps login and other secrets
 * (invitation accept) apart.
 */
export async function beginAttempt(
  deps: { db: AnyDb; clock: Clock },
  scope: string,
  subject: string,
  ip: string,
): Promise<Attempt> {
  const now = deps.clock.now();
  const subjectKey = hashToken(subject.trim().toLowerCase()).slice(0, 32);
  const address = addressKey(ip);
  const keys = {
    accountFromAddress: `${scope}:acct-ip:${subjectKey}:${address}`,
    account: `${scope}:acct:${subjectKey}`,
    address: `${scope}:ip:${address}`,
  };
  let retryAt = 0;
  for (const [name, key] of Object.entries(keys) as Array<[keyof typeof keys, string]>) {
    const { attempts, windowStart } = await countAttempt(deps.db, key, now, THROTTLE_WINDOW_MS);
    if (attempts > THROTTLE_LIMITS[name]) retryAt = Math.max(retryAt, windowStart + THROTTLE_WINDOW_MS);
  }
  // Ended windows are dead rows; dropping them here (an indexed, usually empty delete) keeps the table as small as the traffic.
  await deleteEndedWindows(deps.db, now - THROTTLE_WINDOW_MS);
  if (retryAt > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    throw new AppError(
      "RATE_LIMITED",
      `Too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfterSeconds },
    );
  }
  return {
    async succeeded() {
      await resetAttempts(deps.db, [keys.accountFromAddress, keys.account]);
      await uncountAttempt(deps.db, keys.address);
    },
  };
}

/** One key per IPv4 address; per /64 for IPv6 (one subscriber usually holds a whole /64). */
function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip.slice(0, 64);
  const addr = ipaddr.process(ip);
  if (addr.kind() === "ipv4") return addr.toString();
  return `${(addr as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((p) => p.toString(16))
    .join(":")}::/64`;
}

/** What the audit log may say about an email: enough to correlate lines, not enough to read it. */
export const maskedSubject = (subject: string) => `sha256:${hashToken(subject.trim().toLowerCase()).slice(0, 16)}`;
