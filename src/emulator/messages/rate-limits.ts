import { portfolioReach } from "../portfolio/messaging-limit.js";
import type { EmulatorState } from "../state/emulator-state.js";

/**
 * The three send limits Meta enforces, each as a check that returns a `commit` to run only
 * once the message is accepted, so a refused request never uses up budget.
 */
export type LimitCheck = { ok: true; commit: () => void } | { ok: false };

/**
 * Throughput (130429): at most `mps` messages in any one-second span, per number. A ring of the
 * last `mps` acceptance times makes that check O(1): the oldest must be a second old.
 */
export function checkThroughput(state: EmulatorState, phoneNumberId: string, mps: number, now: number): LimitCheck {
  const capacity = Math.max(1, Math.floor(mps));
  let window = state.throughput.get(phoneNumberId);
  if (!window || window.times.length !== capacity) {
    window = { times: new Array<number>(capacity).fill(Number.NEGATIVE_INFINITY), next: 0 };
    state.throughput.set(phoneNumberId, window);
  }
  const ring = window;
  if (now - ring.times[ring.next]! < 1000) return { ok: false };
  return {
    ok: true,
    commit: () => {
      ring.times[ring.next] = now;
      ring.next = (ring.next + 1) % capacity;
    },
  };
}

/**
 * Pair rate (131056): one message per `intervalMs` to the same user, with bursts borrowed from
 * future budget (Meta: up to 45 in 6 s, after which a burst of 20 costs ~2 minutes). That is a
 * generic cell-rate algorithm: each message moves a theoretical time `intervalMs` ahead, and a
 * message is refused when that time would run more than `burst` intervals ahead of now.
 */
export function checkPairRate(
  state: EmulatorState,
  key: string,
  limits: { intervalMs: number; burst: number },
  now: number,
): LimitCheck {
  const tat = Math.max(state.pairRate.get(key) ?? now, now);
  if (tat + limits.intervalMs - now > limits.burst * limits.intervalMs) return { ok: false };
  return { ok: true, commit: () => state.pairRate.set(key, tat + limits.intervalMs) };
}

/**
 * The business portfolio's messaging limit (131048 here): at most `limit` unique users reached
 * outside a customer-service window in a moving 24 hours, counted across every number of the
 * portfolio. Users already counted can be messaged again freely, from any of its numbers.
 */
export function checkUniqueRecipients(
  state: EmulatorState,
  businessId: string,
  waId: string,
  limit: number,
  now: number,
): LimitCheck {
  const recipients = portfolioReach(state, businessId, now);
  if (!recipients.has(waId) && recipients.size >= limit) return { ok: false };
  return { ok: true, commit: () => recipients.set(waId, now) };
}

const DAY_MS = 24 * 60 * 60_000;

/** The 24-hour customer-service window opened by the user's last message. */
export function windowOpen(state: EmulatorState, phoneNumberId: string, waId: string, now: number): boolean {
  const last = state.lastInboundAt.get(state.windowKey(phoneNumberId, waId));
  return last !== undefined && now - last < DAY_MS;
}
