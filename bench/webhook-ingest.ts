/**
 * Webhook ingestion: signed ~1 KB `POST /webhooks/meta` bodies (each a new inbound message) against
 * Wharf's receiver (`wharf serve` role, SQLite, synchronous=FULL: every 200 is on disk), against a
 * bare node:http server that only answers 200, and against whatsapp-api-js verifying the same
 * signatures (no storage), each in its own process, measured in the same run. Then the backlog:
 * 10,000 stored events processed by the worker. Run: `npx tsx bench/webhook-ingest.ts`
 * (BENCH_SECONDS, BENCH_RUNS, BENCH_CONNECTIONS, BENCH_BACKLOG; BENCH_DATABASE_URL=postgres://... runs the backlog on
 * PostgreSQL, BENCH_SKIP_INGEST=1 runs only the backlog, BENCH_WORKER=1 runs Wharf's worker beside the receiver).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { signWebhookBody } from "../src/graph/index.js";

type Mode = "bare" | "whatsapp-api-js" | "wharf";
interface Result {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (o: Record<string, unknown>) => Promise<Result>;
const SECRET = "bench-app-secret-0123456789";
const WABA = "102290129340398";
const NUMBER = "106540352242922";

/** A realistic inbound text webhook, padded to about 1 KB. */
function body(n: number): string {
  const from = `1650${String(n % 5000).padStart(7, "0")}`;
  const msg = {
    from,
    id: `wamid.bench${n.toString(36).padStart(12, "0")}`,
    timestamp: String(1_760_000_000 + n),
    type: "text",
    text: { body: "" },
  };
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "15550783881", phone_number_id: NUMBER },
    contacts: [{ profile: { name: "Bench Customer" }, wa_id: from }],
    messages: [msg],
  };
  const base = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: WABA, changes: [{ value, field: "messages" }] }],
  });
  msg.text.body = "x".repeat(Math.max(0, 1024 - base.length));
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: WABA, changes: [{ value, field: "messages" }] }],
  });
}

// ---- child processes: one server each, so none shares an event loop with autocannon ----
async function serve(mode: Mode): Promise<{ url: string; secret: string }> {
  if (mode === "bare") {
    const server = http.createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/webhooks/meta`, secret: SECRET };
  }
  if (mode === "whatsapp-api-js") {
    const { WhatsAppAPI } = await import("whatsapp-api-js/middleware/node-http");
    const wa = new WhatsAppAPI({ token: "bench", appSecret: SECRET, webhookVerifyToken: "bench-verify", v: "v23.0" });
    wa.on.message = () => undefined;
    const server = http.createServer((req, res) => {
      void wa
        .handle_post(req)
        .catch((e: unknown) => (typeof e === "number" ? e : 500))
        .then((status) => res.writeHead(status).end());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/webhooks/meta`, secret: SECRET };
  }
  const { loadConfig } = await import("../src/config/index.js");
  const { createWharf } = await import("../src/main.js");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-bench-"));
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const config = loadConfig({ PORT: String(port), WHARF_DATA_DIR: dataDir, WHARF_LOG_LEVEL: "warn" });
  const wharf = await createWharf(config, { roles: { api: true, worker: process.env.BENCH_WORKER === "1" } });
  await wharf.start();
  process.on(
    "SIGTERM",
    () =>
      void wharf
        .close()
        .finally(() => fs.rmSync(dataDir, { recursive: true, force: true }))
        .then(() => process.exit(0)),
  );
  return { url: `http://127.0.0.1:${port}/webhooks/meta`, secret: wharf.meta.appSecret };
}

async function startChild(mode: Mode): Promise<{ child: ChildProcess; url: string; secret: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_CHILD: mode },
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
  return { child, ...(JSON.parse(line) as { url: string; secret: string }) };
}

// ---- the backlog: 10,000 stored events, one worker ----
async function backlog(count: number): Promise<number> {
  const { openDatabase, migrate } = await import("../src/platform/db/index.js");
  const { allMigrations } = await import("../src/main.js");
  const { metaInboundModule } = await import("../src/modules/meta-inbound/index.js");
  const { createJobs } = await import("../src/platform/jobs/index.js");
  const { createEventBus } = await import("../src/platform/events.js");
  const { createVault, generateMasterKey, staticKeyring } = await import("../src/platform/crypto/index.js");
  const { createGraphClient } = await import("../src/graph/index.js");
  const { systemClock: clock } = await import("../src/platform/clock.js");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-backlog-"));
  const url = process.env.BENCH_DATABASE_URL ?? null;
  // PostgreSQL: a schema of its own per run, dropped afterwards.
  const schema = url ? `bench_${Date.now().toString(36)}` : undefined;
  if (url && schema) {
    const admin = openDatabase({ url, dataDir });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
  }
  const database = openDatabase({ url, dataDir, ...(schema ? { schema } : {}) });
  await migrate(database.db, database.dialect, allMigrations);
  const now = Date.now();
  await sql`insert into connections (workspace_id, status, waba_id, scopes, catalog_status, updated_at) values ('ws_bench', 'connected', ${WABA}, '[]', 'none', ${now})`.execute(
    database.db,
  );
  await sql`insert into phone_numbers (id, workspace_id, meta_phone_number_id, waba_id, display_phone_number, throughput_mps, active, created_at, updated_at) values ('pn_bench', 'ws_bench', ${NUMBER}, ${WABA}, '+1 555 078 3881', 80, 1, ${now}, ${now})`.execute(
    database.db,
  );
  const vault = createVault({ db: database.db, keyring: staticKeyring(generateMasterKey()), clock });
  const deps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    events: createEventBus(),
    jobs: createJobs({ ...database, clock }).queue,
    vault,
    graph: createGraphClient({ baseUrl: "http://127.0.0.1:9", version: "v23.0" }),
  };
  const mod = metaInboundModule({
    ...deps,
    meta: { appSecret: SECRET, verifyToken: "x" },
    processing: { pollMs: 1000 },
  });
  const bodies = Array.from({ length: count }, (_, i) => Buffer.from(body(1_000_000 + i)));
  await Promise.all(bodies.map((b) => mod.receiver.receive(b, signWebhookBody(b, SECRET))));
  const started = performance.now();
  await mod.processor.runUntilIdle();
  const ms = performance.now() - started;
  const done = await sql<{ n: number }>`select count(*) as n from messages`.execute(database.db);
  if (Number(done.rows[0]!.n) !== count)
    throw new Error(`backlog: ${done.rows[0]!.n} messages stored, expected ${count}`);
  if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return ms;
}

// ---- the parent: drive each server, print medians and ratios ----
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function ingest(): Promise<void> {
  const pool = Array.from({ length: 50_000 }, (_, i) => body(i));
  let cursor = 0;
  const modes: Mode[] = ["bare", "whatsapp-api-js", "wharf"];
  const rps: Record<Mode, number[]> = { bare: [], "whatsapp-api-js": [], wharf: [] };
  const p99: Record<Mode, number[]> = { bare: [], "whatsapp-api-js": [], wharf: [] };
  for (let run = 1; run <= runs; run++) {
    // The order rotates, so a noisy neighbour's burst does not always land on the same target.
    for (const mode of [...modes.slice(run % 3), ...modes.slice(0, run % 3)]) {
      const s = await startChild(mode);
      const signed = pool.map((b) => ({ b, sig: signWebhookBody(b, s.secret) }));
      const next = (req: Record<string, unknown>) => {
        const x = signed[cursor++ % signed.length]!;
        return { ...req, body: x.b, headers: { ...(req.headers as object), "x-hub-signature-256": x.sig } };
      };
      const drive = (duration: number) =>
        autocannon({
          url: s.url,
          method: "POST",
          connections,
          duration,
          headers: { "content-type": "application/json" },
          requests: [{ setupRequest: next }],
        });
      await drive(1); // JIT warm-up, not measured
      const r = await drive(seconds);
      s.child.kill("SIGTERM");
      await new Promise((done) => s.child.once("exit", done));
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${mode}, run ${run}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      rps[mode].push(r.requests.average);
      p99[mode].push(r.latency.p99);
      console.log(`run ${run} ${mode.padEnd(16)} ${Math.round(r.requests.average)} req/s  p99 ${r.latency.p99} ms`);
    }
  }
  console.log(`\nmedians of ${runs} runs x ${seconds}s, ${connections} connections, ~1 KB signed bodies:`);
  for (const mode of modes)
    console.log(`  ${mode.padEnd(16)} ${Math.round(median(rps[mode]))} req/s  p99 ${median(p99[mode])} ms`);
  // Per-run ratios pair measurements taken seconds apart; their median resists drift in the machine's load.
  const ratios = (other: Mode) =>
    `${(median(rps.wharf) / median(rps[other])).toFixed(2)} of medians, ${median(rps.wharf.map((r, i) => r / rps[other][i]!)).toFixed(2)} median per run`;
  console.log(`  wharf / bare node:http      = ${ratios("bare")} (target >= 0.50)`);
  console.log(
    `  wharf / whatsapp-api-js     = ${ratios("whatsapp-api-js")} (it verifies only; Wharf also stores durably)`,
  );
}

if (process.env.BENCH_CHILD) {
  console.log(JSON.stringify(await serve(process.env.BENCH_CHILD as Mode)));
} else {
  if (process.env.BENCH_SKIP_INGEST !== "1") await ingest();
  const count = Number(process.env.BENCH_BACKLOG ?? 10_000);
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) times.push(await backlog(count));
  const t = median(times) / 1000;
  console.log(
    `  backlog (${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "SQLite"}) of ${count} stored events processed in ${t.toFixed(2)} s (median; target < 10 s), ${Math.round(count / t)} events/s`,
  );
}
