import type { Logger } from "pino";
import type { AnyDb, Signals } from "../db/index.js";
import { asWorkspaceId, type WorkspaceId } from "../workspace-id.js";
import { LIVE_EVENTS_TOPIC, type EventBus } from "./bus.js";
import { liveEventHead, oldestLiveEvent, readLiveEvents, type LiveEvent } from "./live-log.js";

/**
 * Every live event of the workspaces this process has listeners for (its open SSE streams),
 * whichever process committed them, in number order, each once. This process's own events come
 * from the bus as they commit; another's are read from the live log when its signal arrives (or
 * when an own event's number shows that some are missing), and at least every `pollMs` in case a
 * signal was lost (on SQLite, where there are none, that poll is how a separate worker's events
 * arrive).
 */
export interface LiveFeed {
  /**
   * `listener` gets the workspace's events from now on. Resolves with the number it starts after
   * (events up to it, and some just after, may already have gone to other listeners).
   */
  follow(workspaceId: WorkspaceId, listener: (event: LiveEvent) => void): Promise<{ from: number; stop: () => void }>;
  /** The log, for a stream that resumes (`Last-Event-ID`). */
  read(workspaceId: WorkspaceId, afterSeq: number, limit?: number): Promise<LiveEvent[]>;
  head(workspaceId: WorkspaceId): Promise<number>;
  oldest(workspaceId: WorkspaceId): Promise<number | null>;
  close(): void;
}

interface Followed {
  /** The last number given to the listeners; -1 until the head was read. */
  last: number;
  listeners: Set<(event: LiveEvent) => void>;
  ready: Promise<void>;
  reading: boolean;
  again: boolean;
}

export function createLiveFeed(deps: {
  db: AnyDb;
  events: EventBus;
  signals: Signals;
  pollMs: number;
  logger?: Logger;
}): LiveFeed {
  const followed = new Map<WorkspaceId, Followed>();

  function deliver(state: Followed, events: LiveEvent[]): void {
    for (const e of events) {
      if (e.seq <= state.last) continue;
      state.last = e.seq;
      for (const listener of state.listeners) listener(e);
    }
  }

  // One read at a time per workspace; a signal during a read asks for another after it.
  function readNew(workspaceId: WorkspaceId): void {
    const state = followed.get(workspaceId);
    if (!state || state.last < 0) return;
    if (state.reading) {
      state.again = true;
      return;
    }
    state.reading = true;
    void (async () => {
      try {
        let full = false;
        do {
          state.again = false;
          const rows = await readLiveEvents(deps.db, workspaceId, state.last, 500);
          deliver(state, rows);
          full = rows.length === 500;
        } while ((state.again || full) && followed.get(workspaceId) === state);
      } catch (err) {
        deps.logger?.warn({ err }, "reading the live events failed; the next signal or poll retries");
      } finally {
        state.reading = false;
      }
    })();
  }

  const unsubscribes = [
    deps.events.subscribeAll((workspaceId, event) => {
      const state = followed.get(workspaceId);
      const seq = (event as Partial<LiveEvent>).seq;
      if (!state || state.last < 0 || seq === undefined) return;
      if (seq === state.last + 1) deliver(state, [event as LiveEvent]);
      // Another process committed the ones in between: they are in the log.
      else if (seq > state.last) readNew(workspaceId);
    }),
    deps.signals.on(LIVE_EVENTS_TOPIC, (payload) => {
      const [ws, seq] = payload.split(" ");
      const state = ws ? followed.get(asWorkspaceId(ws)) : undefined;
      if (state && state.last >= 0 && Number(seq) > state.last) readNew(asWorkspaceId(ws!));
    }),
    deps.signals.onResume(() => {
      for (const ws of followed.keys()) readNew(ws);
    }),
  ];
  const poll = setInterval(() => {
    for (const ws of followed.keys()) readNew(ws);
  }, deps.pollMs);
  poll.unref();

  return {
    async follow(workspaceId, listener) {
      let state = followed.get(workspaceId);
      if (!state) {
        const created: Followed = {
          last: -1,
          listeners: new Set(),
          ready: Promise.resolve(),
          reading: false,
          again: false,
        };
        created.ready = liveEventHead(deps.db, workspaceId).then(
          (head) => {
            created.last = head;
            // What committed while the head was read: local events were not taken before it.
            readNew(workspaceId);
          },
          (err: unknown) => {
            if (followed.get(workspaceId) === created) followed.delete(workspaceId);
            throw err;
          },
        );
        followed.set(workspaceId, created);
        state = created;
      }
      state.listeners.add(listener);
      const current = state;
      const stop = () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && followed.get(workspaceId) === current) followed.delete(workspaceId);
      };
      try {
        await current.ready;
      } catch (err) {
        stop();
        throw err;
      }
      return { from: current.last, stop };
    },
    read: (workspaceId, afterSeq, limit) => readLiveEvents(deps.db, workspaceId, afterSeq, limit),
    head: (workspaceId) => liveEventHead(deps.db, workspaceId),
    oldest: (workspaceId) => oldestLiveEvent(deps.db, workspaceId),
    close() {
      clearInterval(poll);
      for (const unsubscribe of unsubscribes) unsubscribe();
      followed.clear();
    },
  };
}
