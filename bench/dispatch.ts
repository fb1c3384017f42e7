/**
 * Outbound dispatch in the production topology, where Meta is another process as
 * graph.facebook.com is. Three processes on 127.0.0.1: `wharf emulator` (Meta), `wharf start` in
 * production mode (SQLite, durable as shipped, a fresh data dir; Graph and the login
 * dialog pointed at the emulator, whose webhooks go to Wharf's /webhooks/meta), and this process,
 * which is only the load client. Setup is what an operator and a workspace owner do: create a
 * workspace with the admin token, connect through Meta's dialog, activate both numbers with their
 * PINs, create a UTILITY template and have the emulator approve it.
 *
 * For each Meta latency (a latency-only fault on POST /v23.0/{phone}/messages, so the raw loop
 * and Wharf wait the same per request; 0 is none), with fresh processes per run and latency:
 *  - raw: an undici loop posting the same Meta payloads straight to the emulator with the
 *    workspace's Meta token, BENCH_CONCURRENCY requests in flight, the emulator's webhooks off
 *    meanwhile (a client without Wharf has no Wharf receiving its statuses): the baseline;
 *  - pipeline: BENCH_MESSAGES `POST /v1/messages` from as many concurrent clients, to one number
 *    whose limit is not the bottleneck (100,000/s at the emulator and in Wharf's stored row);
 *  - HIGH: another pair of processes, one number at Meta's 1,000/s, enforced by the emulator
 *    (130429 over it). Besides the total rate, the steady rate: accepts per second after the
 *    first second, since a fresh one-second window lets a first burst through.
 * Rates run from the first request to the emulator's `acceptedAt` of the last message. CPU per
 * message (utime+stime from /proc) of Wharf (and of its main thread alone), of the emulator and
 * of this load client, over the measurement and until both servers are idle again, because status
 * webhooks and their processing trail the sends; and how many cores other processes kept busy
 * meanwhile, since three processes on a small machine feel anything else running.
 * Wharf's CPU per message is also printed in units of a bare HTTP exchange's CPU (a node:http
 * server that only parses the body, and the same undici client), measured in the same run: a
 * yardstick of the host that does not grow with the emulator's fidelity, as the raw loop's did.
 * Each pair first sends BENCH_WARMUP messages through Wharf, unmeasured: servers run warm, and
 * a cold JIT cost the emulator nearly twice the CPU per message. Medians over BENCH_RUNS runs.
 * Linux only (/proc).
 * Run: `npx tsx bench/dispatch.ts` (BENCH_MESSAGES=3000, BENCH_RUNS=3, BENCH_CONCURRENCY=64,
 * BENCH_META_LATENCY_MS=0,50, BENCH_WARMUP=2000, BENCH_TIMEOUT_MS=1800000 for the whole bench).
 * Profiling the Wharf process (docs/ARCHITECTURE.md, "Where the CPU of a message goes"):
 * BENCH_CPU_PROF=<dir> runs it under `node --cpu-prof` (summarise with bench/cpu-profile.ts and the
 * printed window), BENCH_PERF=<dir> samples it with `perf record` during each measured send, and
 * BENCH_NODE_ARGS adds node flags (e.g. `--log-deopt --logfile=...`).
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { Agent, request } from "undici";
import { startConnectedPair } from "./support/pair.js";
import {
  type Child,
  deadline,
  exitOnSignal,
  f0,
  json,
  machineBusyMs,
  median,
  ownCpuMs,
  processCpuMs,
  submitApprovedTemplate,
  until,
} from "./support/children.js";

const N = Number(process.env.BENCH_MESSAGES ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const LATENCIES = (process.env.BENCH_META_LATENCY_MS ?? "0,50").split(",").map((s) => Number(s.trim()));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30 * 60_000);
// A folder: each Wharf process runs under `node --cpu-prof` and writes its profile there on exit;
// the bench prints each measurement's window on the profile's clock for bench/cpu-profile.ts.
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
// A folder: Wharf runs with --perf-basic-prof and `perf record` samples its on-CPU stacks (every
// thread, native code included) during each pipeline and HIGH measurement, into perf-<pid>-<prefix>.data.
const PERF_DIR = process.env.BENCH_PERF ? path.resolve(process.env.BENCH_PERF) : null;
const WHARF_NODE_ARGS = [
  ...(CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF_DIR}`] : []),
  ...(PERF_DIR ? ["--perf-basic-prof"] : []),
  ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
];
// `wharf emulator` keeps at most 100,000 messages and one pair of processes stores 2N + BENCH_WARMUP.
if (!Number.isInteger(N) || N < 1 || N > 40_000) throw new Error("BENCH_MESSAGES must be 1..40000");
if (!Number.isInteger(WARMUP) || WARMUP < 0 || WARMUP > 5_000) throw new Error("BENCH_WARMUP must be 0..5000");
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error("BENCH_RUNS must be 1..20");
if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || CONCURRENCY > 1024)
  throw new Error("BENCH_CONCURRENCY must be 1..1024");
if (LATENCIES.some((l) => !Number.isInteger(l) || l < 0 || l > 10_000))
  throw new Error("BENCH_META_LATENCY_MS must be integers 0..10000");

const SEND_PATH = "/v23.0/*/messages";
// A minute plus 40 ms a message: 25 msg/s is a tenth of the slowest rate Wharf has shown here.
const DELIVERY_TIMEOUT_MS = 60_000 + N * 40;

exitOnSignal();
deadline(TIMEOUT_MS);

// ---- HTTP ----
/** Posts every body with `CONCURRENCY` requests in flight; any other status than `expected` stops the bench. */
async function post(url: string, token: string, bodies: string[], expected: number): Promise<void> {
  const agent = new Agent({ connections: CONCURRENCY, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let next = 0;
  // Set from the workers; a holder object, since TypeScript would narrow a plain `let` to its initial null.
  const failed: { error: Error | null } = { error: null };
  try {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length && !failed.error) {
          const res = await request(url, { method: "POST", dispatcher: agent, headers, body: bodies[next++]! });
          const text = await res.body.text();
          if (res.statusCode !== expected)
            failed.error ??= new Error(`POST ${url} answered ${res.statusCode}: ${text.slice(0, 500)}`);
        }
      }),
    );
  } finally {
    await agent.close();
  }
  if (failed.error) throw failed.error;
}

/** The i-th distinct recipient of a measurement: the pair rate (one message per 6 s per user) never binds. */
const recipient = (prefix: string, i: number) => `+${prefix}${String(i).padStart(7, "0")}`;

/** The template sends the raw loop posts to Meta, one per recipient. */
function metaBodies(n: number, prefix: string): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: recipient(prefix, i),
      type: "template",
      template: {
        name: "bench",
        language: { code: "en_US" },
        components: [{ type: "body", parameters: [{ type: "text", text: String(i) }] }],
      },
    }),
  );
}

// ---- the host's yardstick ----
// A server that only parses the JSON it is sent and answers what Meta answers a send.
const BARE_SERVER = `
const http = require("node:http");
const answer = JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: "x", wa_id: "x" }], messages: [{ id: "wamid.x" }] });
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString("utf8"));
    res.writeHead(200, { "content-type": "application/json" }).end(answer);
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

/**
 * CPU per request (server and client together, µs; the median of five rounds) of a bare HTTP
 * exchange: the raw loop's bodies, concurrency and undici client, posted to a node:http server in
 * its own process that parses each body and answers as Meta does, with no other work. It is the
 * host's yardstick: the raw loop's cost is not, since the emulator's own work per message grew
 * with its fidelity (it was ~2x by 2026-12-05, measured against the code of when the 0.4 ms
 * target was set, on the same host).
 */
async function bareExchangeUs(n: number): Promise<number> {
  const server = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
      server.once("exit", (code) => reject(new Error(`the bare HTTP server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/`;
    // Warm, as the pairs are.
    await post(url, "bench", metaBodies(2000, "1555"), 200);
    // A burst of a second or two is at the mercy of a neighbour's: the median of five, each at
    // least 5,000 requests (CPU is read from /proc in clock ticks, 10 ms).
    const bodies = metaBodies(Math.max(n, 5000), "1555");
    const rounds: number[] = [];
    for (let i = 0; i < 5; i++) {
      const server0 = processCpuMs(server.pid!);
      const client0 = ownCpuMs();
      await post(url, "bench", bodies, 200);
      rounds.push(((processCpuMs(server.pid!) - server0 + ownCpuMs() - client0) * 1000) / bodies.length);
    }
    return median(rounds);
  } finally {
    server.kill();
  }
}

// ---- one emulator + one Wharf, set up as an operator and a workspace owner would ----
interface Pair {
  emulator: Child;
  wharf: Child;
  emu: string;
  url: string;
  apiKey: string;
  phone: { id: string; metaId: string };
  metaToken: string;
  notes: string[];
  alive: () => void;
  close(): Promise<void>;
}

async function startPair(mps: number, latencyMs: number): Promise<Pair> {
  const { emulator, wharf, emu, url, apiKey, dataDir, alive, close } = await startConnectedPair({
    dataDirPrefix: "wharf-dispatch-",
    // Writing a --cpu-prof profile at exit takes a few seconds of its own.
    wharf: { nodeArgs: WHARF_NODE_ARGS, stopGraceMs: CPU_PROF_DIR ? 30_000 : 5_000 },
  });
  const notes: string[] = [];

  const seeded = (await json("GET", `${emu}/_emulator/state`)).wabas[0].phoneNumbers as Array<{
    id: string;
    pin: string;
  }>;
  const numbers = (await json("GET", `${url}/v1/phone-numbers`, { token: apiKey })).data as Array<{
    id: string;
    metaPhoneNumberId: string;
  }>;
  for (const n of numbers)
    await json("POST", `${url}/v1/phone-numbers/${n.id}/activate`, {
      token: apiKey,
      body: { pin: seeded.find((s) => s.id === n.metaPhoneNumberId)!.pin },
    });
  // The emulator seeds the number "Jasper's Market" first (docs/emulator.md).
  const mine = numbers.find((n) => n.metaPhoneNumberId === seeded[0]!.id)!;
  const phone = { id: mine.id, metaId: mine.metaPhoneNumberId };

  await json("PATCH", `${emu}/_emulator/phone-numbers/${phone.metaId}`, { body: { throughputMps: mps } });
  // The messaging limit is the business portfolio's (Meta, since 2025-10-07), shared by its numbers.
  const businessId = (await json("GET", `${emu}/_emulator/state`)).businesses[0].id as string;
  await json("PATCH", `${emu}/_emulator/businesses/${businessId}`, { body: { messagingLimit: "TIER_100K" } });
  await json("POST", `${url}/v1/phone-numbers/sync`, { token: apiKey });
  // Meta reports only a level (HIGH = 1,000/s), so a limit above it exists only in Wharf's row.
  if (mps > 1000) {
    const db = new Database(path.join(dataDir, "wharf.db"));
    try {
      db.pragma("busy_timeout = 5000");
      db.prepare("update phone_numbers set throughput_mps = ? where id = ?").run(mps, phone.id);
    } finally {
      db.close();
    }
    // The dispatcher caches a number's sender for a second.
    await sleep(1_100);
  }
  const stored = (
    (await json("GET", `${url}/v1/phone-numbers`, { token: apiKey })).data as Array<{ id: string; throughput: number }>
  ).find((n) => n.id === phone.id)!;
  if (stored.throughput !== mps)
    throw new Error(`Wharf's throughput for the number is ${stored.throughput}, not ${mps}`);

  const template = await submitApprovedTemplate(url, emu, apiKey);
  const approved = async () =>
    (await json("GET", `${url}/v1/templates/${template.id}`, { token: apiKey })).status === "APPROVED";
  try {
    await until(approved, 5_000, "template approved by webhook", alive);
  } catch {
    notes.push("the template's status webhook was not applied within 5 s; synced instead");
    await json("POST", `${url}/v1/templates/sync`, { token: apiKey });
    await until(approved, 5_000, "template approved after sync", alive);
  }

  const tokens = (await json("GET", `${emu}/_emulator/state`)).tokens as Array<{
    accessToken: string;
    revoked: boolean;
    scopes: string[];
  }>;
  const metaToken = tokens
    .filter((t) => !t.revoked && t.scopes.includes("whatsapp_business_messaging"))
    .at(-1)?.accessToken;
  if (!metaToken) throw new Error("no live messaging token in the emulator");
  if (latencyMs > 0)
    await json("POST", `${emu}/_emulator/faults`, { body: { method: "POST", path: SEND_PATH, latencyMs } });
  return { emulator, wharf, emu, url, apiKey, phone, metaToken, notes, alive, close };
}

// ---- measurements ----
interface Counts {
  messages: number;
  pendingStatuses: number;
  throughputRefusals: number;
}

async function counts(pair: Pair): Promise<Counts> {
  const c = (await json("GET", `${pair.emu}/_emulator/state`)).counts as {
    messages: number;
    pendingStatuses: number;
    refusals: Record<string, number>;
  };
  return { messages: c.messages, pendingStatuses: c.pendingStatuses, throughputRefusals: c.refusals["130429"] ?? 0 };
}

const cpu = (pair: Pair) => {
  const wharf = pair.wharf.cpuMs();
  const c = process.cpuUsage();
  return {
    wharf: wharf.total,
    wharfMain: wharf.main,
    emulator: pair.emulator.cpuMs().total,
    client: (c.user + c.system) / 1000,
    machine: machineBusyMs(),
    at: performance.now(),
  };
};

/**
 * Waits until the emulator has no status webhook pending and neither process used more than
 * 4% of a core for a second: the work a measurement caused, including what trails it, is done.
 * A profiled Wharf samples its stack every millisecond even when idle, so it is allowed 20% then.
 */
async function settle(pair: Pair): Promise<void> {
  let prev = cpu(pair);
  let quiet = 0;
  await until(
    async () => {
      const now = cpu(pair);
      const busy = now.wharf - prev.wharf + now.emulator - prev.emulator;
      prev = now;
      quiet = (await counts(pair)).pendingStatuses === 0 && busy <= (CPU_PROF_DIR ? 100 : 20) ? quiet + 1 : 0;
      return quiet >= 2;
    },
    60_000,
    "both processes idle",
    pair.alive,
    500,
  );
}

interface Measurement {
  rate: number;
  /** Accepts per second after the first second of accepts (NaN when they span less than 2 s). */
  steady: number;
  /** For Wharf: how fast `POST /v1/messages` answered 202, and how long after the last 202 the last accept came. */
  apiRate: number;
  lagMs: number;
  refusals: number;
  duplicates: number;
  /** Cores other processes kept busy during the measurement: the machine is shared. */
  otherCores: number;
  /** Over the measurement; `client` is this process, the load client. */
  cpuUs: { wharf: number; wharfMain: number; emulator: number; client: number };
  /** Until both processes are idle again. */
  cpuUsSettled: { wharf: number; emulator: number };
}

async function measure(
  pair: Pair,
  via: "raw" | "wharf",
  n = N,
  prefix = via === "raw" ? "1777" : "1888",
): Promise<Measurement> {
  const bodies =
    via === "raw"
      ? metaBodies(n, prefix)
      : Array.from({ length: n }, (_, i) =>
          JSON.stringify({
            from: pair.phone.id,
            to: recipient(prefix, i),
            type: "template",
            template: { name: "bench", language: "en_US", parameters: [String(i)] },
          }),
        );
  const before = await counts(pair);
  const cpu0 = cpu(pair);
  // V8's profile timestamps are CLOCK_MONOTONIC microseconds, as process.hrtime is.
  const profileFrom = process.hrtime.bigint() / 1000n;
  const perf =
    PERF_DIR && via === "wharf" && prefix !== "1666"
      ? spawn(
          "perf",
          [
            "record",
            "-F",
            "997",
            "-g",
            "-p",
            String(pair.wharf.pid),
            "-o",
            path.join(PERF_DIR, `perf-${pair.wharf.pid}-${prefix}.data`),
          ],
          { stdio: "ignore" },
        )
      : null;
  if (perf) await sleep(300);
  // The raw loop stands for a client without Wharf: its status webhooks landing in Wharf would
  // take CPU from the loop and leave 3N foreign events in the database Wharf is then measured on.
  if (via === "raw") await json("PUT", `${pair.emu}/_emulator/webhook-url`, { body: { url: null } });
  const wall0 = Date.now();
  if (via === "raw") await post(`${pair.emu}/v23.0/${pair.phone.metaId}/messages`, pair.metaToken, bodies, 200);
  else await post(`${pair.url}/v1/messages`, pair.apiKey, bodies, 202);
  const answered = Date.now();
  await until(
    async () => (await counts(pair)).messages - before.messages >= n,
    DELIVERY_TIMEOUT_MS,
    `emulator accepted ${n} messages via ${via}`,
    pair.alive,
  );
  const cpu1 = cpu(pair);
  const after = await counts(pair);
  await settle(pair);
  const cpu2 = cpu(pair);
  if (perf) {
    const done = new Promise((r) => perf.once("exit", r));
    perf.kill("SIGINT");
    await done;
  }
  if (CPU_PROF_DIR && via === "wharf")
    console.log(
      `  profile window: pid ${pair.wharf.pid} from ${profileFrom} to ${process.hrtime.bigint() / 1000n} (${n} messages, ${prefix})`,
    );
  if (via === "raw")
    await json("PUT", `${pair.emu}/_emulator/webhook-url`, { body: { url: `${pair.url}/webhooks/meta` } });

  const stored = (await json("GET", `${pair.emu}/_emulator/messages?phoneNumberId=${pair.phone.metaId}`))
    .data as Array<{ waId: string; acceptedAt: number }>;
  const mine = stored.filter((m) => m.waId.startsWith(prefix));
  const unique = new Set(mine.map((m) => m.waId)).size;
  // The count waited for includes duplicates; once both processes are idle, every recipient must be there.
  if (unique < n) throw new Error(`the emulator holds ${unique} of the ${n} recipients sent via ${via}`);
  const times = mine.map((m) => m.acceptedAt).sort((a, b) => a - b);
  const last = times.at(-1)!;
  const afterFirstSecond = times.filter((t) => t > times[0]! + 1000);
  const span = last - (times[0]! + 1000);
  const perMessage = (a: number, b: number) => ((b - a) * 1000) / n;
  return {
    rate: n / ((last - wall0) / 1000),
    steady: span >= 1000 ? afterFirstSecond.length / (span / 1000) : Number.NaN,
    apiRate: n / ((answered - wall0) / 1000),
    lagMs: last - answered,
    refusals: after.throughputRefusals - before.throughputRefusals,
    duplicates: mine.length - unique,
    otherCores:
      Math.max(
        0,
        cpu1.machine -
          cpu0.machine -
          (cpu1.wharf - cpu0.wharf) -
          (cpu1.emulator - cpu0.emulator) -
          (cpu1.client - cpu0.client),
      ) /
      (cpu1.at - cpu0.at),
    cpuUs: {
      wharf: perMessage(cpu0.wharf, cpu1.wharf),
      wharfMain: perMessage(cpu0.wharfMain, cpu1.wharfMain),
      emulator: perMessage(cpu0.emulator, cpu1.emulator),
      client: perMessage(cpu0.client, cpu1.client),
    },
    cpuUsSettled: { wharf: perMessage(cpu0.wharf, cpu2.wharf), emulator: perMessage(cpu0.emulator, cpu2.emulator) },
  };
}

// ---- runs ----
const cpuText = (m: Measurement) =>
  `            CPU µs/msg: Wharf ${f0(m.cpuUs.wharf)} (main thread ${f0(m.cpuUs.wharfMain)}; ${f0(m.cpuUsSettled.wharf)} until idle), emulator ${f0(m.cpuUs.emulator)} (${f0(m.cpuUsSettled.emulator)}), load client ${f0(m.cpuUs.client)}; other processes ${m.otherCores.toFixed(2)} cores`;

interface Run {
  /** CPU of a bare HTTP exchange this run, µs a request (bareExchangeUs). */
  bare: number;
  raw: Measurement;
  wharf: Measurement;
  high: Measurement;
}
const results = new Map<number, Run[]>(LATENCIES.map((l) => [l, []]));

async function withPair<T>(mps: number, latencyMs: number, fn: (pair: Pair) => Promise<T>): Promise<T> {
  const pair = await startPair(mps, latencyMs);
  try {
    for (const note of pair.notes) console.log(`  note: ${note}`);
    await settle(pair);
    // Servers run for days: a first batch through Wharf warms both processes' JIT, so neither the
    // raw loop (which would otherwise meet a cold emulator) nor Wharf is measured at start-up.
    if (WARMUP > 0) await measure(pair, "wharf", WARMUP, "1666");
    return await fn(pair);
  } finally {
    await pair.close();
  }
}

try {
  // The three processes share the machine's cores: anything else running changes every figure.
  console.log(
    `dispatch: ${N} messages per measurement after ${WARMUP} to warm up, concurrency ${CONCURRENCY}, ${RUNS} run(s), Meta latency ${LATENCIES.join(", ")} ms; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  for (let run = 1; run <= RUNS; run++) {
    const bare = await bareExchangeUs(N);
    console.log(`run ${run}: a bare HTTP exchange costs ${f0(bare)} µs of CPU (server and client)`);
    for (const latency of LATENCIES) {
      const [raw, wharf] = await withPair(
        100_000,
        latency,
        async (pair) => [await measure(pair, "raw"), await measure(pair, "wharf")] as const,
      );
      const high = await withPair(1000, latency, (pair) => measure(pair, "wharf"));
      results.get(latency)!.push({ bare, raw, wharf, high });
      const extra = (m: Measurement) =>
        [m.refusals ? `${m.refusals} x 130429` : "", m.duplicates ? `${m.duplicates} duplicates` : ""]
          .filter(Boolean)
          .join(", ");
      console.log(`run ${run}, Meta latency ${latency} ms:`);
      console.log(`  raw       ${f0(raw.rate)} msg/s${extra(raw) ? `; ${extra(raw)}` : ""}\n${cpuText(raw)}`);
      console.log(
        `  pipeline  ${f0(wharf.rate)} msg/s = ${(wharf.rate / raw.rate).toFixed(2)}x raw; 202s at ${f0(wharf.apiRate)}/s, last accept ${f0(wharf.lagMs)} ms after the last 202${extra(wharf) ? `; ${extra(wharf)}` : ""}\n${cpuText(wharf)}`,
      );
      console.log(
        `  HIGH      ${f0(high.rate)} msg/s, steady ${f0(high.steady)} msg/s; 202s at ${f0(high.apiRate)}/s, ${high.refusals} x 130429${high.duplicates ? `, ${high.duplicates} duplicates` : ""}\n${cpuText(high)}`,
      );
    }
  }

  const m = (runs: Run[], pick: (r: Run) => number) => median(runs.map(pick));
  console.log(
    `\ndispatch, ${N} messages x ${RUNS} run(s), concurrency ${CONCURRENCY}, medians; emulator and Wharf each in their own process:`,
  );
  console.log(
    "| Meta latency | raw msg/s | Wharf msg/s | Wharf/raw | HIGH total msg/s | HIGH steady msg/s | HIGH 130429 |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [latency, runs] of results) {
    const raw = m(runs, (r) => r.raw.rate);
    const wharf = m(runs, (r) => r.wharf.rate);
    console.log(
      `| ${latency} ms | ${f0(raw)} | ${f0(wharf)} | ${(wharf / raw).toFixed(2)}x | ${f0(m(runs, (r) => r.high.rate))} | ${f0(m(runs, (r) => r.high.steady))} | ${f0(m(runs, (r) => r.high.refusals))} |`,
    );
  }
  console.log("\nCPU per message, µs (medians; during the measurement / until both processes are idle):");
  console.log(
    "| Meta latency | measurement | Wharf | Wharf main thread | emulator | load client | other processes (cores) |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [latency, runs] of results) {
    for (const key of ["raw", "wharf", "high"] as const) {
      const c = (pick: (x: Measurement) => number) => f0(m(runs, (r) => pick(r[key])));
      const label = { raw: "raw loop", wharf: "pipeline", high: "HIGH number" }[key];
      console.log(
        `| ${latency} ms | ${label} | ${c((x) => x.cpuUs.wharf)} / ${c((x) => x.cpuUsSettled.wharf)} | ${c((x) => x.cpuUs.wharfMain)} | ${c((x) => x.cpuUs.emulator)} / ${c((x) => x.cpuUsSettled.emulator)} | ${c((x) => x.cpuUs.client)} | ${m(runs, (r) => r[key].otherCores).toFixed(2)} |`,
      );
    }
  }
  // Issue 12's target: Wharf's own CPU per message, until the trailing status webhooks are processed.
  for (const [latency, runs] of results) {
    const ms = (key: "wharf" | "high") => m(runs, (r) => r[key].cpuUsSettled.wharf) / 1000;
    console.log(
      `Wharf CPU/msg at Meta latency ${latency} ms: ${ms("wharf").toFixed(2)} ms pipeline, ${ms("high").toFixed(2)} ms one number at 1,000/s (target <= 0.40)`,
    );
  }
  // The same figure in units of this host, a bare HTTP exchange's CPU (bareExchangeUs). On one
  // host, 2026-12-05, interleaved with this code, the code of when the target was set (0ecff9d,
  // its own bench) read 0.83-0.88 ms (pipeline) and 0.90-1.02 ms (one number), ~9 and ~10 units of
  // 84-100 µs; the issue had measured 0.85 ms, so that host was like the one the target was set on,
  // where 0.4 ms is ~4.5 units.
  for (const [latency, runs] of results) {
    const unit = m(runs, (r) => r.bare) / 1000;
    const of = (key: "wharf" | "high") => m(runs, (r) => r[key].cpuUsSettled.wharf) / 1000 / unit;
    console.log(
      `  at ${latency} ms, in bare-exchange units (${(unit * 1000).toFixed(0)} µs of CPU a request on this host): ${of("wharf").toFixed(1)} pipeline, ${of("high").toFixed(1)} one number (the code of when the target was set: ~9 and ~10; the target: ~4.5)`,
    );
  }
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
