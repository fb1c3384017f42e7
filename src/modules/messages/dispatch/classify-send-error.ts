import { ChannelError, PROVIDER_NAMES } from "../../../channels/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { OutboxRow } from "../outbox.repo.js";
import type { Outcome } from "./record-outcomes.js";

export const MAX_SEND_ATTEMPTS = 8;

export interface SendFailure {
  outcome: Outcome;
  /** Stop sending from this number for a while (throughput or WABA rate limit, token lapse). */
  pauseNumberMs: number;
  /** Meta's rate-limit code when Meta itself paused the number (130429, 80007, 80008). */
  pausedByMeta?: number;
}

/** What one failed send means for that message and for the number's pump. */
export function classifySendError(err: unknown, row: OutboxRow, now: number, random: () => number): SendFailure {
  const backoff = (attempt: number) => Math.round(Math.min(300_000, 1000 * 2 ** (attempt - 1)) * (0.5 + random() / 2));
  // Not our fault and not the message's: a paused workspace (token lapse) waits without spending attempts.
  if (
    (err instanceof ChannelError && err.kind === "auth_lapsed") ||
    (err instanceof AppError &&
      (err.code === "CONNECTION_NEEDS_RECONNECT" ||
        err.code === "NOT_CONNECTED" ||
        err.code === "PHONE_NUMBER_NOT_ACTIVE" ||
        err.code === "PHONE_NUMBER_PAUSED"))
  ) {
    return {
      outcome: { kind: "retry", row, runAt: now + 5_000, error: err.message, refund: true },
      pauseNumberMs: 5_000,
    };
  }
  // The request left and no answer came back (timeout, connection lost), or a 2xx we could not
  // read: Meta may have accepted it, and `/messages` has no idempotency key, so a resend could reach
  // the customer twice. Held as `unknown`, never sent again from here (docs/events.md).
  if (err instanceof ChannelError && err.kind === "maybe_processed") {
    return {
      outcome: {
        kind: "unknown",
        row,
        error: {
          message: `No usable answer from ${PROVIDER_NAMES[err.channel]}, so it may or may not have been sent; it is not sent again: ${err.message}`,
          networkCode: err.networkCode ?? null,
        },
      },
      pauseNumberMs: 0,
    };
  }
  if (err instanceof ChannelError && err.kind === "throttled") {
    // The provider's own wait first (Retry-After, or Meta's business-use-case estimated_time_to_regain_access).
    const perRecipient = err.scope === "recipient";
    const wait = err.retryAfterMs ?? (perRecipient ? 6_000 : err.scope === "account" ? 60_000 : 1_000);
    // One customer's pair rate (Meta's 131056) pauses nothing; the number's or the account's (130429 / 80007 / 80008) pause the number.
    return {
      outcome: { kind: "retry", row, runAt: now + wait, error: err.message, refund: true },
      pauseNumberMs: perRecipient ? 0 : wait,
      ...(perRecipient ? {} : { pausedByMeta: err.provider.code ?? 0 }),
    };
  }
  if (err instanceof ChannelError && !err.retryable) {
    return {
      outcome: {
        kind: "failed",
        row,
        error: {
          code: "META_REJECTED",
          message: err.provider.details ?? err.provider.userMessage ?? err.message,
          metaCode: err.provider.code ?? null,
          title: err.provider.title ?? err.provider.type ?? null,
          fbtraceId: err.provider.traceId ?? null,
        },
      },
      pauseNumberMs: 0,
    };
  }
  // Transient (5xx, 1, 2, 131000, 131016, 133004, a connection never made): retry with backoff, then give up.
  const message = err instanceof Error ? err.message : String(err);
  if (row.attempts >= MAX_SEND_ATTEMPTS) {
    const provider = err instanceof ChannelError ? err.provider : null;
    return {
      outcome: {
        kind: "failed",
        row,
        error: {
          code: "SEND_RETRIES_EXHAUSTED",
          message: `Gave up after ${row.attempts} attempts: ${message}`,
          metaCode: provider?.code ?? null,
          title: null,
          fbtraceId: provider?.traceId ?? null,
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
