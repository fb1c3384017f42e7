import { GraphAuthError, GraphError, GraphRateLimitError } from "../../../graph/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { OutboxRow } from "../outbox.repo.js";
import type { Outcome } from "./record-outcomes.js";

export const MAX_SEND_ATTEMPTS = 8;

export interface SendFailure {
  outcome: Outcome;
  /** Stop sending from this number for a while (throughput or WABA rate limit, token lapse). */
  pauseNumberMs: number;
}

/** What one failed send means for that message and for the number's pump. */
export function classifySendError(err: unknown, row: OutboxRow, now: number, random: () => number): SendFailure {
  const backoff = (attempt: number) => Math.round(Math.min(300_000, 1000 * 2 ** (attempt - 1)) * (0.5 + random() / 2));
  // Not our fault and not the message's: a paused workspace (token lapse) waits without spending attempts.
  if (
    err instanceof GraphAuthError ||
    (err instanceof AppError &&
      (err.code === "CONNECTION_NEEDS_RECONNECT" ||
        err.code === "NOT_CONNECTED" ||
        err.code === "PHONE_NUMBER_NOT_ACTIVE"))
  ) {
    return {
      outcome: { kind: "retry", row, runAt: now + 5_000, error: err.message, refund: true },
      pauseNumberMs: 5_000,
    };
  }
  if (err instanceof GraphRateLimitError) {
    const wait = err.retryAfterMs ?? (err.code === 131056 ? 6_000 : err.code === 80007 ? 60_000 : 1_000);
    // 131056 is about this one customer; 130429 / 80007 are about the number or the account.
    return {
      outcome: { kind: "retry", row, runAt: now + wait, error: err.message, refund: true },
      pauseNumberMs: err.code === 131056 ? 0 : wait,
    };
  }
  if (err instanceof GraphError && !err.retryable) {
    return {
      outcome: {
        kind: "failed",
        row,
        error: {
          code: "META_REJECTED",
          message: err.details ?? err.error_user_msg ?? err.message,
          metaCode: err.code ?? null,
          title: err.error_user_title ?? err.type ?? null,
          fbtraceId: err.fbtrace_id ?? null,
        },
      },
      pauseNumberMs: 0,
    };
  }
  // Transient (5xx, 1, 2, 131000, 131016, 133004, network): retry with backoff, then give up.
  const message = err instanceof Error ? err.message : String(err);
  if (row.attempts >= MAX_SEND_ATTEMPTS) {
    const meta = err instanceof GraphError ? err : null;
    return {
      outcome: {
        kind: "failed",
        row,
        error: {
          code: "SEND_RETRIES_EXHAUSTED",
          message: `Gave up after ${row.attempts} attempts: ${message}`,
          metaCode: meta?.code ?? null,
          title: null,
          fbtraceId: meta?.fbtrace_id ?? null,
        },
      },
      pauseNumberMs: 0,
    };
  }
  return {
    outcome: { kind: "retry", row, runAt: now + backoff(row.attempts), error: message, refund: false },
    pauseNumberMs: 0,
  };
}
