import type { AnyDb, DialectName, Signals } from "../db/index.js";
import type { Clock } from "../clock.js";
import type { JobDefinition } from "./define-job.js";
import { jobLeases, jobStore } from "./job-store.js";
import type { LoopObserver, QueueStats } from "../queue/index.js";
import { createJobQueue, type JobQueue } from "./queue.js";
import { createWorker, type Worker, type WorkerOptions } from "./worker.js";

export {
  defineJob,
  exponentialBackoff,
  DeferJob,
  retryHint,
  type JobDefinition,
  type JobContext,
} from "./define-job.js";
export { jobsMigrations } from "./jobs.migrations.js";
export { WORK_QUEUED_TOPIC, OUTBOX_QUEUED_TOPIC, type JobQueue, type EnqueueOptions } from "./queue.js";
export type { Worker, WorkerOptions, WorkerEvent } from "./worker.js";
export { jobLeases, jobStore, type JobRow, type JobTables, type ClaimedJob } from "./job-store.js";

export interface Jobs {
  queue: JobQueue;
  createWorker(definitions: JobDefinition[], options: WorkerOptions): Worker;
  /** Makes sure each recurring job has its one pending row (idempotent; safe from every process). */
  scheduleRecurring(definitions: JobDefinition[]): Promise<void>;
  /** The jobs table as /metrics reports it. */
  stats(now: number): Promise<QueueStats>;
}

export function createJobs(
  deps: { db: AnyDb; dialect: DialectName; clock: Clock; signals?: Signals } & LoopObserver,
): Jobs {
  const store = jobStore(deps.db, deps.dialect);
  const queue = createJobQueue({ store, clock: deps.clock, signals: deps.signals });
  return {
    queue,
    createWorker: (definitions, options) =>
      createWorker(
        { store, queue, clock: deps.clock, logger: deps.logger, metrics: deps.metrics },
        definitions,
        options,
      ),
    async scheduleRecurring(definitions) {
      for (const def of definitions) {
        if (def.everyMs) await queue.enqueue(deps.db, def, {}, { dedupeKey: `every:${def.name}` });
      }
    },
    stats: (now) => jobLeases(deps.dialect).stats(deps.db, now),
  };
}
