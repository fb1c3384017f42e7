import { EventEmitter } from "node:events";
import type { Transaction } from "kysely";
import { groupCommitter, type AnyDb, type Executor, type GroupCommitter, type Signals } from "../db/index.js";
import { randomToken } from "../crypto/index.js";
import { asWorkspaceId, type WorkspaceId } from "../workspace-id.js";
import { EVENT_CATALOG, isEventType, type RecordedEvent, type WharfEvent } from "./catalog.js";
import { appendLiveEvents } from "./live-log.js";

/**
 * Writes what a recorded event owes inside the transaction that recorded it (the endpoints'
 * deliveries today; an events log later). Registered by the module that owns the table, since
 * platform code never imports modules.
 */
export type EventSink = (executor: Executor, workspaceId: WorkspaceId, event: RecordedEvent) => Promise<unknown>;

export interface RecordOptions {
  /**
   * false: for the dashboard only, even though the type may go to endpoints. For a state the
   * endpoints' contract does not carry (dispatch's `sending`, followed by Meta's `sent`), where
   * looking up the endpoints would be a query per dispatch batch for nothing.
   */
  endpoints?: boolean;
}

export interface EventBus {
  /**
   * Records an event in `executor`: checks it against the catalog, writes what the sinks owe
   * (in the same transaction), and publishes it live once the transaction commits, never if it
   * rolls back. A transaction must be opened with `transaction()` below; on the plain database
   * handle the writes are committed as they go, so the event is published right away (with the
   * live log: once a shared transaction has numbered it, without the caller waiting for that).
   */
  recordEvent(
    executor: Executor,
    workspaceId: WorkspaceId,
    event: WharfEvent,
    options?: RecordOptions,
  ): Promise<RecordedEvent>;
  /** `db.transaction().execute(fn)`, then the live publication of the events recorded in it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a transaction on any module's tables (as `AnyDb`)
  transaction<R>(db: AnyDb, fn: (trx: Transaction<any>) => Promise<R>): Promise<R>;
  addSink(sink: EventSink): void;
  /**
   * This process's events, after their commit (with the live log: as `LiveEvent`s, numbered).
   * Other processes' events reach a process through the live feed (`live-feed.ts`), read from the log.
   */
  subscribe(workspaceId: WorkspaceId, listener: (event: RecordedEvent) => void): () => void;
  /** Every workspace's events of this process: for modules that react to another module's (e.g. reconnect → resume). */
  subscribeAll(listener: (workspaceId: WorkspaceId, event: RecordedEvent) => void): () => void;
  /** A workspace's events were committed, in this process or (with the live log on PostgreSQL) in another: "look now". */
  onCommitted(listener: (workspaceId: WorkspaceId) => void): () => void;
}

export interface EventBusOptions {
  /**
   * The live log (`live-log.ts`): every recorded event is also numbered and stored there in its
   * transaction, and other processes are signalled on commit, so their SSE streams and loops hear
   * it. Without it (unit tests of a module) delivery stays in this process.
   */
  live?: { signals: Signals; onError?: (err: unknown) => void };
}

/** The topic of "workspace W committed live events up to number N" (payload `W N`). */
export const LIVE_EVENTS_TOPIC = "events";

/**
 * Modules keep their own state in the database, so a missed live event never loses data. Every
 * recorded event has an `evt_` id sortable by time; with the live log it also gets its
 * workspace's next number, which SSE streams send as the event's id (`Last-Event-ID`).
 */
export function createEventBus(options: EventBusOptions = {}): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const sinks: EventSink[] = [];
  // Events recorded in a transaction still open, published when it commits.
  const pending = new WeakMap<Executor, Array<[WorkspaceId, RecordedEvent]>>();

  // An id per event, on the webhook and dispatch hot paths: the time part as newId's, then 40
  // random bits fixed per bus and a counter, instead of reading the system's random source per
  // event (a syscall that costs more than everything else recording does). Unique across
  // processes by the random part, in order within one by the counter.
  const origin = randomToken(5);
  let counter = 0;
  const nextId = (at: number) => {
    counter = (counter + 1) % 2 ** 40;
    return `evt_${base32(at, 10)}${origin}${base32(counter, 8)}`;
  };

  function publish(workspaceId: WorkspaceId, event: RecordedEvent): void {
    emitter.emit(`ws:${workspaceId}`, event);
    emitter.emit("all", workspaceId, event);
    emitter.emit("committed", workspaceId);
  }

  const live = options.live;
  /** In the transaction, as its last statements: number and store the events, signal the other processes. */
  async function writeLive(
    trx: Executor,
    entries: ReadonlyArray<readonly [WorkspaceId, RecordedEvent]>,
  ): Promise<Array<[WorkspaceId, RecordedEvent]>> {
    if (!live || entries.length === 0) return [...entries] as Array<[WorkspaceId, RecordedEvent]>;
    const numbered = await appendLiveEvents(trx, entries);
    const last = new Map<WorkspaceId, number>();
    for (const [ws, e] of numbered) last.set(ws, Math.max(last.get(ws) ?? 0, e.seq));
    for (const [ws, seq] of last) await live.signals.sendIn(trx, LIVE_EVENTS_TOPIC, `${ws} ${seq}`);
    return numbered;
  }
  // Events recorded on the plain handle (their change already committed) are logged in shared
  // transactions: a commit of its own per event would cost an fsync each. (A frequent event is
  // better recorded in the transaction of its change, as the outbound writer does `message.queued`.)
  const committers = new WeakMap<
    Executor,
    GroupCommitter<[WorkspaceId, RecordedEvent], [WorkspaceId, RecordedEvent]>
  >();
  const committerFor = (db: Executor) => {
    let committer = committers.get(db);
    if (!committer) {
      committer = groupCommitter({
        flush: (items) => db.transaction().execute((trx) => writeLive(trx, items)),
      });
      committers.set(db, committer);
    }
    return committer;
  };
  // The bus lives as long as its process: no need to unsubscribe.
  live?.signals.on(LIVE_EVENTS_TOPIC, (payload) => {
    const [ws] = payload.split(" ");
    if (ws) emitter.emit("committed", asWorkspaceId(ws));
  });

  return {
    async recordEvent(executor, workspaceId, event, options) {
      checkAgainstCatalog(event);
      const queue = executor.isTransaction ? pending.get(executor) : undefined;
      if (executor.isTransaction && !queue) {
        throw new Error(
          `event ${event.type} recorded in a transaction not opened with events.transaction(): it would never be published`,
        );
      }
      const recorded = { ...event, id: nextId(event.at) };
      if (EVENT_CATALOG[event.type].endpoints && options?.endpoints !== false) {
        for (const sink of sinks) await sink(executor, workspaceId, recorded);
      }
      if (queue) queue.push([workspaceId, recorded]);
      else if (live) {
        // Not awaited: the change is committed, and the caller (a send's answer) should not wait
        // for a second commit to be published live.
        committerFor(executor)
          .add([workspaceId, recorded])
          .then(([ws, numbered]) => publish(ws, numbered), live.onError ?? (() => {}));
      } else publish(workspaceId, recorded);
      return recorded;
    },
    async transaction(db, fn) {
      const queue: Array<[WorkspaceId, RecordedEvent]> = [];
      let written: Array<[WorkspaceId, RecordedEvent]> = [];
      const result = await db.transaction().execute(async (trx) => {
        pending.set(trx, queue);
        const r = await fn(trx);
        written = await writeLive(trx, queue);
        return r;
      });
      for (const [ws, e] of written) publish(ws, e);
      return result;
    },
    addSink(sink) {
      sinks.push(sink);
    },
    subscribe(workspaceId, listener) {
      emitter.on(`ws:${workspaceId}`, listener);
      return () => emitter.off(`ws:${workspaceId}`, listener);
    },
    subscribeAll(listener) {
      emitter.on("all", listener);
      return () => emitter.off("all", listener);
    },
    onCommitted(listener) {
      emitter.on("committed", listener);
      return () => emitter.off("committed", listener);
    },
  };
}

// The alphabet and layout of platform/crypto's newId (Crockford base32, the ms clock first), so
// event ids sort by time like every other id.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
function base32(n: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[n % 32]! + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** The types make a wrong payload a compile error; this catches what the types cannot (casts, JSON from the database). */
function checkAgainstCatalog(event: WharfEvent): void {
  if (!isEventType(event.type))
    throw new Error(`unknown event type ${String(event.type)}: add it to src/platform/events/catalog.ts`);
  const parsed = EVENT_CATALOG[event.type].data.safeParse(event.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`event ${event.type} does not match the catalog (${issues.join("; ")})`);
  }
}
