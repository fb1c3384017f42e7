import { GraphError } from "../errors/graph-errors.js";

/**
 * Backoff for idempotent reads. Sends never come through here: a retried send can deliver a
 * message twice, so that decision belongs to the caller (the dispatcher), not the client.
 */

export interface RetryPolicy {
  /** Total attempts including the first one; 1 disables retries. */
  maxAttempts: number;
  baseMs: number;
  /** Ceiling for one wait. A server hint above it is not waited out in-process: the error is thrown. */
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseMs: 200, maxMs: 5_000 };

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * "Equal jitter": half of the exponential step is fixed, half random, so concurrent clients
 * spread out without any wait collapsing to zero. A server hint (Retry-After) is a floor.
 */
export function backoffDelayMs(
  failedAttempts: number,
  policy: RetryPolicy,
  random: () => number,
  hintMs?: number,
): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  const jittered = step / 2 + (step / 2) * Math.min(1, Math.max(0, random()));
  return Math.round(Math.max(jittered, hintMs ?? 0));
}

function hintOf(error: GraphError): number | undefined {
  return "retryAfterMs" in error && typeof error.retryAfterMs === "number" ? error.retryAfterMs : undefined;
}

export async function withRetry<T>(
  run: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (!(error instanceof GraphError) || !error.retryable || attempt >= policy.maxAttempts) throw error;
      const hint = hintOf(error);
      if (hint !== undefined && hint > policy.maxMs) throw error;
      await deps.sleep(backoffDelayMs(attempt, policy, deps.random, hint));
    }
  }
}
