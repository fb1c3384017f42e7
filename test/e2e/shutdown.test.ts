import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "../../src/graph/index.js";
import { eventually } from "../support/api-client.js";
import { freePort, spawnWharf, type WharfProcess } from "../support/processes.js";
import { samples, scrape, total } from "../support/prometheus.js";

const dirs: string[] = [];
const procs: WharfProcess[] = [];
afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill("SIGKILL")));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-shutdown-"));
  dirs.push(d);
  return d;
};
const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
};
const exited = (p: WharfProcess) =>
  new Promise<number | null>((resolve) => {
    if (p.proc.exitCode !== null) resolve(p.proc.exitCode);
    else p.proc.once("exit", (code) => resolve(code));
  });

describe("`wharf worker` serves /healthz, /readyz and /metrics on its own port", () => {
  it("answers on WHARF_WORKER_PORT with role=worker series and its job counters, and stops on SIGTERM", async () => {
    const port = await freePort();
    const worker = spawnWharf("worker", { WHARF_DATA_DIR: tmp(), WHARF_WORKER_PORT: String(port) });
    procs.push(worker);
    await worker.waitFor(/Health, metrics: (\S+)\/healthz/);
    const base = `http://127.0.0.1:${port}`;
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: '{"status":"ok"}' });
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok" } });
    expect((await get(`${base}/nope`)).status).toBe(404);
    // The recurring jobs run at start: their counters, once invisible in a worker, are scraped here.
    const all = await eventually(
      async () => {
        const s = await scrape(base);
        return total(s, "wharf_jobs_total", { outcome: "completed" }) > 0 ? s : null;
      },
      20_000,
      "a completed job counted",
    );
    expect(all.every((s) => s.labels.role === "worker")).toBe(true);
    expect(samples(all, "wharf_queue_pending", { queue: "jobs" })).toHaveLength(1);

    const code = exited(worker);
    worker.proc.kill("SIGTERM");
    expect(await code).toBe(0);
    expect(worker.output()).toContain("Stopped.");
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});

describe("SIGTERM of `wharf serve`: /readyz fails first, requests in flight finish, then it exits", () => {
  it("drains for WHARF_SHUTDOWN_DRAIN_MS while serving, closes the listener, and still answers a webhook begun before", async () => {
    const port = await freePort();
    const dataDir = tmp();
    const serve = spawnWharf("serve", { PORT: String(port), WHARF_DATA_DIR: dataDir, WHARF_SHUTDOWN_DRAIN_MS: "3000" });
    procs.push(serve);
    await serve.waitFor(/Dashboard:/);
    const base = `http://127.0.0.1:${port}`;
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const secret = (
      JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as { metaApp: { appSecret: string } }
    ).metaApp.appSecret;

    // A webhook whose body is still arriving when the signal comes.
    let inFlight: http.ClientRequest | null = null;
    const body = Buffer.from(
      JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [] }], pad: "x".repeat(2000) }),
    );
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${base}/webhooks/meta`, {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          "x-hub-signature-256": signWebhookBody(body.toString(), secret),
        },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      req.write(body.subarray(0, 1000));
      inFlight = req;
    });
    await eventually(async () => inFlight !== null, 5_000, "request started");
    await new Promise((r) => setTimeout(r, 200));

    const code = exited(serve);
    const signalledAt = Date.now();
    serve.proc.kill("SIGTERM");
    // Draining: readiness fails, everything else is still served on new connections.
    const draining = await eventually(
      async () => {
        const r = await get(`${base}/readyz`);
        return r.status === 503 ? r : null;
      },
      5_000,
      "/readyz failing",
    );
    expect(JSON.parse(draining.body)).toMatchObject({ status: "draining" });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/openapi.json`)).status).toBe(200);
    // After the drain period the listener closes (new connections are refused) ...
    await eventually(
      async () => {
        try {
          await fetch(`${base}/healthz`);
          return false;
        } catch {
          return true;
        }
      },
      15_000,
      "listener closed",
    );
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(3000);
    // ... while the request begun before is still waited for: it completes, is stored, is answered.
    expect(serve.proc.exitCode).toBe(null);
    inFlight!.end(body.subarray(1000));
    expect(await answer).toEqual({ status: 200, text: "EVENT_RECEIVED" });
    expect(await code).toBe(0);
    expect(serve.output()).toContain("Stopped.");
    const db = new Sqlite(path.join(dataDir, "wharf.db"), { readonly: true });
    try {
      expect(db.prepare("select count(*) as n from webhook_events").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 60_000);
});
