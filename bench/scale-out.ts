/**
 * Scale-out on PostgreSQL, as an operator runs it: real processes of bin/wharf.js (`wharf serve`
 * and BENCH_WORKERS `wharf worker`s on one PostgreSQL database, production mode) against the
 * baseline an operator starts from, one `wharf start` on SQLite (durable as shipped), both
 * on the same machine in the same run. Each PostgreSQL stack lives in a fresh schema of
 * BENCH_DATABASE_URL's database (its DATABASE_URL carries `options=-c search_path=<schema>`, as an
 * operator's may), dropped afterwards. Three parts, each run with fresh processes, the targets in
 * an order that rotates per run so a noisy neighbour's burst does not always land on the same one;
 * figures are medians over BENCH_RUNS runs, ratios the median of per-run ratios.
 *
 *  ingest:   signed ~1 KB `POST /webhooks/meta` bodies (each a new inbound message to a number
 *            seeded as connected) from autocannon in this process for BENCH_SECONDS, against
 *            `wharf start` (SQLite, receiving and processing in one process) and against one
 *            `wharf serve` with the workers processing. Requests per second per serve; then the
 *            bench waits until every stored webhook is processed and checks that each became its
 *            message (NOT ALL PROCESSED and exit 1 otherwise). Goal: PostgreSQL >= 0.5x SQLite.
 *  latency:  a `wharf emulator` process as Meta (webhooks to the serve), a workspace connected
 *            through Meta's dialog, its number activated, an approved UTILITY template; then
 *            BENCH_LATENCY_MESSAGES template sends (after BENCH_WARMUP unmeasured), each
 *            `POST /v1/messages` to the serve, one at a time and BENCH_LATENCY_INTERVAL_MS after
 *            the previous one's 202, so what is measured is latency, not a queue of sends.
 *            Latency is from the moment the request left this process to the emulator's
 *            `acceptedAt` (the same machine's clock): API call to Meta's acceptance, which bounds
 *            API accept to Meta's acceptance from above. p50/p99; goal p50 < 20 ms.
 *            Measured on both stacks; SQLite is the baseline.
 *  campaign: PostgreSQL only, BENCH_NUMBERS numbers (default 1, 2, 4), each its own workspace and
 *            WABA at Meta's HIGH throughput (BENCH_NUMBER_MPS, 1,000/s), over the workers: one
 *            campaign per number, BENCH_CAMPAIGN_MESSAGES recipients in all (split evenly), all
 *            created at once. Rate from the first create to the emulator's last `acceptedAt`;
 *            130429 refusals and duplicate sends are counted (both must be 0). The ratio is
 *            against one number in the same run.
 *
 * The machine's load average and the cores other processes kept busy are printed: on a small shared
 * machine every figure moves with them.
 * Run: `npx tsx bench/scale-out.ts` (BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test,
 * BENCH_PARTS=ingest,latency,campaign, BENCH_RUNS=3, BENCH_WORKERS=2, BENCH_SECONDS=5,
 * BENCH_CONNECTIONS=50, BENCH_POOL=150000 (distinct webhook bodies), BENCH_LATENCY_MESSAGES=300,
 * BENCH_LATENCY_INTERVAL_MS=20, BENCH_WARMUP=100, BENCH_NUMBERS=1,2,4, BENCH_NUMBER_MPS=1000,
 * BENCH_CAMPAIGN_MESSAGES=2000, BENCH_START_TIMEOUT_MS=180000 (per process), BENCH_POOL_SIZE (each
 * process's WHARF_DB_POOL_SIZE; Wharf's default otherwise), BENCH_TIMEOUT_MS=1200000 for the whole
 * bench). Linux only (/proc).
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { Agent, request } from "undici";
import { signWebhookBody } from "../src/graph/index.js";
import { approveInDialog } from "../test/support/meta-dialog.js";
import { freePort } from "../test/support/processes.js";
import {
  APP_ID,
  type Child,
  deadline,
  exitOnSignal,
  f0,
  f1,
  json,
  killChildren,
  machineBusyMs,
  median,
  ownCpuMs,
  removeDir,
  startChild,
  submitApprovedTemplate,
  tempDir,
  until,
} from "./support/children.js";
import { PG_URL, pgAdmin } from "./support/postgres.js";
import { seedConnectedNumber } from "../test/support/seed-connected-number.js";

const PARTS = (process.env.BENCH_PARTS ?? "ingest,latency,campaign").split(",").map((s) => s.trim());
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LATENCY_MESSAGES = Number(process.env.BENCH_LATENCY_MESSAGES ?? 300);
const LATENCY_INTERVAL_MS = Number(process.env.BENCH_LATENCY_INTERVAL_MS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const NUMBERS = (process.env.BENCH_NUMBERS ?? "1,2,4").split(",").map((s) => Number(s.trim()));
const NUMBER_MPS = Number(process.env.BENCH_NUMBER_MPS ?? 1000);
const CAMPAIGN_MESSAGES = Number(process.env.BENCH_CAMPAIGN_MESSAGES ?? 2000);
const POOL_SIZE = process.env.BENCH_POOL_SIZE;
// Distinct signed webhook bodies: more than the fastest stack takes in a warm-up and a measurement.
const POOL = Number(process.env.BENCH_POOL ?? 150_000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 20 * 60_000);
// A folder: every Wharf process runs under `node --cpu-prof` and writes its profile there on exit
// (summarise with bench/cpu-profile.ts).
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
const NODE_ARGS = CPU_PROF_DIR ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF_DIR}`] } : {};
const DRAIN_TIMEOUT_MS = 120_000;
// Generous: on a small machine that other work shares, a process may take a minute to start.
const START_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 180_000);
for (const p of PARTS)
  if (!["ingest", "latency", "campaign"].includes(p)) throw new Error(`BENCH_PARTS: unknown part ${p}`);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error("BENCH_RUNS must be 1..20");
if (!Number.isInteger(WORKERS) || WORKERS < 1 || WORKERS > 8) throw new Error("BENCH_WORKERS must be 1..8");
if (NUMBERS.some((n) => !Number.isInteger(n) || n < 1 || n > 16)) throw new Error("BENCH_NUMBERS must be 1..16 each");
if (!Number.isInteger(CAMPAIGN_MESSAGES) || CAMPAIGN_MESSAGES < 1 || CAMPAIGN_MESSAGES > 40_000)
  throw new Error("BENCH_CAMPAIGN_MESSAGES must be 1..40000");
if (!Number.isInteger(LATENCY_MESSAGES) || LATENCY_MESSAGES < 1 || LATENCY_MESSAGES + WARMUP > 20_000)
  throw new Error("BENCH_LATENCY_MESSAGES (+ BENCH_WARMUP) must be 1..20000");

const autocannon = createRequire(import.meta.url)("autocannon") as (o: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}>;

// ---- the children are killed and their data dirs removed by ./support/children; schemas here ----
const schemas = new Set<string>();
process.on("exit", () => {
  if (schemas.size > 0)
    console.error(`bench: schemas left in ${PG_URL} (drop them by hand): ${[...schemas].join(", ")}`);
});
/** On the way out after an error: the processes first (they hold connections), then their schemas. */
async function cleanUp(): Promise<void> {
  await killChildren();
  for (const schema of schemas) {
    await pgAdmin(`drop schema "${schema}" cascade`).catch(() => {});
    schemas.delete(schema);
  }
}
exitOnSignal(cleanUp);
deadline(TIMEOUT_MS);

// ---- a stack: SQLite `wharf start`, or PostgreSQL `wharf serve` + workers in a fresh schema ----
type Kind = "sqlite" | "postgres";
interface Stack {
  kind: Kind;
  url: string;
  adminToken: string;
  appSecret: string;
  /** The serve (or `wharf start`) first, then the workers. */
  procs: Child[];
  /** A Kysely handle on the stack's database (for seeding and counting), and its own SQL. */
  db: Kysely<Record<string, never>>;
  count(sqlText: string): Promise<number>;
  alive: () => void;
  close(): Promise<void>;
}

async function startStack(kind: Kind, graphUrl: string, appSecret = randomBytes(16).toString("hex")): Promise<Stack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString("hex");
  const dataDir = tempDir("wharf-scale-out-");
  let databaseUrl: string | null = null;
  let schema: string | null = null;
  if (kind === "postgres") {
    schema = `bench_scale_${randomBytes(5).toString("hex")}`;
    await pgAdmin(`create schema "${schema}"`);
    schemas.add(schema);
    const u = new URL(PG_URL);
    u.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = u.toString();
  }
  const env: Record<string, string> = {
    WHARF_HOST: "127.0.0.1",
    WHARF_MODE: "production",
    WHARF_PUBLIC_URL: url,
    WHARF_DATA_DIR: dataDir,
    WHARF_LOG_LEVEL: "error",
    WHARF_MASTER_KEY: randomBytes(32).toString("base64"),
    WHARF_ADMIN_TOKEN: adminToken,
    WHARF_META_APP_ID: APP_ID,
    WHARF_META_APP_SECRET: appSecret,
    WHARF_META_VERIFY_TOKEN: "bench-verify-token",
    WHARF_GRAPH_URL: graphUrl,
    WHARF_META_DIALOG_URL: graphUrl,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(POOL_SIZE ? { WHARF_DB_POOL_SIZE: POOL_SIZE } : {}),
  };
  const procs: Child[] = [];
  const running = /is running \(production mode/;
  if (kind === "sqlite") {
    procs.push(startChild("wharf start", ["start"], { ...env, PORT: String(port) }, NODE_ARGS));
    await procs[0]!.waitFor(running, START_TIMEOUT_MS);
  } else {
    // The serve migrates the schema first; workers started beside it would race it (safely, but slower).
    procs.push(startChild("wharf serve", ["serve"], { ...env, PORT: String(port) }, NODE_ARGS));
    await procs[0]!.waitFor(running, START_TIMEOUT_MS);
    for (let i = 1; i <= WORKERS; i++)
      procs.push(
        startChild(
          `wharf worker ${i}`,
          ["worker"],
          { ...env, PORT: String(await freePort()), WHARF_WORKER_PORT: "0" },
          NODE_ARGS,
        ),
      );
    await Promise.all(procs.slice(1).map((p) => p.waitFor(running, START_TIMEOUT_MS)));
  }
  let db: Kysely<Record<string, never>>;
  let count: (sqlText: string) => Promise<number>;
  let closeDb: () => Promise<void>;
  if (kind === "sqlite") {
    // Another process may write the file beside the server (SQLite's WAL, busy_timeout).
    const file = new Database(path.join(dataDir, "wharf.db"));
    file.pragma("busy_timeout = 5000");
    db = new Kysely({ dialect: new SqliteDialect({ database: file }) });
    count = async (text) => Number((file.prepare(text).get() as { n: number }).n);
    closeDb = () => db.destroy();
  } else {
    const pool = new pg.Pool({ connectionString: databaseUrl!, max: 2 });
    pool.on("error", () => {});
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    count = async (text) => Number((await pool.query<{ n: string }>(text)).rows[0]!.n);
    closeDb = () => db.destroy();
  }
  const alive = () => procs.forEach((p) => p.check());
  return {
    kind,
    url,
    adminToken,
    appSecret,
    procs,
    db,
    count,
    alive,
    async close() {
      await Promise.all(procs.map((p) => p.stop()));
      await closeDb();
      if (schema) {
        await pgAdmin(`drop schema "${schema}" cascade`);
        schemas.delete(schema);
      }
      removeDir(dataDir);
    },
  };
}

// ---- HTTP ----
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
/** Each target once per run, the order rotating with the run. */
const rotated = <T>(xs: T[], run: number) => [...xs.slice(run % xs.length), ...xs.slice(0, run % xs.length)];

// ---- ingest ----
const WABA = "102290129340398";
const NUMBER = "106540352242922";

/** A realistic inbound text webhook, padded to about 1 KB, its wamid unique per `n`. */
function webhookBody(n: number): string {
  const from = `1650${String(n % 5000).padStart(7, "0")}`;
  const envelope = (text: string) =>
    JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: WABA,
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550783881", phone_number_id: NUMBER },
                contacts: [{ profile: { name: "Bench Customer" }, wa_id: from }],
                messages: [
                  {
                    from,
                    id: `wamid.scale${n.toString(36).padStart(12, "0")}`,
                    timestamp: String(1_760_000_000 + n),
                    type: "text",
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
  return envelope("x".repeat(Math.max(0, 1024 - envelope("").length)));
}

interface Ingest {
  rps: number;
  p99: number;
  /** CPU of the receiving process, and of all the stack's processes until everything was processed, per webhook. */
  serveCpuUs: number;
  stackCpuUs: number;
  backlogAtEnd: number;
  drainMs: number;
  otherCores: number;
}

const INGEST_SQL = {
  pending: "select count(*) as n from webhook_events where state = 'pending'",
  total: "select count(*) as n from webhook_events",
  notDone: "select count(*) as n from webhook_events where state <> 'done' or flags > 0",
  inbound: "select count(*) as n from messages where direction = 'inbound'",
};

/** Nothing pending, and nothing new stored for 300 ms: when that was first seen. */
async function drained(stack: Stack): Promise<number> {
  const end = Date.now() + DRAIN_TIMEOUT_MS;
  let quietAt = -1;
  let quietTotal = -1;
  for (;;) {
    stack.alive();
    const total = await stack.count(INGEST_SQL.total);
    if ((await stack.count(INGEST_SQL.pending)) > 0) quietAt = -1;
    else if (quietAt >= 0 && quietTotal === total) return quietAt;
    else [quietAt, quietTotal] = [performance.now(), total];
    if (Date.now() > end)
      throw new Error(`NOT ALL PROCESSED: ${stack.kind}: webhooks still pending ${DRAIN_TIMEOUT_MS} ms after the load`);
    await sleep(quietAt >= 0 ? 300 : 50);
  }
}

// Signed once, outside the measurement (an HMAC per request would cost the load client, which
// shares the machine, as much as it costs the server). Wamids are unique within a stack, which
// never takes more than the pool from one warm-up and one measurement.
const INGEST_SECRET = "bench-app-secret-0123456789";
let signedPool: Array<{ body: string; signature: string }> = [];

async function ingestOnce(kind: Kind, run: number): Promise<Ingest> {
  const stack = await startStack(kind, "http://127.0.0.1:9", INGEST_SECRET);
  let cursor = 0;
  try {
    await seedConnectedNumber(stack.db, {
      workspaceId: "ws_bench",
      wabaId: WABA,
      metaPhoneNumberId: NUMBER,
      phoneNumberId: "pn_bench",
    });
    const drive = (duration: number) =>
      autocannon({
        url: `${stack.url}/webhooks/meta`,
        method: "POST",
        connections: CONNECTIONS,
        duration,
        headers: { "content-type": "application/json" },
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => {
              if (cursor >= signedPool.length) throw new Error("BENCH_POOL: more requests than signed bodies");
              const b = signedPool[cursor++]!;
              return {
                ...req,
                body: b.body,
                headers: { ...(req.headers as object), "x-hub-signature-256": b.signature },
              };
            },
          },
        ],
      });
    await drive(1); // JIT warm-up, not measured
    await drained(stack);
    const cpu = () => stack.procs.map((p) => p.cpuMs().total);
    const own = ownCpuMs;
    const c0 = { procs: cpu(), own: own(), machine: machineBusyMs(), at: performance.now() };
    const r = await drive(SECONDS);
    const c1 = { procs: cpu(), own: own(), machine: machineBusyMs(), at: performance.now() };
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${kind}, run ${run}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    const backlogAtEnd = await stack.count(INGEST_SQL.pending);
    const at = await drained(stack);
    const c2 = cpu();
    const notDone = await stack.count(INGEST_SQL.notDone);
    const [total, inbound] = [await stack.count(INGEST_SQL.total), await stack.count(INGEST_SQL.inbound)];
    if (notDone > 0 || inbound !== total)
      throw new Error(
        `NOT ALL PROCESSED: ${kind}, run ${run}: ${notDone} events not done or flagged; ${inbound} inbound messages for ${total} events`,
      );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const stackMs = (c: number[]) => sum(c);
    const m: Ingest = {
      rps: r.requests.average,
      p99: r.latency.p99,
      serveCpuUs: ((c1.procs[0]! - c0.procs[0]!) * 1000) / r.requests.total,
      stackCpuUs: ((stackMs(c2) - stackMs(c0.procs)) * 1000) / r.requests.total,
      backlogAtEnd,
      drainMs: at - c1.at,
      otherCores:
        Math.max(0, c1.machine - c0.machine - (stackMs(c1.procs) - stackMs(c0.procs)) - (c1.own - c0.own)) /
        (c1.at - c0.at),
    };
    console.log(
      `  run ${run} ${label(kind)}  ${f0(m.rps)} webhooks/s  p99 ${m.p99} ms  CPU µs/webhook: receiver ${f0(m.serveCpuUs)}, all Wharf processes ${f0(m.stackCpuUs)}; ${f0(m.backlogAtEnd)} unprocessed at the end, all processed ${f1(m.drainMs / 1000)} s later; others (PostgreSQL included) ${m.otherCores.toFixed(2)} cores`,
    );
    return m;
  } finally {
    await stack.close();
  }
}

const label = (kind: Kind) => (kind === "sqlite" ? "SQLite wharf start" : `PostgreSQL serve + ${WORKERS} workers`);

async function ingestPart(): Promise<void> {
  console.log(`\ningest: ${RUNS} run(s) x ${SECONDS} s, ${CONNECTIONS} connections, ~1 KB signed bodies`);
  signedPool = Array.from({ length: POOL }, (_, i) => {
    const body = webhookBody(i);
    return { body, signature: signWebhookBody(body, INGEST_SECRET) };
  });
  const kinds: Kind[] = ["sqlite", "postgres"];
  const results: Record<Kind, Ingest[]> = { sqlite: [], postgres: [] };
  for (let run = 1; run <= RUNS; run++)
    for (const kind of rotated(kinds, run)) results[kind].push(await ingestOnce(kind, run));
  console.log(`ingest medians:`);
  for (const kind of kinds) {
    const m = (pick: (x: Ingest) => number) => median(results[kind].map(pick));
    console.log(
      `  ${label(kind).padEnd(34)} ${f0(m((x) => x.rps))} webhooks/s  p99 ${f0(m((x) => x.p99))} ms  receiver ${f0(m((x) => x.serveCpuUs))} µs/webhook, all processes ${f0(m((x) => x.stackCpuUs))} µs/webhook; drained ${f1(m((x) => x.drainMs) / 1000)} s after the load`,
    );
  }
  const perRun = median(results.postgres.map((p, i) => p.rps / results.sqlite[i]!.rps));
  console.log(`  PostgreSQL per serve / SQLite = ${perRun.toFixed(2)} (median per run; goal >= 0.50)`);
}

// ---- a workspace per number, connected as an owner would ----
interface Connected {
  apiKey: string;
  id: string;
  metaId: string;
}

async function connectNumber(stack: Stack, emu: string, name: string): Promise<Connected> {
  const added = (await json("POST", `${emu}/_emulator/wabas`, { body: { name } })) as {
    businessId: string;
    wabaId: string;
    phoneNumbers: Array<{ id: string; pin: string }>;
  };
  const { apiKey } = (await json("POST", `${stack.url}/v1/workspaces`, {
    token: stack.adminToken,
    body: { name },
  })) as { apiKey: string };
  const prep = await json("POST", `${stack.url}/v1/connection/prepare`, { token: apiKey });
  const { code, state } = await approveInDialog(prep.authorizationUrl as string, { wabaIds: [added.wabaId] });
  await json("POST", `${stack.url}/v1/connection/connect`, { token: apiKey, body: { code, state } });
  const seeded = added.phoneNumbers[0]!;
  const numbers = (await json("GET", `${stack.url}/v1/phone-numbers`, { token: apiKey })).data as Array<{
    id: string;
    metaPhoneNumberId: string;
  }>;
  const mine = numbers.find((n) => n.metaPhoneNumberId === seeded.id)!;
  await json("POST", `${stack.url}/v1/phone-numbers/${mine.id}/activate`, { token: apiKey, body: { pin: seeded.pin } });
  await json("PATCH", `${emu}/_emulator/phone-numbers/${seeded.id}`, { body: { throughputMps: NUMBER_MPS } });
  // The messaging limit is the business portfolio's (Meta, since 2025-10-07): each WABA here has its own.
  await json("PATCH", `${emu}/_emulator/businesses/${added.businessId}`, { body: { messagingLimit: "TIER_100K" } });
  await json("POST", `${stack.url}/v1/phone-numbers/sync`, { token: apiKey });
  const template = await submitApprovedTemplate(stack.url, emu, apiKey);
  // The review's webhook goes through the serve and a worker.
  await until(
    async () =>
      (await json("GET", `${stack.url}/v1/templates/${template.id}`, { token: apiKey })).status === "APPROVED",
    START_TIMEOUT_MS,
    "template approved by webhook",
    stack.alive,
  );
  return { apiKey, id: mine.id, metaId: seeded.id };
}

interface Pair {
  stack: Stack;
  emulator: Child;
  emu: string;
  alive: () => void;
  close(): Promise<void>;
}

async function startPair(kind: Kind): Promise<Pair> {
  const emuPort = await freePort();
  const emu = `http://127.0.0.1:${emuPort}`;
  const appSecret = randomBytes(16).toString("hex");
  // The emulator starts first (Wharf's start-up reads nothing from Meta); its webhook URL is set once Wharf's port is known.
  const emulator = startChild(
    "emulator",
    ["emulator", "--port", String(emuPort), "--app-id", APP_ID, "--app-secret", appSecret],
    {},
  );
  await emulator.waitFor(/Meta emulator listening on/, START_TIMEOUT_MS);
  let stack: Stack;
  try {
    stack = await startStack(kind, emu, appSecret);
  } catch (err) {
    await emulator.stop();
    throw err;
  }
  await json("PUT", `${emu}/_emulator/webhook-url`, { body: { url: `${stack.url}/webhooks/meta` } });
  const alive = () => {
    emulator.check();
    stack.alive();
  };
  return {
    stack,
    emulator,
    emu,
    alive,
    close: async () => {
      await stack.close();
      await emulator.stop();
    },
  };
}

async function emulatorCounts(emu: string): Promise<{ messages: number; refusals: number }> {
  const c = (await json("GET", `${emu}/_emulator/state`)).counts as {
    messages: number;
    refusals: Record<string, number>;
  };
  return { messages: c.messages, refusals: c.refusals["130429"] ?? 0 };
}

async function accepted(emu: string, metaId: string): Promise<Array<{ waId: string; acceptedAt: number }>> {
  return (await json("GET", `${emu}/_emulator/messages?phoneNumberId=${metaId}`)).data as Array<{
    waId: string;
    acceptedAt: number;
  }>;
}

// ---- latency ----
interface Latency {
  p50: number;
  p99: number;
  /** How long `POST /v1/messages` took to answer 202. */
  api50: number;
}

async function latencyOnce(kind: Kind, run: number): Promise<Latency> {
  const pair = await startPair(kind);
  try {
    const number = await connectNumber(pair.stack, pair.emu, "Latency business");
    const agent = new Agent({ connections: 16 });
    const send = async (to: string) => {
      const res = await request(`${pair.stack.url}/v1/messages`, {
        method: "POST",
        dispatcher: agent,
        headers: { authorization: `Bearer ${number.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          from: number.id,
          to,
          type: "template",
          template: { name: "bench", language: "en_US", parameters: ["1"] },
        }),
      });
      const text = await res.body.text();
      if (res.statusCode !== 202) throw new Error(`POST /v1/messages answered ${res.statusCode}: ${text}`);
    };
    // Distinct recipients: the pair rate (one message per 6 s per user) never binds. One send at a
    // time, the next BENCH_LATENCY_INTERVAL_MS after the previous 202: latency, not a queue of sends
    // behind a saturated server (that is what the campaign part measures).
    const sequence = async (prefix: string, n: number) => {
      const sent = new Map<string, { at: number; answered: number }>();
      for (let i = 0; i < n; i++) {
        const to = `${prefix}${String(i).padStart(7, "0")}`;
        const at = Date.now();
        await send(`+${to}`);
        sent.set(to, { at, answered: Date.now() });
        await sleep(LATENCY_INTERVAL_MS);
      }
      await until(
        async () => (await accepted(pair.emu, number.metaId)).filter((m) => m.waId.startsWith(prefix)).length >= n,
        60_000,
        `${n} sends accepted by the emulator`,
        pair.alive,
        200,
      );
      return sent;
    };
    if (WARMUP > 0) await sequence("1666", WARMUP);
    const sent = await sequence("1777", LATENCY_MESSAGES);
    await agent.close();
    const latencies: number[] = [];
    const api: number[] = [];
    for (const m of (await accepted(pair.emu, number.metaId)).filter((x) => x.waId.startsWith("1777"))) {
      const s = sent.get(m.waId);
      if (!s) continue;
      latencies.push(m.acceptedAt - s.at);
      api.push(s.answered - s.at);
    }
    if (latencies.length !== LATENCY_MESSAGES)
      throw new Error(`latency: ${latencies.length} sends matched of ${LATENCY_MESSAGES}`);
    const r = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), api50: quantile(api, 0.5) };
    console.log(
      `  run ${run} ${label(kind)}  API call to Meta's acceptance p50 ${r.p50} ms, p99 ${r.p99} ms (202 answered in ${r.api50} ms, p50)`,
    );
    return r;
  } finally {
    await pair.close();
  }
}

async function latencyPart(): Promise<void> {
  console.log(
    `\nsend latency: ${LATENCY_MESSAGES} template sends one at a time, ${LATENCY_INTERVAL_MS} ms apart (after ${WARMUP} unmeasured), ${RUNS} run(s)`,
  );
  const kinds: Kind[] = ["sqlite", "postgres"];
  const results: Record<Kind, Latency[]> = { sqlite: [], postgres: [] };
  for (let run = 1; run <= RUNS; run++)
    for (const kind of rotated(kinds, run)) results[kind].push(await latencyOnce(kind, run));
  console.log("send latency medians (API call to Meta's acceptance):");
  for (const kind of kinds) {
    const m = (pick: (x: Latency) => number) => median(results[kind].map(pick));
    console.log(
      `  ${label(kind).padEnd(34)} p50 ${f0(m((x) => x.p50))} ms, p99 ${f0(m((x) => x.p99))} ms; 202 in ${f0(m((x) => x.api50))} ms${kind === "postgres" ? " (goal p50 < 20 ms)" : ""}`,
    );
  }
  const ratio = median(results.postgres.map((p, i) => p.p50 / results.sqlite[i]!.p50));
  console.log(`  PostgreSQL p50 / SQLite p50 = ${ratio.toFixed(2)} (median per run)`);
}

// ---- campaigns ----
interface Campaign {
  rate: number;
  refusals: number;
  duplicates: number;
}

async function campaignOnce(numbers: number, run: number): Promise<Campaign> {
  const pair = await startPair("postgres");
  try {
    const connected: Connected[] = [];
    for (let i = 0; i < numbers; i++)
      connected.push(await connectNumber(pair.stack, pair.emu, `Campaign business ${i}`));
    const before = await emulatorCounts(pair.emu);
    const wall0 = Date.now();
    await Promise.all(
      connected.map((n, k) => {
        const share = Math.floor(CAMPAIGN_MESSAGES / numbers) + (k < CAMPAIGN_MESSAGES % numbers ? 1 : 0);
        return json("POST", `${pair.stack.url}/v1/campaigns`, {
          token: n.apiKey,
          body: {
            name: `bench ${k}`,
            from: n.id,
            template: { name: "bench", language: "en_US" },
            recipients: Array.from({ length: share }, (_, i) => ({
              to: `+18${String(k).padStart(2, "0")}${String(i).padStart(8, "0")}`,
              parameters: [String(i)],
            })),
          },
        });
      }),
    );
    await until(
      async () => (await emulatorCounts(pair.emu)).messages - before.messages >= CAMPAIGN_MESSAGES,
      120_000 + CAMPAIGN_MESSAGES * 50,
      `${CAMPAIGN_MESSAGES} campaign messages accepted by the emulator`,
      pair.alive,
      200,
    );
    const after = await emulatorCounts(pair.emu);
    const all = (await Promise.all(connected.map((n) => accepted(pair.emu, n.metaId)))).flat();
    const unique = new Set(all.map((m) => m.waId)).size;
    const last = Math.max(...all.map((m) => m.acceptedAt));
    const r = {
      rate: CAMPAIGN_MESSAGES / ((last - wall0) / 1000),
      refusals: after.refusals - before.refusals,
      duplicates: all.length - unique,
    };
    console.log(
      `  run ${run} ${numbers} number(s): ${f0(r.rate)} msg/s; ${r.refusals} x 130429, ${r.duplicates} duplicates`,
    );
    return r;
  } finally {
    await pair.close();
  }
}

async function campaignPart(): Promise<void> {
  console.log(
    `\ncampaigns on PostgreSQL (serve + ${WORKERS} workers): ${CAMPAIGN_MESSAGES} recipients split over ${NUMBERS.join(", ")} number(s) at ${NUMBER_MPS}/s each, ${RUNS} run(s)`,
  );
  const results = new Map<number, Campaign[]>(NUMBERS.map((n) => [n, []]));
  for (let run = 1; run <= RUNS; run++)
    for (const n of rotated(NUMBERS, run)) results.get(n)!.push(await campaignOnce(n, run));
  console.log("campaign medians:");
  const base = results.get(NUMBERS[0]!)!;
  for (const [n, rs] of results) {
    const ratio = median(rs.map((r, i) => r.rate / base[i]!.rate));
    console.log(
      `  ${n} number(s): ${f0(median(rs.map((r) => r.rate)))} msg/s (${ratio.toFixed(2)}x ${NUMBERS[0]} number(s), median per run); 130429: ${Math.max(...rs.map((r) => r.refusals))}, duplicates: ${Math.max(...rs.map((r) => r.duplicates))} (most in a run)`,
    );
  }
}

try {
  console.log(
    `scale-out: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; PostgreSQL at ${new URL(PG_URL).host}, ${WORKERS} workers`,
  );
  if (PARTS.includes("ingest")) await ingestPart();
  if (PARTS.includes("latency")) await latencyPart();
  if (PARTS.includes("campaign")) await campaignPart();
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  process.exit(0);
} catch (err) {
  console.error(err);
  await cleanUp();
  process.exit(1);
}
