import { hostname } from "node:os";
import type { Clock } from "../clock.js";
import { randomToken } from "../crypto/ids.js";
import type { JobDefinition } from "./define-job.js";
import { DeferJob, retryHint } from "./define-job.js";
import type { ClaimedJob, JobStore } from "./job-store.js";
import { pollLoop, reportLoopError, type LoopObserver } from "../queue/index.js";
import type { JobQueue } from "./queue.js";

export interface WorkerOptions {
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  random?: () => number;
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: "completed"; name: string; durationMs: number }
  | { type: "retry"; name: string; attempt: number; delayMs: number; error: string }
  | { type: "failed"; name: string; attempt: number; error: string }
  | { type: "deferred"; name: string; delayMs: number }
  | { type: "lease_lost"; name: string; id: string }
  | { type: "loop_error"; error: string };

export interface Worker {
  readonly owner: string;
  start(): void;
  /** Stops claiming, lets running jobs finish within `graceMs`, then releases the rest for another worker. */
  stop(graceMs: number): Promise<void>;
}

export function createWorker(
  deps: { store: JobStore; queue: JobQueue; clock: Clock } & LoopObserver,
  definitions: JobDefinition[],
  options: WorkerOptions,
): Worker {
  const owner = `${hostname()}:${process.pid}:${randomToken(5)}`;
  const defs = new Map(definitions.map((d) => [d.name, d]));
  const names = [...defs.keys()];
  const random = options.random ?? Math.random;
  const emit = options.onEvent ?? (() => {});
  const inflight = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  let running = false;
  let polls = 0;
  let heartbeat: NodeJS.Timeout | null = null;

  async function run(job: ClaimedJob): Promise<void> {
    const def = defs.get(job.name)!;
    const abort = new AbortController();
    const started = deps.clock.now();
    const promise = (async () => {
      try {
        const payload = def.payload.parse(JSON.parse(job.payload));
        await def.handler(payload, {
          id: job.id,
          name: job.name,
          attempt: job.attempts,
          isRetry: job.attempts > 1,
          workspaceId: job.workspace_id,
          signal: abort.signal,
        });
        // A recurring job's row is rescheduled in place, so its next run cannot be lost between two writes.
        const settled = def.everyMs
          ? await deps.store.reschedule(job.id, owner, deps.clock.now() + def.everyMs, deps.clock.now())
          : await deps.store.complete(job.id, owner);
        if (settled) emit({ type: "completed", name: job.name, durationMs: deps.clock.now() - started });
        else emit({ type: "lease_lost", name: job.name, id: job.id });
      } catch (err) {
        await settleFailure(job, def, err);
      } finally {
        inflight.delete(job.id);
        loop.poke();
      }
    })();
    inflight.set(job.id, { promise, abort });
  }

  async function settleFailure(job: ClaimedJob, def: JobDefinition, err: unknown): Promise<void> {
    const now = deps.clock.now();
    const message = err instanceof Error ? err.message : String(err);
    try {
      if (err instanceof DeferJob) {
        await deps.store.retryLater(job.id, owner, now + err.delayMs, message, now, true);
        emit({ type: "deferred", name: job.name, delayMs: err.delayMs });
        return;
      }
      const hint = retryHint(err);
      if (!hint.retryable || job.attempts >= job.max_attempts) {
        await deps.store.fail(job.id, owner, message, now);
        emit({ type: "failed", name: job.name, attempt: job.attempts, error: message });
        return;
      }
      const delayMs = hint.retryAfterMs ?? def.backoff(job.attempts, random);
      await deps.store.retryLater(job.id, owner, now + delayMs, message, now);
      emit({ type: "retry", name: job.name, attempt: job.attempts, delayMs, error: message });
    } catch (storeErr) {
      // The lease will expire and another worker will take the job: nothing is lost.
      loopError(storeErr);
    }
  }

  function loopError(err: unknown): void {
    emit({ type: "loop_error", error: err instanceof Error ? err.message : String(err) });
    reportLoopError(deps, "jobs", err);
  }

  /** Claims as many jobs as there are free slots; a full claim means more may be waiting. */
  async function tick(): Promise<boolean> {
    const capacity = options.concurrency - inflight.size;
    if (capacity <= 0) return false;
    let claimed: ClaimedJob[];
    try {
      const now = deps.clock.now();
      if (polls++ % 50 === 0) await deps.store.failExhausted(now);
      claimed = await deps.store.claim(names, owner, now, options.leaseMs, capacity);
    } catch (err) {
      // Reported here rather than by the loop, so the job metrics keep counting it too.
      loopError(err);
      return false;
    }
    for (const job of claimed) void run(job);
    if (claimed.length === 0 || claimed.length < capacity) return false;
    // Go again as soon as a slot is free.
    if (inflight.size >= options.concurrency) await Promise.race([...inflight.values()].map((i) => i.promise));
    return true;
  }

  // Woken by pokes after commits that queued jobs, in this process or (signals) another.
  const loop = pollLoop(tick, { name: "jobs", pollMs: options.pollMs, wake: (poke) => deps.queue.onPoke(poke) }, deps);

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      heartbeat = setInterval(
        () => {
          void deps.store
            .extendLeases([...inflight.keys()], owner, deps.clock.now() + options.leaseMs)
            .catch(loopError);
        },
        Math.max(250, Math.floor(options.leaseMs / 3)),
      );
      loop.start();
    },
    async stop(graceMs) {
      running = false;
      await loop.stop();
      const all = Promise.all([...inflight.values()].map((i) => i.promise));
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
      ]);
      if (timedOut) {
        const now = deps.clock.now();
        for (const [id, job] of inflight) {
          job.abort.abort();
          // Back to the queue for another worker, without spending the attempt.
          await deps.store.retryLater(id, owner, now, "released at shutdown", now, true).catch(() => {});
        }
      }
      if (heartbeat) clearInterval(heartbeat);
    },
  };
}
