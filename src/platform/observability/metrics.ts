import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { App } from "../http/index.js";
import type { WorkerEvent } from "../jobs/index.js";
import type { QueueStats } from "../queue/index.js";

/** Which `wharf` command this process runs; every series carries it as the `role` label. */
export type ProcessRole = "serve" | "worker" | "start";

/** A queue's state at scrape time (database-wide: every process reports the same figures). */
export type QueueProbe = (now: number) => Promise<QueueStats>;
/** Live leases of one kind (e.g. the dispatcher's phone numbers), counted by owner. */
export type LeaseProbe = (now: number) => Promise<Record<string, number>>;

export interface Probes {
  queues?: Record<string, QueueProbe>;
  leases?: Record<string, LeaseProbe>;
}

/** One call to Meta's Graph API as the metrics see it. */
export interface MetaCallRecord {
  method: string;
  /** The path with its ids replaced (`{id}/messages`), so the label set stays small. */
  endpoint: string;
  /** `ok`, or Meta's error code (`130429`, `131056` ...), `http_<status>` without one, or `network`. */
  code: string;
  seconds: number;
}

export interface Metrics {
  registry: Registry;
  role: ProcessRole;
  /** A plain function (no `this`): the worker is handed it as its `onEvent`. */
  onJobEvent: (event: WorkerEvent) => void;
  /** One error of a background loop (`wharf_loop_errors_total{loop}`); see platform/queue. */
  loopError(loop: string): void;
  /** Counts every request Fastify routes, by route pattern and status. */
  instrument(app: App): void;
  /** A request answered ahead of Fastify (the webhook fast path), counted like the routed ones. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  metaCall(call: MetaCallRecord): void;
  /** One attempt to post an event to a customer's endpoint, by what became of the delivery. */
  eventsOutDelivery(outcome: "delivered" | "retry" | "failed" | "cancelled"): void;
  /** Database-wide gauges, read when /metrics is scraped. */
  watch(probes: Probes, now: () => number): void;
}

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(
  options: { role?: ProcessRole; onProbeError?: (probe: string, err: unknown) => void } = {},
): Metrics {
  const role = options.role ?? "start";
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry, prefix: "wharf_" });
  const httpDuration = new Histogram({
    name: "wharf_http_request_duration_seconds",
    help: "HTTP request duration by route and status (the webhook fast path included)",
    labelNames: ["method", "route", "status"],
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const jobs = new Counter({
    name: "wharf_jobs_total",
    help: "Job outcomes by job name",
    labelNames: ["name", "outcome"],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "wharf_job_duration_seconds",
    help: "Duration of completed jobs by job name",
    labelNames: ["name"],
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  const loopErrors = new Counter({
    name: "wharf_loop_errors_total",
    help: "Errors of background loops (dispatcher, jobs, webhook processing, deliveries) by loop",
    labelNames: ["loop"],
    registers: [registry],
  });
  const metaCalls = new Counter({
    name: "wharf_meta_calls_total",
    help: "Calls to Meta's Graph API by endpoint and outcome (ok, or Meta's error code: 130429, 131056 ...)",
    labelNames: ["method", "endpoint", "code"],
    registers: [registry],
  });
  const metaDuration = new Histogram({
    name: "wharf_meta_call_duration_seconds",
    help: "Duration of calls to Meta's Graph API by endpoint",
    labelNames: ["method", "endpoint"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 10, 30],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "wharf_events_out_deliveries_total",
    help: "Attempts to post events to customers' endpoints, by what became of the delivery",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const probeErrors = new Counter({
    name: "wharf_probe_errors_total",
    help: "Scrapes where a database-wide gauge could not be read (its series are left out)",
    labelNames: ["probe"],
    registers: [registry],
    // Counted by the scrape's own read, so the scrape that missed a gauge also shows why.
    async collect() {
      await read();
    },
  });

  let watched: { probes: Probes; now: () => number } | null = null;
  // prom-client collects every series of a scrape concurrently: the gauges below share one read
  // of the probes (one set of queries), and the next scrape reads afresh.
  let reading: Promise<Snapshot> | null = null;
  const read = (): Promise<Snapshot> => {
    if (!reading) {
      reading = readProbes();
      const done = () => {
        reading = null;
      };
      reading.then(done, done);
    }
    return reading;
  };
  async function readProbes(): Promise<Snapshot> {
    const out: Snapshot = { queues: {}, leases: {} };
    if (!watched) return out;
    const now = watched.now();
    const guard = async <T>(probe: string, f: () => Promise<T>): Promise<T | null> => {
      try {
        return await f();
      } catch (err) {
        probeErrors.inc({ probe });
        options.onProbeError?.(probe, err);
        return null;
      }
    };
    await Promise.all([
      ...Object.entries(watched.probes.queues ?? {}).map(async ([name, probe]) => {
        const stats = await guard(`queue:${name}`, () => probe(now));
        if (stats) out.queues[name] = { ...stats, now };
      }),
      ...Object.entries(watched.probes.leases ?? {}).map(async ([name, probe]) => {
        const owners = await guard(`lease:${name}`, () => probe(now));
        if (owners) out.leases[name] = owners;
      }),
    ]);
    return out;
  }
  const queueGauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: Snapshot) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await read();
        this.reset();
        fill(this, s);
      },
    });
  queueGauge(
    "wharf_queue_pending",
    "Rows a queue still owes work (due, scheduled later or in flight): outbox, webhook_events, events_out, jobs",
    ["queue"],
    (g, s) => Object.entries(s.queues).forEach(([queue, q]) => g.set({ queue }, q.pending)),
  );
  queueGauge("wharf_queue_due", "Rows due now and not held by a live lease", ["queue"], (g, s) =>
    Object.entries(s.queues).forEach(([queue, q]) => g.set({ queue }, q.due)),
  );
  queueGauge(
    "wharf_queue_oldest_due_age_seconds",
    "How long the oldest due row has been waiting (0 when none is due): the queue's lag",
    ["queue"],
    (g, s) =>
      Object.entries(s.queues).forEach(([queue, q]) =>
        g.set({ queue }, q.oldestDueAt === null ? 0 : Math.max(0, q.now - q.oldestDueAt) / 1000),
      ),
  );
  queueGauge(
    "wharf_queue_leased",
    "Rows held under a live lease, by the process that holds them",
    ["queue", "owner"],
    (g, s) =>
      Object.entries(s.queues).forEach(([queue, q]) =>
        Object.entries(q.leasedBy).forEach(([owner, n]) => g.set({ queue, owner }, n)),
      ),
  );
  queueGauge(
    "wharf_leases",
    "Live leases by kind and owner (dispatch: the phone numbers each worker sends for)",
    ["lease", "owner"],
    (g, s) =>
      Object.entries(s.leases).forEach(([lease, owners]) =>
        Object.entries(owners).forEach(([owner, n]) => g.set({ lease, owner }, n)),
      ),
  );

  // Label children resolved once: the hot paths (a send, a webhook) then only add a number.
  const counters = new Map<string, { inc(): void }>();
  const histograms = new Map<string, { observe(value: number): void }>();
  const counter = (key: string, make: () => { inc(): void }) => {
    let c = counters.get(key);
    if (!c) counters.set(key, (c = make()));
    return c;
  };
  const histogram = (key: string, make: () => { observe(value: number): void }) => {
    let h = histograms.get(key);
    if (!h) histograms.set(key, (h = make()));
    return h;
  };

  return {
    registry,
    role,
    onJobEvent(event) {
      // The jobs loop's own errors are counted once, by reportLoopError, in wharf_loop_errors_total{loop="jobs"}.
      if (event.type !== "loop_error") jobs.inc({ name: event.name, outcome: event.type });
      if (event.type === "completed") jobDuration.observe({ name: event.name }, event.durationMs / 1000);
    },
    loopError(loop) {
      loopErrors.inc({ loop });
    },
    instrument(app) {
      app.addHook("onResponse", async (request, reply) => {
        // The route pattern, not the URL: ids in paths would explode the label set.
        const route = request.routeOptions.url ?? "unmatched";
        httpDuration.observe(
          { method: request.method, route, status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
    },
    httpRequest(method, route, status, seconds) {
      histogram(`http ${method} ${route} ${status}`, () =>
        httpDuration.labels({ method, route, status: String(status) }),
      ).observe(seconds);
    },
    metaCall(call) {
      counter(`${call.method} ${call.endpoint} ${call.code}`, () =>
        metaCalls.labels({ method: call.method, endpoint: call.endpoint, code: call.code }),
      ).inc();
      histogram(`meta ${call.method} ${call.endpoint}`, () =>
        metaDuration.labels({ method: call.method, endpoint: call.endpoint }),
      ).observe(call.seconds);
    },
    eventsOutDelivery(outcome) {
      deliveries.inc({ outcome });
    },
    watch(probes, now) {
      watched = { probes, now };
    },
  };
}

interface Snapshot {
  queues: Record<string, QueueStats & { now: number }>;
  leases: Record<string, Record<string, number>>;
}
