import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { sql } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import type { AnyDb, DialectName } from "./database.js";
import type { Executor } from "./typed.js";

/**
 * "Look now" between processes: PostgreSQL LISTEN/NOTIFY on one channel per schema, so two
 * deployments (or two test files) sharing a database never wake each other. A signal carries ids
 * only (a topic and, say, a workspace id and a sequence number): NOTIFY payloads are limited to
 * 8000 bytes and are visible to every session that listens, so the news itself is read from the
 * tables on delivery. A signal is a hint: a missed one costs latency (the pollers still poll),
 * never data. On SQLite there is one process: signals stay in it.
 */
export interface Signals {
  /** Work or news committed in this process: wakes this process's listeners and, on PostgreSQL, every other's. */
  send(topic: string, payload?: string): void;
  /**
   * Inside a transaction: on PostgreSQL the notification goes out when the transaction commits,
   * never if it rolls back. Other processes only: this one hears what it committed from its caller.
   */
  sendIn(executor: Executor, topic: string, payload?: string): Promise<void>;
  on(topic: string, listener: (payload: string) => void): () => void;
  /** The listening connection came back after a break: whatever was signalled meanwhile was missed. */
  onResume(listener: () => void): () => void;
  /** Connects the listener (PostgreSQL); sends before it are heard in this process only. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface SignalsOptions {
  dialect: DialectName;
  db: AnyDb;
  /** PostgreSQL only: what the pool connects with, for the one connection that listens. */
  url?: string | null;
  schema?: string;
  logger?: Logger;
  /** First wait before reconnecting the listener, doubled up to 5 s. */
  retryMs?: number;
}

const MAX_RETRY_MS = 5_000;

export function createSignals(options: SignalsOptions): Signals {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  // Every process marks what it sends, and skips its own echo: it woke its listeners already.
  const origin = randomBytes(6).toString("base64url");
  const emitLocal = (topic: string, payload: string) => local.emit(`t:${topic}`, payload);

  const common = {
    on(topic: string, listener: (payload: string) => void) {
      local.on(`t:${topic}`, listener);
      return () => void local.off(`t:${topic}`, listener);
    },
    onResume(listener: () => void) {
      local.on("resume", listener);
      return () => void local.off("resume", listener);
    },
  };

  if (options.dialect !== "postgres" || !options.url) {
    return {
      ...common,
      send: (topic, payload = "") => emitLocal(topic, payload),
      sendIn: () => Promise.resolve(),
      start: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
  }

  const url = options.url;
  let channel: string | null = null;
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = options.retryMs ?? 100;
  let retryTimer: NodeJS.Timeout | null = null;
  let everConnected = false;
  let connecting = false;
  // At most one NOTIFY in flight per message, and one more if it was sent again meanwhile: a
  // group commit answering hundreds of requests costs one round trip, not hundreds.
  const inFlight = new Map<string, boolean>();

  async function connect(): Promise<void> {
    connecting = true;
    try {
      await listen();
    } finally {
      connecting = false;
    }
  }

  async function listen(): Promise<void> {
    const c = new pg.Client({
      connectionString: url,
      keepAlive: true,
      // Named, so an operator (and the test) can tell it apart in pg_stat_activity.
      application_name: "wharf-listener",
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    c.on("error", (err) => lost(c, err));
    c.on("end", () => lost(c, null));
    c.on("notification", (n) => {
      if (n.channel !== channel || !n.payload) return;
      const [from, topic, ...rest] = n.payload.split(" ");
      if (from === origin || !topic) return;
      emitLocal(topic, rest.join(" "));
    });
    await c.connect();
    if (closed) return void (await c.end());
    if (!channel) {
      const { rows } = await c.query<{ schema: string }>("select current_schema() as schema");
      channel = `wharf_${rows[0]!.schema}`.slice(0, 63);
    }
    await c.query(`listen "${channel.replaceAll('"', '""')}"`);
    client = c;
    retryMs = options.retryMs ?? 100;
    if (everConnected) local.emit("resume");
    everConnected = true;
  }

  function lost(c: pg.Client, err: unknown): void {
    if (client !== c && client !== null) return;
    client = null;
    void c.end().catch(() => {});
    if (closed) return;
    options.logger?.warn({ err }, "the PostgreSQL listener lost its connection; reconnecting");
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer || connecting) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().catch((err: unknown) => {
        options.logger?.warn({ err, retryMs }, "the PostgreSQL listener could not reconnect");
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        scheduleReconnect();
      });
    }, retryMs);
    retryTimer.unref();
  }

  function notify(message: string): void {
    if (!channel) return;
    if (inFlight.has(message)) {
      inFlight.set(message, true);
      return;
    }
    inFlight.set(message, false);
    sql`select pg_notify(${channel}, ${message})`
      .execute(options.db)
      .catch((err: unknown) => options.logger?.warn({ err }, "a cross-process wake-up (NOTIFY) failed"))
      .finally(() => {
        const again = inFlight.get(message);
        inFlight.delete(message);
        if (again) notify(message);
      });
  }

  return {
    ...common,
    send(topic, payload = "") {
      emitLocal(topic, payload);
      notify(`${origin} ${topic} ${payload}`);
    },
    async sendIn(executor, topic, payload = "") {
      if (!channel) return;
      await sql`select pg_notify(${channel}, ${`${origin} ${topic} ${payload}`})`.execute(executor);
    },
    async start() {
      await connect();
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
