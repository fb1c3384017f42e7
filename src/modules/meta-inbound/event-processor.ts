import { hostname } from "node:os";
import type { Logger } from "pino";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import { randomToken } from "../../platform/crypto/index.js";
import type { EventBus } from "../../platform/events.js";
import { exponentialBackoff } from "../../platform/jobs/index.js";
import {
  pollLoop,
  writeBatchOrEach,
  type LoopObserver,
  type PollLoop,
  type PollLoopOptions,
} from "../../platform/queue/index.js";
import { applyStatusBatch, type PendingStatus } from "./apply-statuses.js";
import { EventContext, type ProcessDeps } from "./event-context.js";
import { processEvent } from "./process-event.js";
import { retryUnmatchedStatuses } from "./retry-unmatched.js";
import { routeCache } from "./route-cache.js";
import {
  claimEvents,
  failExhaustedEvents,
  finishEvents,
  insertFlags,
  renewLeases,
  retryEventLater,
  type ClaimedEvent,
} from "./webhook-events.repo.js";

/** Failed runs before an event is kept as `failed` for the operator. */
export const DEFAULT_MAX_ATTEMPTS = 12;

export interface ProcessorOptions {
  pollMs: number;
  leaseMs?: number;
  /** Events per transaction: fewer commits (fsyncs) for a backlog, shorter pauses of the event loop on SQLite. */
  batchSize?: number;
  /** After this many failed runs an event is kept as `failed` for the operator. */
  maxAttempts?: number;
  /** After a poke, wait this long for more events to share the tick (default 50 ms). */
  gatherMs?: number;
  /** Batches processed side by side (PostgreSQL: each on its own pooled connection; SQLite: always 1). */
  concurrency?: number;
  random?: () => number;
  /** Another process stored events (a serve's receiver): see `PollLoopOptions.wake`. */
  wake?: PollLoopOptions["wake"];
}

export type ProcessorDeps = ProcessDeps & {
  db: AnyDb;
  dialect: DialectName;
  events: EventBus;
  logger?: Logger;
  metrics?: LoopObserver["metrics"];
};

export interface EventProcessor extends PollLoop {
  /** Processes everything due now (tests, benchmarks, `wharf worker` draining on demand). */
  runUntilIdle(): Promise<void>;
}

/**
 * Works through stored webhook events: claimed in batches under a lease (any number of worker
 * processes can share the table), each batch processed in one transaction with the dedupe rows
 * it relies on. If a batch fails, its events are processed one per transaction, so one poison
 * event fails alone and is retried with backoff; nothing it half-did survives its rollback, which
 * is why a failed run never swallows the retry (Meta's or ours).
 */
export function createEventProcessor(deps: ProcessorDeps, options: ProcessorOptions): EventProcessor {
  const owner = `${hostname()}:${process.pid}:${randomToken(5)}`;
  // SQLite runs a batch without yielding the event loop (its driver is synchronous): keep it short
  // there so webhook requests served by the same process wait at most a few milliseconds.
  const batchSize = options.batchSize ?? (deps.dialect === "sqlite" ? 25 : 100);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = exponentialBackoff(2_000, 15 * 60_000);
  let nextUnmatchedAt = 0;

  async function processBatch(claimed: ClaimedEvent[]): Promise<void[]> {
    await deps.events.transaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      await renewLeases(
        trx,
        claimed.map((e) => e.id),
        owner,
        now + leaseMs,
      );
      const routes = routeCache(trx);
      const clean: string[] = [];
      const statuses: PendingStatus[] = [];
      for (const e of claimed) {
        const ctx = new EventContext(trx, deps, routes, e.id, Number(e.received_at), statuses);
        const outcome = await processEvent(ctx, e.body);
        await insertFlags(trx, ctx.flags);
        if (outcome.state === "done" && ctx.flags.length === 0) clean.push(e.id);
        else
          await finishEvents(trx, [e.id], owner, outcome.state, now, {
            error: outcome.state === "invalid" ? outcome.reason : null,
            flags: ctx.flags.length,
          });
      }
      await applyStatusBatch(trx, deps, statuses, (ws, event) => deps.events.recordEvent(trx, ws, event));
      await finishEvents(trx, clean, owner, "done", now);
    });
    return claimed.map(() => undefined);
  }

  async function fail(e: ClaimedEvent, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const giveUp = e.attempts >= maxAttempts;
    const random = options.random ?? Math.random;
    // Two batches that met on the same rows (PostgreSQL broke a deadlock, SQLite was busy): the next try
    // will most likely pass, so it comes soon; anything else backs off.
    const delay = isContention(err) ? 100 + Math.round(random() * 400) : backoff(e.attempts, random);
    await retryEventLater(deps.db, e.id, owner, deps.clock.now() + delay, message, giveUp);
  }

  const concurrency = deps.dialect === "sqlite" ? 1 : (options.concurrency ?? 4);

  async function tick(): Promise<boolean> {
    const full = await Promise.all(Array.from({ length: concurrency }, () => processDue()));
    if (deps.clock.now() >= nextUnmatchedAt) {
      nextUnmatchedAt = deps.clock.now() + 500;
      await retryUnmatchedStatuses(deps);
      await failExhaustedEvents(deps.db, deps.clock.now(), maxAttempts);
    }
    return full.some(Boolean);
  }

  async function processDue(): Promise<boolean> {
    const claimed = await claimEvents(deps.db, deps.dialect, owner, deps.clock.now(), leaseMs, batchSize, maxAttempts);
    const results = await writeBatchOrEach("webhook-processor", deps, claimed, processBatch, (e) => ({
      eventId: e.id,
      attempt: e.attempts,
      giveUp: e.attempts >= maxAttempts,
    }));
    for (const [i, r] of results.entries()) if (!r.ok) await fail(claimed[i]!, r.error);
    return claimed.length === batchSize;
  }

  // Woken by each stored webhook; under load Meta posts a status batch every few milliseconds, and
  // gathering them for 50 ms makes one processing transaction (one fsync) of several.
  const loop = pollLoop(
    tick,
    { name: "webhook-processor", pollMs: options.pollMs, gatherMs: options.gatherMs ?? 50, wake: options.wake },
    deps,
  );
  return {
    ...loop,
    async runUntilIdle() {
      nextUnmatchedAt = 0;
      while (await tick());
    },
  };
}

const CONTENTION = new Set(["40P01", "40001", "55P03", "SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED"]);

function isContention(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONTENTION.has(code);
}
