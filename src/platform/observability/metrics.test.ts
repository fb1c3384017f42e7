import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { parseMetrics, samples, scrape, total } from "../../../test/support/prometheus.js";
import { createMetrics } from "./metrics.js";
import { startOpsServer, type OpsServer } from "./ops-server.js";
import { createReadiness } from "./readiness.js";

describe("metrics: database-wide gauges read at scrape time", () => {
  it("a probe that fails leaves its series out and is counted; the others and the scrape survive", async () => {
    const metrics = createMetrics({ role: "worker" });
    let now = 10_000;
    metrics.watch(
      {
        queues: {
          good: async (at) => ({ pending: 3, due: 2, oldestDueAt: at - 4_000, leasedBy: { w1: 1 } }),
          bad: async () => Promise.reject(new Error("database unreachable")),
        },
        leases: { dispatch: async () => ({ w1: 2, w2: 1 }) },
      },
      () => now,
    );
    const all = parseMetrics(await metrics.registry.metrics());
    expect(samples(all, "wharf_queue_pending")).toEqual([
      { name: "wharf_queue_pending", labels: { queue: "good", role: "worker" }, value: 3 },
    ]);
    expect(total(all, "wharf_queue_oldest_due_age_seconds", { queue: "good" })).toBe(4);
    expect(total(all, "wharf_queue_leased", { queue: "good", owner: "w1" })).toBe(1);
    expect(total(all, "wharf_leases", { lease: "dispatch", owner: "w2" })).toBe(1);
    expect(total(all, "wharf_probe_errors_total", { probe: "queue:bad" })).toBe(1);
    // Every scrape calls the probes again (nothing is cached between scrapes).
    now = 20_000;
    const next = parseMetrics(await metrics.registry.metrics());
    expect(total(next, "wharf_queue_oldest_due_age_seconds", { queue: "good" })).toBe(4);
    expect(total(next, "wharf_probe_errors_total", { probe: "queue:bad" })).toBe(2);
  });
});

describe("the worker's ops port: /healthz, /readyz, /metrics", () => {
  let tdb: TestDatabase;
  let server: OpsServer;
  const readiness = createReadiness();
  beforeAll(async () => {
    tdb = await openTestDatabase("sqlite", []);
    server = await startOpsServer(
      { db: tdb.db, migrations: [], readiness, metrics: createMetrics({ role: "worker" }) },
      { port: 0, host: "127.0.0.1" },
    );
  });
  afterAll(async () => {
    await server.close();
    await tdb.cleanup();
  });

  it("is ready until drained, then /readyz answers 503 while /healthz and /metrics still answer", async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    readiness.drain();
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "draining", checks: { shutdown: "draining" } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(samples(await scrape(server.url), "wharf_process_cpu_seconds_total")[0]?.labels.role).toBe("worker");
    expect((await fetch(`${server.url}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("a port already taken is refused with the variable to change, before the worker takes any work", async () => {
    const port = Number(new URL(server.url).port);
    await expect(
      startOpsServer(
        { db: tdb.db, migrations: [], readiness, metrics: createMetrics({ role: "worker" }) },
        { port, host: "127.0.0.1" },
      ),
    ).rejects.toThrow(/EADDRINUSE.*WHARF_WORKER_PORT/);
  });
});
