/**
 * Webhook ingestion: signed ~1 KB `POST /webhooks/meta` bodies (each a new inbound message, its
 * wamid unique within a server process) against a bare node:http server that only answers 200,
 * against whatsapp-api-js verifying the same signatures (no storage), against Wharf's receiver
 * alone (`wharf serve` role, SQLite: every 200 is on disk), and against a real
 * `wharf start` process (bin/wharf.js, production mode, receiving and processing in one process,
 * the number seeded as connected so every webhook becomes a message, a conversation and a
 * `message.received` event). Each target is its own process, measured in the same run, in an
 * order that rotates per run. For `wharf start` the bench then waits until every stored webhook
 * is processed (time-to-drain after the load stops), checks that each became its message, and
 * prints NOT ALL PROCESSED and exits 1 otherwise. CPU per webhook is the server process's
 * utime+stime (/proc) over the measured load, for `wharf start` until it had drained.
 * Then the backlog: 10,000 stored events processed by the worker.
 * Run: `npx tsx bench/webhook-ingest.ts` (BENCH_SECONDS, BENCH_RUNS, BENCH_CONNECTIONS,
 * BENCH_BACKLOG, BENCH_MODES=bare,wharf-start to pick targets, BENCH_DRAIN_TIMEOUT_MS (120000),
 * BENCH_CPU_PROF=dir to write a `--cpu-prof` profile of each `wharf start`;
 * BENCH_DATABASE_URL=postgres://... runs the backlog on PostgreSQL, BENCH_SKIP_INGEST=1 runs only
 * the backlog, BENCH_WORKER=1 runs Wharf's worker beside the receiver in the `wharf` target).
 * Linux only (/proc).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { sql } from "kysely";
import type { AnyDb } from "../src/platform/db/index.js";
import { seedConnectedNumber } from "../test/support/seed-connected-number.js";
import { machineBusyMs, ownCpuMs, processCpuMs } from "./support/children.js";
import { signWebhookBody } from "../src/graph/index.js";

type Mode = "bare" | "whatsapp-api-js" | "wharf" | "wharf-start";
const MODES: Mode[] = ["bare", "whatsapp-api-js", "wharf", "wharf-start"];
interface Result {
  requests: { average: number; total: number };
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

/**
 * The number the bodies name, owned by one workspace connected to their WABA (the rows the
 * connection flow leaves, claims included), so processing routes every message to it.
 */
async function seedNumber(db: AnyDb): Promise<void> {
  await seedConnectedNumber(db, {
    workspaceId: "ws_bench",
    wabaId: WABA,
    metaPhoneNumberId: NUMBER,
    phoneNumberId: "pn_bench",
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
      void wa.handle_post(req).then(
        (status) => res.writeHead(status).end(),
        (e: unknown) => res.writeHead(typeof e === "number" ? e : 500).end(),
      );
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

interface Target {
  child: ChildProcess;
  url: string;
  secret: string;
  /** `wharf start` only: its data folder, where the bench counts what was processed. */
  dataDir?: string;
}

// Servers still running when the bench stops on an error are killed with it.
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

async function startChild(mode: Mode): Promise<Target> {
  const target = mode === "wharf-start" ? await startWharf() : await startServer(mode);
  live.add(target.child);
  target.child.once("exit", () => live.delete(target.child));
  return target;
}

async function startServer(mode: Mode): Promise<Target> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_CHILD: mode },
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
  return { child, ...(JSON.parse(line) as { url: string; secret: string }) };
}

const WHARF_BIN = fileURLToPath(new URL("../bin/wharf.js", import.meta.url));
const PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;

/** `wharf start` as an operator runs it (production mode, SQLite, durable as shipped). */
async function startWharf(): Promise<Target> {
  const { freePort } = await import("../test/support/processes.js");
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-bench-start-"));
  const url = `http://127.0.0.1:${port}`;
  // A WHARF_* or DATABASE_URL from the shell would change what is measured: the child gets only ours.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("WHARF_") && k !== "DATABASE_URL" && k !== "PORT"),
  );
  const child = spawn(
    process.execPath,
    [...(PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROF_DIR}`] : []), WHARF_BIN, "start"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...env,
        PORT: String(port),
        WHARF_HOST: "127.0.0.1",
        WHARF_MODE: "production",
        WHARF_PUBLIC_URL: url,
        WHARF_DATA_DIR: dataDir,
        WHARF_LOG_LEVEL: "warn",
        WHARF_MASTER_KEY: randomBytes(32).toString("base64"),
        WHARF_ADMIN_TOKEN: randomBytes(24).toString("hex"),
        WHARF_META_APP_ID: "1029384756102938",
        WHARF_META_APP_SECRET: SECRET,
        WHARF_META_VERIFY_TOKEN: "bench-verify",
        // Nothing here calls Meta; if something did, it would fail at once rather than reach the internet.
        WHARF_GRAPH_URL: "http://127.0.0.1:9",
        WHARF_META_DIALOG_URL: "http://127.0.0.1:9",
      },
    },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const end = Date.now() + 60_000;
  while (!/is running \(production mode/.test(out)) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`wharf start did not come up:\n${out}`);
    await sleep(50);
  }
  // Another process may write the file beside the server (SQLite's WAL, busy_timeout): the rows an owner's connection leaves.
  const { openDatabase } = await import("../src/platform/db/index.js");
  const database = openDatabase({ url: null, dataDir });
  await seedNumber(database.db);
  await database.close();
  return { child, url: `${url}/webhooks/meta`, secret: SECRET, dataDir };
}

// ---- what a process used: /proc, so it counts every thread (libuv's pool, the GC): ./support/children ----
const cpuMsOf = processCpuMs;

// ---- `wharf start`: what was stored and what was processed, read from its database file ----
function pendingEvents(file: Database.Database): number {
  return (file.prepare("select count(*) as n from webhook_events where state = 'pending'").get() as { n: number }).n;
}

/**
 * Nothing pending, and nothing new stored for 300 ms (requests the load client sent just before it
 * stopped may still be on their way into the server): when that was first seen, or null on timeout.
 */
async function drained(file: Database.Database, timeoutMs: number): Promise<number | null> {
  const end = Date.now() + timeoutMs;
  const total = () => (file.prepare("select count(*) as n from webhook_events").get() as { n: number }).n;
  let quietAt = -1;
  let quietTotal = -1;
  for (;;) {
    const count = total();
    if (pendingEvents(file) > 0) quietAt = -1;
    else if (quietAt >= 0 && quietTotal === count) return quietAt;
    else [quietAt, quietTotal] = [performance.now(), count];
    if (Date.now() > end) return null;
    await sleep(quietAt >= 0 ? 300 : 50);
  }
}

/** Every stored webhook processed, none flagged, and each one's message stored once. */
function processedCheck(file: Database.Database): { events: number; problems: string[] } {
  // One read transaction: every count from the same snapshot.
  return file.transaction(() => countsAgree(file))();
}

function countsAgree(file: Database.Database): { events: number; problems: string[] } {
  const states = file
    .prepare("select state, count(*) as n, coalesce(sum(flags), 0) as flags from webhook_events group by state")
    .all() as Array<{ state: string; n: number; flags: number }>;
  const events = states.reduce((sum, s) => sum + s.n, 0);
  const problems: string[] = [];
  for (const s of states) if (s.state !== "done") problems.push(`${s.n} events ${s.state}`);
  const flags = states.reduce((sum, s) => sum + s.flags, 0);
  if (flags > 0) problems.push(`${flags} flags`);
  const { wamids } = file
    .prepare(
      "select count(distinct json_extract(body, '$.entry[0].changes[0].value.messages[0].id')) as wamids from webhook_events",
    )
    .get() as { wamids: number };
  const { messages } = file.prepare("select count(*) as messages from messages where direction = 'inbound'").get() as {
    messages: number;
  };
  if (wamids !== events)
    problems.push(`${events - wamids} repeated wamids among ${events} events (BENCH_POOL too small)`);
  if (messages !== wamids) problems.push(`${messages} inbound messages stored for ${wamids} distinct wamids`);
  return { events, problems };
}

// ---- the backlog: 10,000 stored events, one worker ----
async function backlog(count: number): Promise<{ ms: number; cpuUs: number }> {
  const { openDatabase, migrate } = await import("../src/platform/db/index.js");
  const { allMigrations } = await import("../src/main.js");
  const { metaInboundModule } = await import("../src/modules/meta-inbound/index.js");
  const { createJobs } = await import("../src/platform/jobs/index.js");
  const { createEventBus } = await import("../src/platform/events.js");
  const { createVault, generateMasterKey, staticKeyring } = await import("../src/platform/crypto/index.js");
  const { createGraphClient } = await import("../src/graph/index.js");
  const { createChannelRegistry } = await import("../src/channels/index.js");
  const { createMetaChannel } = await import("../src/channels/meta/index.js");
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
  await seedNumber(database.db);
  const vault = createVault({ db: database.db, keyring: staticKeyring(generateMasterKey()), clock });
  const deps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    events: createEventBus(),
    jobs: createJobs({ ...database, clock }).queue,
    vault,
    channels: createChannelRegistry([
      createMetaChannel(createGraphClient({ baseUrl: "http://127.0.0.1:9", version: "v23.0" }), {
        appId: "1",
        appSecret: SECRET,
      }),
    ]),
  };
  const mod = metaInboundModule({
    ...deps,
    meta: { appSecret: SECRET, verifyToken: "x" },
    processing: { pollMs: 1000 },
  });
  const bodies = Array.from({ length: count }, (_, i) => Buffer.from(body(1_000_000 + i)));
  await Promise.all(bodies.map((b) => mod.receiver.receive(b, signWebhookBody(b, SECRET))));
  const started = performance.now();
  const cpu0 = ownCpuMs();
  await mod.processor.runUntilIdle();
  const ms = performance.now() - started;
  const cpuUs = ((ownCpuMs() - cpu0) * 1000) / count;
  const done = await sql<{ n: number }>`select count(*) as n from messages`.execute(database.db);
  if (Number(done.rows[0]!.n) !== count)
    throw new Error(`backlog: ${done.rows[0]!.n} messages stored, expected ${count}`);
  if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ms, cpuUs };
}

// ---- the parent: drive each server, print medians and ratios ----
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Bodies, each with its own wamid: more than the fastest target takes from one warm-up and one run.
const POOL = Number(process.env.BENCH_POOL ?? 150_000);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_MS ?? 120_000);
const modes = (process.env.BENCH_MODES ?? MODES.join(",")).split(",").map((m) => m.trim()) as Mode[];
for (const m of modes)
  if (!MODES.includes(m)) throw new Error(`BENCH_MODES: unknown target ${m} (${MODES.join(", ")})`);

interface Measurement {
  rps: number;
  p99: number;
  /** Server CPU (all threads) per answered webhook; for `wharf start` until everything was processed. */
  cpuUs: number;
  /** Cores that processes other than the server and this load client kept busy meanwhile. */
  otherCores: number;
  /** `wharf start`: webhooks stored but not yet processed when the load stopped, and the time until none was left. */
  backlogAtEnd?: number;
  drainMs?: number;
}

async function measure(mode: Mode, pool: string[], run: number): Promise<Measurement | null> {
  const s = await startChild(mode);
  const pid = s.child.pid!;
  const file = s.dataDir ? new Database(path.join(s.dataDir, "wharf.db")) : null;
  file?.pragma("busy_timeout = 5000");
  try {
    const signed = pool.map((b) => ({ b, sig: signWebhookBody(b, s.secret) }));
    let cursor = 0;
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
    // What the warm-up left to process is not this measurement's.
    if (file && (await drained(file, DRAIN_TIMEOUT_MS)) === null)
      throw new Error("wharf-start: the warm-up was not processed");
    const cpu0 = { server: cpuMsOf(pid), own: ownCpuMs(), machine: machineBusyMs(), at: performance.now() };
    const r = await drive(seconds);
    const cpu1 = { server: cpuMsOf(pid), own: ownCpuMs(), machine: machineBusyMs(), at: performance.now() };
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${mode}, run ${run}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    const m: Measurement = {
      rps: r.requests.average,
      p99: r.latency.p99,
      cpuUs: ((cpu1.server - cpu0.server) * 1000) / r.requests.total,
      otherCores:
        Math.max(0, cpu1.machine - cpu0.machine - (cpu1.server - cpu0.server) - (cpu1.own - cpu0.own)) /
        (cpu1.at - cpu0.at),
    };
    let extra = "";
    if (file) {
      m.backlogAtEnd = pendingEvents(file);
      const at = await drained(file, DRAIN_TIMEOUT_MS);
      m.drainMs = (at ?? performance.now()) - cpu1.at;
      m.cpuUs = ((cpuMsOf(pid) - cpu0.server) * 1000) / r.requests.total;
      if (at === null) {
        console.log(
          `NOT ALL PROCESSED: wharf-start, run ${run}: ${pendingEvents(file)} webhooks still pending ${DRAIN_TIMEOUT_MS} ms after the load stopped`,
        );
        return null;
      }
      const check = processedCheck(file);
      if (check.problems.length > 0) {
        console.log(`NOT ALL PROCESSED: wharf-start, run ${run}: ${check.problems.join("; ")}`);
        return null;
      }
      extra = `; ${m.backlogAtEnd} of ${check.events} stored were unprocessed when the load stopped, all processed ${(m.drainMs / 1000).toFixed(1)} s later`;
    }
    console.log(
      `run ${run} ${mode.padEnd(16)} ${Math.round(m.rps)} req/s  p99 ${m.p99} ms  CPU ${Math.round(m.cpuUs)} µs/webhook  (others ${m.otherCores.toFixed(2)} cores)${extra}`,
    );
    return m;
  } finally {
    file?.close();
    s.child.kill("SIGTERM");
    await new Promise((done) => s.child.once("exit", done));
    if (s.dataDir) fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
}

async function ingest(): Promise<boolean> {
  console.log(
    `webhook ingest: ${modes.join(", ")}; ${runs} run(s) x ${seconds} s, ${connections} connections; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const pool = Array.from({ length: POOL }, (_, i) => body(i));
  const results = Object.fromEntries(modes.map((m) => [m, [] as Measurement[]])) as Record<Mode, Measurement[]>;
  let allProcessed = true;
  for (let run = 1; run <= runs; run++) {
    // The order rotates, so a noisy neighbour's burst does not always land on the same target.
    for (const mode of [...modes.slice(run % modes.length), ...modes.slice(0, run % modes.length)]) {
      const m = await measure(mode, pool, run);
      if (m) results[mode].push(m);
      else allProcessed = false;
    }
  }
  const med = (mode: Mode, pick: (m: Measurement) => number) => median(results[mode].map(pick));
  console.log(`\nmedians of ${runs} runs x ${seconds}s, ${connections} connections, ~1 KB signed bodies:`);
  for (const mode of modes) {
    if (results[mode].length === 0) continue;
    const drain =
      mode === "wharf-start"
        ? `; unprocessed at the end of the load ${Math.round(med(mode, (m) => m.backlogAtEnd!))}, drained ${(med(mode, (m) => m.drainMs!) / 1000).toFixed(1)} s after it`
        : "";
    console.log(
      `  ${mode.padEnd(16)} ${Math.round(med(mode, (m) => m.rps))} req/s  p99 ${med(mode, (m) => m.p99)} ms  CPU ${Math.round(med(mode, (m) => m.cpuUs))} µs/webhook${drain}`,
    );
  }
  // Per-run ratios pair measurements taken seconds apart; their median resists drift in the machine's load.
  const ratio = (a: Mode, b: Mode, note: string) => {
    const ra = results[a] ?? [];
    const rb = results[b] ?? [];
    if (ra.length === 0 || rb.length === 0 || ra.length !== rb.length) return;
    const ofMedians = median(ra.map((m) => m.rps)) / median(rb.map((m) => m.rps));
    const perRun = median(ra.map((m, i) => m.rps / rb[i]!.rps));
    console.log(
      `  ${`${a} / ${b}`.padEnd(28)} = ${ofMedians.toFixed(2)} of medians, ${perRun.toFixed(2)} median per run (${note})`,
    );
  };
  ratio("wharf", "bare", "target >= 0.50");
  ratio("wharf-start", "bare", "target >= 0.35, every webhook processed");
  ratio("wharf", "whatsapp-api-js", "it verifies only; Wharf also stores durably");
  if (!allProcessed) console.log("NOT ALL PROCESSED in at least one run of wharf-start (above)");
  return allProcessed;
}

if (process.env.BENCH_CHILD) {
  console.log(JSON.stringify(await serve(process.env.BENCH_CHILD as Mode)));
} else {
  if (process.env.BENCH_SKIP_INGEST !== "1" && !(await ingest())) process.exitCode = 1;
  const count = Number(process.env.BENCH_BACKLOG ?? 10_000);
  if (count > 0) {
    const times: Array<{ ms: number; cpuUs: number }> = [];
    for (let run = 1; run <= runs; run++) times.push(await backlog(count));
    const t = median(times.map((x) => x.ms)) / 1000;
    // This process's CPU: on PostgreSQL the server's own work is not in it.
    console.log(
      `  backlog (${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "SQLite"}) of ${count} stored events processed in ${t.toFixed(2)} s (median; target < 10 s), ${Math.round(count / t)} events/s, CPU ${Math.round(median(times.map((x) => x.cpuUs)))} µs/event`,
    );
  }
}
