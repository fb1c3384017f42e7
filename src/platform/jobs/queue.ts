import type { z } from "zod";
import type { Executor } from "../db/index.js";
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
  /** Hint that work is waiting, so an in-process worker does not wait for its next poll. */
  poke(): void;
  onPoke(listener: () => void): () => void;
}

export function createJobQueue(deps: { store: JobStore; clock: Clock }): JobQueue {
  const listeners = new Set<() => void>();
  // Pokes are coalesced to one per turn of the event loop: a group commit answers hundreds of
  // sends at once, and each listener's wake-up is a claim query.
  let pending = false;
  const notify = () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      listeners.forEach((l) => l());
    });
  };
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
      return inserted;
    },
    poke: notify,
    onPoke(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
