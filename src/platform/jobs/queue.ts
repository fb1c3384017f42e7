import type { z } from "zod";
import type { Executor, Signals } from "../db/index.js";
import type { Clock } from "../clock.js";
import { newId } from "../crypto/ids.js";
import type { JobDefinition } from "./define-job.js";
import type { JobStore } from "./job-store.js";

export interface EnqueueOptions {
  runAt?: number;
  delayMs?: number;
  /** At most one pending job per key: a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
  workspaceId?: string;
}

export interface JobQueue {
  /**
   * Writes the job in the caller's transaction (or on the db handle): it exists exactly when the
   * caller's other writes do. Returns false when the dedupe key already had a pending job.
   */
  enqueue<S extends z.ZodType>(
    executor: Executor,
    def: JobDefinition<S>,
    payload: z.infer<S>,
    options?: EnqueueOptions,
  ): Promise<boolean>;
  /**
   * Hint, after a commit, that work is waiting, so a worker does not wait for its next poll: this
   * process's, and with signals on PostgreSQL every other's. Wakes job workers and dispatchers.
   */
  poke(): void;
  /**
   * The same hint for outbound messages only: wakes dispatchers, not job workers, whose claim would
   * find nothing (a send used to cost every job worker a claim query).
   */
  pokeOutbox(): void;
  /** Job workers: hears `poke` and jobs enqueued. */
  onPoke(listener: () => void): () => void;
  /** Dispatchers: hears `pokeOutbox` as well as everything `onPoke` hears. */
  onOutboxPoke(listener: () => void): () => void;
}

/** The signal topic of "jobs (or work of any kind) were queued". */
export const WORK_QUEUED_TOPIC = "work";
/** The signal topic of "outbound messages were queued". */
export const OUTBOX_QUEUED_TOPIC = "outbox";

export function createJobQueue(deps: { store: JobStore; clock: Clock; signals?: Signals }): JobQueue {
  // Pokes are coalesced to one per turn of the event loop: a group commit answers hundreds of
  // sends at once, and each listener's wake-up is a claim query.
  const jobListeners = coalesced();
  const outboxListeners = coalesced();
  const notify = () => {
    jobListeners.notify();
    outboxListeners.notify();
  };
  deps.signals?.on(WORK_QUEUED_TOPIC, notify);
  deps.signals?.on(OUTBOX_QUEUED_TOPIC, outboxListeners.notify);
  return {
    async enqueue(executor, def, payload, options = {}) {
      // Validate on the way in: a malformed payload is the caller's bug and should fail its request,
      // not surface minutes later in a worker.
      const parsed = def.payload.parse(payload);
      const now = deps.clock.now();
      const inserted = await deps.store.insert(executor, {
        id: newId("job", now),
        name: def.name,
        payload: JSON.stringify(parsed),
        status: "queued",
        run_at: options.runAt ?? now + (options.delayMs ?? 0),
        attempts: 0,
        max_attempts: def.maxAttempts,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        dedupe_key: options.dedupeKey ?? null,
        workspace_id: options.workspaceId ?? null,
        created_at: now,
        updated_at: now,
      });
      notify();
      // Other processes' workers: at the commit when this is a transaction, else at once.
      if (inserted && deps.signals) {
        if (executor.isTransaction) await deps.signals.sendIn(executor, WORK_QUEUED_TOPIC);
        else deps.signals.send(WORK_QUEUED_TOPIC);
      }
      return inserted;
    },
    poke: () => (deps.signals ? deps.signals.send(WORK_QUEUED_TOPIC) : notify()),
    pokeOutbox: () => (deps.signals ? deps.signals.send(OUTBOX_QUEUED_TOPIC) : outboxListeners.notify()),
    onPoke: jobListeners.add,
    onOutboxPoke: outboxListeners.add,
  };
}

/** Listeners called once per turn of the event loop however often `notify` ran in it. */
function coalesced(): { notify: () => void; add: (listener: () => void) => () => void } {
  const listeners = new Set<() => void>();
  let pending = false;
  return {
    notify() {
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        listeners.forEach((l) => l());
      });
    },
    add(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
