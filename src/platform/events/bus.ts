import { EventEmitter } from "node:events";
import type { Transaction } from "kysely";
import type { AnyDb, Executor } from "../db/index.js";
import { randomToken } from "../crypto/index.js";
import type { WorkspaceId } from "../workspace-id.js";
import { EVENT_CATALOG, isEventType, type RecordedEvent, type WharfEvent } from "./catalog.js";

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
   * handle the writes are committed as they go, so the event is published right away.
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
  subscribe(workspaceId: WorkspaceId, listener: (event: RecordedEvent) => void): () => void;
  /** Every workspace's events: for modules that react to another module's (e.g. reconnect → resume). */
  subscribeAll(listener: (workspaceId: WorkspaceId, event: RecordedEvent) => void): () => void;
}

/**
 * Live delivery is in-process; modules keep their own state in the database, so a missed live
 * event never loses data. Every recorded event has an `evt_` id sortable by time, so a later
 * events log and SSE resumption (`Last-Event-ID`) can key on it.
 */
export function createEventBus(): EventBus {
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
  }

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
      else publish(workspaceId, recorded);
      return recorded;
    },
    async transaction(db, fn) {
      const queue: Array<[WorkspaceId, RecordedEvent]> = [];
      const result = await db.transaction().execute((trx) => {
        pending.set(trx, queue);
        return fn(trx);
      });
      for (const [ws, e] of queue) publish(ws, e);
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
