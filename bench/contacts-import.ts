/**
 * Contact imports at scale: a generated CSV of BENCH_ROWS rows (1,000,000 by default: phone, a
 * quoted name with a comma, email, two tags, consent on a third of the rows, two attributes)
 * streamed to `POST /v1/contacts/imports` of a real `wharf serve` in its own process (SQLite, or
 * PostgreSQL with BENCH_DIALECT=postgres in a fresh schema of BENCH_DATABASE_URL's database). The
 * body is generated as the server reads it, so the time at which row k is handed over tracks the
 * import's progress (one batch of 500 and the socket buffers ahead).
 *
 * At every 100,000 rows it prints the wall time and the server's CPU time (all its threads, from
 * /proc) for those 100k, the server's RSS and peak RSS (VmHWM, reset just before the upload), and
 * the machine's load average. Flat time per 100k = linear; flat peak = constant memory. On a
 * shared machine the wall time follows the load; the server's CPU time per 100k does much less so.
 * Run: `npx tsx bench/contacts-import.ts` (BENCH_ROWS=1000000, BENCH_DIALECT=sqlite|postgres,
 * BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../test/support/processes.js";
import { exitOnSignal, killChildren, processCpuMs, startChild, tempDir } from "./support/children.js";
import { PG_URL, pgAdmin } from "./support/postgres.js";
import { resetPeak, statusMb } from "./support/proc-memory.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DIALECT = process.env.BENCH_DIALECT === "postgres" ? "postgres" : "sqlite";
const STEP = 100_000;

const mb = (x: number) => `${x.toFixed(0)} MB`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

let schema: string | null = null;
const dropSchema = async () => {
  if (schema === null) return;
  const s = schema;
  schema = null;
  await pgAdmin(`drop schema "${s}" cascade`).catch((err) =>
    console.error(`bench: could not drop schema ${s}: ${(err as Error).message}`),
  );
};
exitOnSignal(async () => {
  await killChildren();
  await dropSchema();
});

const dataDir = tempDir("wharf-contacts-bench-");
const env: Record<string, string> = {
  WHARF_DATA_DIR: dataDir,
  WHARF_LOG_LEVEL: "warn",
  WHARF_WORKER_PORT: "0",
  WHARF_SHUTDOWN_DRAIN_MS: "0",
};
if (DIALECT === "postgres") {
  schema = `bench_contacts_${randomBytes(5).toString("hex")}`;
  await pgAdmin(`create schema "${schema}"`);
  const u = new URL(PG_URL);
  u.searchParams.set("options", `-c search_path=${schema}`);
  env.DATABASE_URL = u.toString();
}
const port = await freePort();
const serve = startChild("wharf serve", ["serve"], { ...env, PORT: String(port) });
try {
  await serve.waitFor(/Dashboard:/, 180_000);
  const pid = serve.pid;
  const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as { demo: { apiKey: string } };
  console.log(`${ROWS.toLocaleString("en")} rows to wharf serve on ${DIALECT}; load average ${load()}`);
  const start = statusMb(pid, "VmRSS");
  const reset = resetPeak(pid);
  const marks: Array<{ rows: number; at: number; cpu: number; rss: number; peak: number }> = [];
  const enc = new TextEncoder();
  let i = 0;
  let header = true;
  const t0 = performance.now();
  const cpu0 = processCpuMs(pid);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= ROWS) return controller.close();
      let chunk = header ? "phone,name,email,tags,consent,plan,orders\n" : "";
      header = false;
      for (let k = 0; k < 1000 && i < ROWS; k++, i++)
        chunk += `+1${String(2_000_000_000 + i)},"Lima, Ana ${i}",a${i}@bench.test,"vip;list ${i % 7}",${i % 3 === 0 ? "yes" : ""},${i % 2 ? "gold" : "silver"},${i % 1000}\n`;
      controller.enqueue(enc.encode(chunk));
      if (i % STEP === 0) {
        const m = {
          rows: i,
          at: performance.now(),
          cpu: processCpuMs(pid),
          rss: statusMb(pid, "VmRSS"),
          peak: statusMb(pid, "VmHWM"),
        };
        const prev = marks[marks.length - 1] ?? { at: t0, cpu: cpu0 };
        marks.push(m);
        // Printed as it happens: a 1M-row run on a loaded machine takes long enough to be stopped.
        console.log(
          `${m.rows.toLocaleString("en").padStart(9)} rows handed over: +${((m.at - prev.at) / 1000).toFixed(1)} s wall, ` +
            `+${((m.cpu - prev.cpu) / 1000).toFixed(1)} s server CPU for these 100k; RSS ${mb(m.rss)}, peak ${mb(m.peak)}; load ${load()}`,
        );
      }
    },
  });
  const res = await fetch(`http://127.0.0.1:${port}/v1/contacts/imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${seed.demo.apiKey}`, "content-type": "text/csv" },
    body,
    duplex: "half",
  });
  const out = (await res.json()) as { status: string; counts: Record<string, number> };
  const seconds = (performance.now() - t0) / 1000;
  const end = { rss: statusMb(pid, "VmRSS"), peak: statusMb(pid, "VmHWM"), cpu: processCpuMs(pid) };
  console.log(
    `imported ${ROWS.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (server CPU ${((end.cpu - cpu0) / 1000).toFixed(1)} s): ${JSON.stringify(out.counts)} (${out.status})`,
  );
  console.log(
    `server RSS before the upload ${mb(start)}${reset ? "" : " (peak reset refused: peaks include startup)"}`,
  );
  const per = (k: "at" | "cpu") =>
    marks.map((m, n) => (m[k] - (n === 0 ? (k === "at" ? t0 : cpu0) : marks[n - 1]![k])) / 1000);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  if (marks.length >= 2) {
    const wall = per("at");
    const cpu = per("cpu");
    console.log(
      `per 100k: wall median ${median(wall).toFixed(1)} s (first ${wall[0]!.toFixed(1)}, last ${wall[wall.length - 1]!.toFixed(1)}); ` +
        `server CPU median ${median(cpu).toFixed(1)} s (first ${cpu[0]!.toFixed(1)}, last ${cpu[cpu.length - 1]!.toFixed(1)})`,
    );
  }
  const first = marks[0];
  if (first)
    console.log(
      `peak RSS at 100k ${mb(first.peak)}, at the end ${mb(end.peak)} (${(end.peak / first.peak).toFixed(2)}x); RSS at the end ${mb(end.rss)}; load average ${load()}`,
    );
} finally {
  await serve.stop();
  await dropSchema();
}
