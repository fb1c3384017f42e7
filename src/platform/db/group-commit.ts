/**
 * Group commit: the writes of concurrent requests are gathered and committed together, then
 * every request is answered. On SQLite a commit is answered after an fsync (~5k single-row
 * commits/s on our machines; run off the event loop, wal-sync.ts) while a batch of rows costs about
 * the same as one row, so this is how a webhook can be on disk before its 200 and still keep up with
 * the HTTP server (design.md §1).
 *
 * A batch is flushed as soon as the event loop has taken in what already arrived (or after
 * `waitMs`), at most `maxBatch` items at a time, `maxConcurrent` flushes at a time (1 for SQLite,
 * which has one writer; a few for a PostgreSQL pool). A failed flush fails every request in it,
 * so none is answered 200 without being stored.
 */
export interface GroupCommitter<T, R = void> {
  /** Resolves with the item's own result from `flush`, once its batch is committed. */
  add(item: T): Promise<R>;
  /** Resolves when everything added so far is committed (or failed). */
  drain(): Promise<void>;
}

export interface GroupCommitOptions<T, R = void> {
  /** Writes the batch; may answer one result per item, in order (a refusal is data, not a throw). */
  flush(items: T[]): Promise<R[] | void>;
  /** Called after each successful flush (e.g. to wake the processor). */
  flushed?(count: number): void;
  maxBatch?: number;
  maxConcurrent?: number;
  /** 0: flush on the next turn of the event loop (setImmediate); otherwise wait this long to gather more. */
  waitMs?: number;
}

export function groupCommitter<T, R = void>(options: GroupCommitOptions<T, R>): GroupCommitter<T, R> {
  const maxBatch = options.maxBatch ?? 500;
  const maxConcurrent = options.maxConcurrent ?? 1;
  const waitMs = options.waitMs ?? 0;
  let queue: Array<{ item: T; resolve: (result: R) => void; reject: (err: unknown) => void }> = [];
  let running = 0;
  let scheduled = false;
  let idle: Array<() => void> = [];

  const schedule = () => {
    if (scheduled || running >= maxConcurrent || queue.length === 0) return;
    scheduled = true;
    // run() settles every item it takes (resolve or reject) and never rejects itself.
    if (waitMs > 0) setTimeout(() => void run(), waitMs);
    else setImmediate(() => void run());
  };

  async function run(): Promise<void> {
    scheduled = false;
    if (queue.length === 0 || running >= maxConcurrent) return;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    running += 1;
    // More waiting than one batch holds: another flush may start beside this one.
    schedule();
    try {
      const results = await options.flush(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results ? results[i]! : (undefined as R)));
      options.flushed?.(batch.length);
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      running -= 1;
      schedule();
      if (running === 0 && queue.length === 0) {
        const waiters = idle;
        idle = [];
        for (const w of waiters) w();
      }
    }
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    drain() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
