import type { z } from "zod";

export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first run; a retry after a failure or after a dead worker's lease expired sees 2, 3, ... */
  attempt: number;
  isRetry: boolean;
  workspaceId: string | null;
  /** Aborted when the worker shuts down past its grace period; the job is then released, not failed. */
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  maxAttempts: number;
  /** Delay before retry number `attempt` (1-based count of failures so far). */
  backoff: (attempt: number, random: () => number) => number;
  /** Recurring jobs re-enqueue themselves this long after each run, with at most one pending. */
  everyMs?: number;
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<void>;
}

/** Exponential backoff with full jitter, capped: spreads retries of a failed burst apart. */
export function exponentialBackoff(baseMs = 1_000, maxMs = 15 * 60_000) {
  return (attempt: number, random: () => number) => {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };
}

export function defineJob<S extends z.ZodType>(
  def: Omit<JobDefinition<S>, "maxAttempts" | "backoff"> & Partial<Pick<JobDefinition<S>, "maxAttempts" | "backoff">>,
): JobDefinition<S> {
  return { maxAttempts: 10, backoff: exponentialBackoff(), ...def };
}

/** Thrown by a handler to run again later without spending an attempt (e.g. the workspace must reconnect first). */
export class DeferJob extends Error {
  constructor(
    readonly delayMs: number,
    reason = "deferred",
  ) {
    super(reason);
    this.name = "DeferJob";
  }
}

/** What a handler's error tells the runner; errors elsewhere in Wharf carry the same two fields. */
export function retryHint(err: unknown): { retryable: boolean; retryAfterMs: number | null } {
  const e = err as { retryable?: unknown; retryAfterMs?: unknown } | null;
  return {
    retryable: e?.retryable !== false,
    retryAfterMs: typeof e?.retryAfterMs === "number" ? e.retryAfterMs : null,
  };
}
