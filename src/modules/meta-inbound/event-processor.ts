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
import { applyInboundBatch, type PendingInbound } from "./apply-inbound.js";
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

/** How long a backlog lasts before processing takes its largest share (and batches side by side again). */
const SHARE_RAMP_MS = 10_000;

export interface ProcessorOptions {
  pollMs: number;
  leaseMs?: number;
  /** Events per transaction: fewer commits (fsyncs) for a backlog, shorter pauses of the event loop on SQLite. */
  batchSize?: number;
  /**
   * Events per claim (one durable write, so a processor that dies on an event has still counted
   * the attempt); they are then processed `batchSize` at a time. Default: batchSize, except on SQLite.
   */
  claimSize?: number;
  /** After this many failed runs an event is kept as `failed` for the operator. */
  maxAttempts?: number;
  /**
   * After a poke, wait up to this long for more events to share the tick (default 200 ms), unless
   * a whole batch was stored meanwhile (then at once).
   */
  gatherMs?: number;
  /**
   * Batches processed side by side (PostgreSQL: each on its own pooled connection; SQLite: always 1),
   * when a claim comes back full; one at a time while a receiver is storing webhooks, until a
   * backlog has lasted 10 s.
   */
  concurrency?: number;
  /**
   * While a receiver is storing webhooks (the one in this process, `wharf start`, or another
   * process's that signals its commits through `wake`), the share of the event loop processing
   * takes at first (default 0.25); the rest of the time Meta's requests are answered. A backlog that lasts raises it (`processingShare`); once no webhook arrives,
   * processing runs flat out, so what a burst left is worked off after it.
   */
  shareWhileReceiving?: number;
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
  /** The receiver in this process committed `count` events: a poke, at once if they fill a batch. */
  stored(count: number): void;
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
  // SQLite runs a batch without yielding the event loop (its driver is synchronous): in `wharf
  // start` the receiver waits for each. 100 events keep a transaction to ~10-20 ms while paying
  // the fsync (off the event loop, platform/db/wal-sync.ts) once per 100; the claim (its own
  // fsync) takes 5 batches at once, and the receiver gets a turn between batches.
  const sqlite = deps.dialect === "sqlite";
  const batchSize = options.batchSize ?? 100;
  const claimSize = Math.max(batchSize, options.claimSize ?? (sqlite ? batchSize * 5 : batchSize));
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = exponentialBackoff(2_000, 15 * 60_000);
  let nextUnmatchedAt = 0;
  // Events left pending by a processor that died on their last attempt: found only once their lease
  // ran out, so looking more often than a lease lasts finds nothing new (and the query reads every
  // pending row, which under a backlog is most of the table).
  const sweepEveryMs = Math.min(leaseMs, 30_000);
  let nextSweepAt = 0;

  async function processBatch(claimed: ClaimedEvent[], claimedAt: number): Promise<void[]> {
    await deps.events.transaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      // Renewing a lease taken moments ago would only write each ~1 KB event row once more (the
      // claim and the finish write it too); a batch that waited renews. (On SQLite the transaction
      // needs no first write to take the write lock: `begin` is `begin immediate` there.)
      if (now - claimedAt > leaseMs / 4)
        await renewLeases(
          trx,
          claimed.map((e) => e.id),
          owner,
          now + leaseMs,
        );
      const routes = routeCache(trx);
      const clean: string[] = [];
      const statuses: PendingStatus[] = [];
      const inbound: PendingInbound[] = [];
      for (const e of claimed) {
        const ctx = new EventContext(trx, deps, routes, e.id, Number(e.received_at), statuses, inbound);
        const outcome = await processEvent(ctx, e.body);
        await insertFlags(trx, ctx.flags);
        if (outcome.state === "done" && ctx.flags.length === 0) clean.push(e.id);
        else
          await finishEvents(trx, [e.id], owner, outcome.state, now, {
            error: outcome.state === "invalid" ? outcome.reason : null,
            flags: ctx.flags.length,
          });
      }
      await applyInboundBatch(trx, deps, inbound);
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

  const concurrency = sqlite ? 1 : (options.concurrency ?? 4);

  // Events this process stored since the last claim: a batch's worth wakes the loop at once.
  let storedSinceTick = 0;
  // Scheduling, not business time: the monotonic clock of this process, whatever `deps.clock` says.
  let lastStoredAt = Number.NEGATIVE_INFINITY;
  // Since when every claim came back full (work left over), or null.
  let backloggedSince: number | null = null;
  const baseShare = options.shareWhileReceiving ?? 0.25;

  /** A receiver stored webhooks in the last 100 ms. */
  const receiving = () => performance.now() - lastStoredAt <= 100;
  /**
   * While webhooks keep arriving, one batch at a time: each batch waits out its share
   * (`yieldAfter`), and batches side by side would each take that share again, leaving the
   * receiver less (on PostgreSQL with two workers, 8 chains of batches competed with the serve
   * for the machine). Once a backlog has lasted `SHARE_RAMP_MS`, batches go side by side again:
   * a flood that lasts is worked off at full speed, answering Meta slower instead.
   */
  const restrained = () =>
    receiving() && (backloggedSince === null || performance.now() - backloggedSince < SHARE_RAMP_MS);

  /**
   * After a batch that kept the event loop `busyMs`: while the receiver is taking webhooks, give it
   * the loop for long enough that processing keeps to its share (a batch on SQLite blocks the loop;
   * its wall time also counts the wait for its fsync, when the loop was free, so processing takes
   * a little less than its share); otherwise only let pending I/O through.
   */
  async function yieldAfter(busyMs: number): Promise<void> {
    const now = performance.now();
    if (!receiving()) return new Promise((r) => setImmediate(r));
    const share = processingShare(baseShare, backloggedSince === null ? 0 : now - backloggedSince);
    const ms = Math.min(250, (busyMs * (1 - share)) / share);
    return new Promise((r) => setTimeout(r, ms));
  }

  async function tick(): Promise<boolean> {
    storedSinceTick = 0;
    const full = await processDue(concurrency);
    if (deps.clock.now() >= nextUnmatchedAt) {
      nextUnmatchedAt = deps.clock.now() + 500;
      await retryUnmatchedStatuses(deps);
    }
    if (deps.clock.now() >= nextSweepAt) {
      nextSweepAt = deps.clock.now() + sweepEveryMs;
      await failExhaustedEvents(deps.db, deps.clock.now(), maxAttempts);
    }
    return full;
  }

  /**
   * Claims and processes what is due; a full claim means more is waiting, so another claim runs
   * beside its processing, up to `slots` side by side. A trickle costs one claim a tick, not one
   * per slot. True when any claim came back full.
   */
  async function processDue(slots: number): Promise<boolean> {
    const request = { owner, now: deps.clock.now(), leaseMs, limit: claimSize };
    const claimed = await claimEvents(deps.db, deps.dialect, request, maxAttempts);
    const full = claimed.length === claimSize;
    const beside = full && slots > 1 && !restrained() ? processDue(slots - 1) : Promise.resolve(false);
    try {
      await processClaimed(claimed, request.now);
    } finally {
      // Settled before any error goes on, so no claim runs unawaited.
      await beside.catch(() => undefined);
    }
    return (await beside) || full;
  }

  async function processClaimed(claimed: ClaimedEvent[], claimedAt: number): Promise<void> {
    for (let i = 0; i < claimed.length; i += batchSize) {
      const started = performance.now();
      const batch = claimed.slice(i, i + batchSize);
      const run = (events: ClaimedEvent[]) => processBatch(events, claimedAt);
      const results = await writeBatchOrEach("webhook-processor", deps, batch, run, (e) => ({
        eventId: e.id,
        attempt: e.attempts,
        giveUp: e.attempts >= maxAttempts,
      }));
      for (const [j, r] of results.entries()) if (!r.ok) await fail(batch[j]!, r.error);
      // After each batch the event loop takes in what arrived meanwhile: in `wharf start`, the
      // receiver answers and commits the webhooks that waited for this batch's transaction.
      await yieldAfter(performance.now() - started);
    }
    if (claimed.length < claimSize) backloggedSince = null;
    else backloggedSince ??= performance.now();
  }

  // Woken by each stored webhook. A commit is an fsync (on SQLite waited out by the writes that
  // need it, not by the event loop): a trickle of webhooks is gathered for up to 200 ms so that one
  // claim and one transaction serve many of them, while a flood fills a batch and goes at once.
  // A receiver in another process (`wharf serve`) signals each commit: processing there competes
  // with it for the database and, when they share a machine, for its cores, so while those signals
  // keep coming this processor keeps to the same share as beside a receiver of its own (a flood is
  // taken in first, its backlog worked off after it or, if it lasts, by a growing share).
  const remoteWake = options.wake;
  const wake: PollLoopOptions["wake"] = remoteWake
    ? (poke) =>
        remoteWake(() => {
          lastStoredAt = performance.now();
          poke();
        })
    : undefined;
  const loop = pollLoop(
    tick,
    { name: "webhook-processor", pollMs: options.pollMs, gatherMs: options.gatherMs ?? 200, wake },
    deps,
  );
  return {
    ...loop,
    stored(count) {
      lastStoredAt = performance.now();
      storedSinceTick += count;
      loop.poke(storedSinceTick >= batchSize);
    },
    async runUntilIdle() {
      nextUnmatchedAt = 0;
      nextSweepAt = 0;
      while (await tick());
    },
  };
}

/**
 * The share of the event loop processing takes while webhooks keep arriving: `base` at first, then
 * more the longer a backlog lasts (0.75 after 10 s), so a receiver that is faster than processing
 * can be ahead for a burst but not forever: past that, answering Meta slows down instead and
 * Meta's own retries and backoff take up the rest. Between 0.05 and 0.75.
 */
export function processingShare(base: number, backloggedMs: number): number {
  const share = Math.max(0.05, Math.min(0.75, base));
  return Math.min(0.75, share + (0.75 - share) * Math.min(1, Math.max(0, backloggedMs) / SHARE_RAMP_MS));
}

const CONTENTION = new Set(["40P01", "40001", "55P03", "SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED"]);

function isContention(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONTENTION.has(code);
}
