import type { LoopObserver } from "./loop-errors.js";
import { reportLoopError } from "./loop-errors.js";

/**
 * A worker-role loop: run `tick` until it reports no work, then sleep `pollMs` or until poked.
 * `tick` returns whether it filled a whole batch (more may be waiting: go again at once, after
 * letting the event loop breathe). A tick that throws is logged and counted under the loop's name,
 * and the loop goes on.
 */
export interface PollLoop {
  start(): void;
  stop(): Promise<void>;
  /**
   * Work is waiting (e.g. just committed in this process): do not wait for the next poll. `now`:
   * enough is waiting for a full tick, so do not wait for `gatherMs` either.
   */
  poke(now?: boolean): void;
}

export interface PollLoopOptions {
  /** The `loop` label of its errors in logs and metrics. */
  name: string;
  pollMs: number;
  gatherMs?: number;
  /**
   * Where "work is waiting" comes from besides `poke()`: subscribed while the loop runs, e.g. a
   * signal from another process (`platform/db/signals.ts`). The poll stays the fallback.
   */
  wake?: (poke: () => void) => () => void;
}

export function pollLoop(
  tick: () => Promise<boolean>,
  options: PollLoopOptions,
  observer: LoopObserver = {},
): PollLoop {
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // A wake-up that came while the loop was ticking: its next sleep ends at once.
  let owed = false;
  let urgent = false;
  let gather: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;

  const wakeUp = () => {
    if (wake) wake();
    else owed = true;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (owed) {
        owed = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function run(): Promise<void> {
    while (running) {
      let full = false;
      try {
        full = await tick();
      } catch (err) {
        reportLoopError(observer, options.name, err);
      }
      if (!running) break;
      if (full) await new Promise((r) => setImmediate(r));
      else await sleep(options.pollMs);
    }
  }

  const loopApi: PollLoop = {
    start() {
      if (running) return;
      running = true;
      unsubscribe = options.wake?.(() => loopApi.poke()) ?? null;
      loop = run();
    },
    async stop() {
      running = false;
      unsubscribe?.();
      unsubscribe = null;
      if (gather) clearTimeout(gather);
      gather = null;
      wake?.();
      await loop;
    },
    poke(now = false) {
      // Coalesced to one wake-up per turn of the event loop (every published event pokes), or per
      // `gatherMs`: what arrives meanwhile shares the tick, and its transaction's one fsync. A poke
      // during a tick gathers too, so a busy loop still takes its work in batches.
      if (now || !options.gatherMs) {
        if (urgent) return;
        urgent = true;
        setImmediate(() => {
          urgent = false;
          wakeUp();
        });
      } else if (!gather) {
        gather = setTimeout(() => {
          gather = null;
          wakeUp();
        }, options.gatherMs);
      }
    },
  };
  return loopApi;
}
