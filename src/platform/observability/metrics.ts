import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { App } from "../http/index.js";
import type { WorkerEvent } from "../jobs/index.js";

export interface Metrics {
  registry: Registry;
  /** A plain function (no `this`): the worker is handed it as its `onEvent`. */
  onJobEvent: (event: WorkerEvent) => void;
  /** One error of a background loop (`wharf_loop_errors_total{loop}`); see platform/queue. */
  loopError(loop: string): void;
  instrument(app: App): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "wharf_" });
  const httpDuration = new Histogram({
    name: "wharf_http_request_duration_seconds",
    help: "HTTP request duration by route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jobs = new Counter({
    name: "wharf_jobs_total",
    help: "Job outcomes by job name",
    labelNames: ["name", "outcome"],
    registers: [registry],
  });
  const loopErrors = new Counter({
    name: "wharf_loop_errors_total",
    help: "Errors of background loops (dispatcher, jobs, webhook processing, deliveries) by loop",
    labelNames: ["loop"],
    registers: [registry],
  });

  return {
    registry,
    onJobEvent(event) {
      // The jobs loop's own errors are counted once, by reportLoopError, in wharf_loop_errors_total{loop="jobs"}.
      if (event.type !== "loop_error") jobs.inc({ name: event.name, outcome: event.type });
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
  };
}
