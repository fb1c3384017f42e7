/**
 * Automations at rest: 100,000 journeys waiting on timers cost rows, not memory or CPU. A real
 * `wharf serve` (with the emulator) and a separate `wharf worker` on one SQLite file; the journeys
 * (an automation of [wait, send a template]) are written as the runtime writes them: a journey row
 * at its send step and that step's job row with its due time.
 * Two phases in the same run: a baseline with no journeys waiting, then 100,000 waiting a day. In
 * each, DUE journeys come due over DUE_SPREAD_S seconds; the bench prints the step latency after
 * the due time (p50, p99: the step run's start minus the job's due time), the worker's RSS
 * (/proc VmRSS, after the phase) and its CPU per step (/proc utime+stime over the phase / steps),
 * with the ratio of the 100k phase to the baseline.
 * Run: `npx tsx bench/automations.ts` (BENCH_WAITING=100000, BENCH_DUE=1000, BENCH_DUE_SPREAD_S=10).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { apiClient, eventually } from "../test/support/api-client.js";
import { connectAndActivate } from "../test/support/connect.js";
import { freePort, spawnWharf, type WharfProcess } from "../test/support/processes.js";
import { openDatabase } from "../src/platform/db/index.js";
import { systemClock } from "../src/platform/clock.js";
import { createJobs } from "../src/platform/jobs/index.js";
import { asWorkspaceId } from "../src/platform/workspace-id.js";
import { automationDefinition } from "../src/modules/automations/index.js";
import { insertAutomation } from "../src/modules/automations/automations.repo.js";
import { insertJourney } from "../src/modules/journeys/journeys.repo.js";
import { scheduleStep } from "../src/modules/journeys/runtime.js";
import { f1, processCpuMs } from "./support/children.js";

const WAITING = Number(process.env.BENCH_WAITING ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const SPREAD_S = Number(process.env.BENCH_DUE_SPREAD_S ?? 10);

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-bench-automations-"));
  const procs: WharfProcess[] = [];
  process.on("exit", () => {
    for (const p of procs) p.proc.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const port = await freePort();
  const env = { PORT: String(port), WHARF_DATA_DIR: dataDir, WHARF_JOBS_POLL_MS: "250" };
  const serve = spawnWharf("serve", env);
  procs.push(serve);
  await serve.waitFor(/Dashboard:\s+(\S+)/, 240_000);
  const url = `http://localhost:${port}`;
  const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as {
    demo: { apiKey: string; workspaceId: string };
  };
  const api = apiClient(url, seed.demo.apiKey);
  const worker = spawnWharf("worker", env);
  procs.push(worker);
  await worker.waitFor(/is running/, 240_000);
  const pid = worker.proc.pid!;
  const numbers = await connectAndActivate(url, seed.demo.apiKey);
  for (const n of [numbers.verified, numbers.unverified])
    await api.emulator("PATCH", `/phone-numbers/${n.metaPhoneNumberId}`, { throughputMps: 1000 });
  const businessId = (await api.emulator("GET", "/state")).businesses[0].id as string;
  await api.emulator("PATCH", `/businesses/${businessId}`, { messagingLimit: "TIER_UNLIMITED" });
  await api.call("POST", "/v1/phone-numbers/sync");
  const tpl = await api.call("POST", "/v1/templates", {
    name: "bench_note",
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Hello {{1}}.", example: { body_text: [["x"]] } }],
  });
  const metaTpl = (await api.emulator("GET", "/state")).templates.find(
    (t: { name: string }) => t.name === "bench_note",
  );
  await api.emulator("POST", `/templates/${metaTpl.id}/review`, { status: "APPROVED" });
  await eventually(
    async () => (await api.call("GET", `/v1/templates/${tpl.body.id}`)).body.status === "APPROVED",
    30_000,
    "approved",
  );

  const database = openDatabase({ url: null, dataDir });
  const db = database.db;
  const ws = asWorkspaceId(seed.demo.workspaceId);
  const jobs = createJobs({ db, dialect: database.dialect, clock: systemClock }).queue;
  const definition = automationDefinition.parse({
    trigger: { kind: "api" },
    steps: [
      { id: "wait", kind: "wait", seconds: 86_400 },
      {
        id: "note",
        kind: "send_template",
        template: { name: "bench_note", language: "en_US", body: [{ path: "contact.waId" }] },
      },
    ],
  });
  const now0 = Date.now();
  await db.transaction().execute((trx) =>
    insertAutomation(
      trx,
      ws,
      {
        id: "aut_bench",
        name: "bench",
        description: null,
        status: "enabled",
        version: 1,
        trigger_kind: "api",
        trigger_match: null,
        recipe: null,
        enabled_at: now0,
        created_at: now0,
        updated_at: now0,
      },
      definition,
    ),
  );
  const pn = numbers.verified.id;
  /** Journeys at their send step (index 1), due at `dueAt(i)`: the rows the runtime leaves after a wait. */
  const seedJourneys = async (prefix: string, n: number, dueAt: (i: number) => number) => {
    for (let start = 0; start < n; start += 1000) {
      await db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(n, start + 1000); i++) {
          const id = `jrn_${prefix}${String(i).padStart(8, "0")}`;
          const now = Date.now();
          await insertJourney(trx, ws, {
            id,
            automation_id: "aut_bench",
            version: 1,
            contact_id: null,
            wa_id: `${prefix}${String(i).padStart(7, "0")}`,
            trigger_key: `api:${id}`,
            entry_key: `api:${id}`,
            trigger_event_id: `api:${id}`,
            phone_number_id: pn,
            status: "active",
            exit_reason: null,
            cursor: 1,
            step_index: 1,
            due_at: dueAt(i),
            waiting_for: null,
            waiting_message_id: null,
            conversation_id: null,
            context: "{}",
            entered_at: now,
            updated_at: now,
            ended_at: null,
          });
          await scheduleStep(trx, { jobs }, ws, id, 1, dueAt(i));
        }
      });
    }
  };
  const phase = async (name: string, prefix: string) => {
    const start = Date.now() + 5_000;
    const dueAt = (i: number) => start + Math.floor((i * SPREAD_S * 1000) / DUE);
    await seedJourneys(prefix, DUE, dueAt);
    const cpu0 = processCpuMs(pid);
    const ran = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from journey_steps where step_id = 'note' and journey_id like ${`jrn_${prefix}%`}`.execute(
            db,
          )
        ).rows[0]!.n,
      );
    await eventually(async () => (await ran()) === DUE, 600_000, `${name}: every due step ran`);
    const cpu = processCpuMs(pid) - cpu0;
    const rows = (
      await sql<{
        journey_id: string;
        at: number;
      }>`select journey_id, at from journey_steps where step_id = 'note' and journey_id like ${`jrn_${prefix}%`}`.execute(
        db,
      )
    ).rows;
    const lat = rows.map((r) => Number(r.at) - dueAt(Number(r.journey_id.slice(4 + prefix.length))));
    return { name, p50: pct(lat, 50), p99: pct(lat, 99), rss: rssMb(pid), cpuPerStep: cpu / DUE };
  };

  const base = await phase("baseline (0 waiting)", "1700");
  const t0 = Date.now();
  const waitDue = Date.now() + 86_400_000;
  await seedJourneys("1800", WAITING, () => waitDue);
  const seedS = (Date.now() - t0) / 1000;
  // A moment for the worker to see the 100k (its polls find nothing due among them).
  await new Promise((r) => setTimeout(r, 5_000));
  const loaded = await phase(`${WAITING} waiting`, "1900");
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "n/a");
  console.log(
    `automations bench: ${DUE} steps due over ${SPREAD_S} s per phase; ${WAITING} waiting journeys written in ${f1(seedS)} s`,
  );
  console.log("phase                      | p50 ms | p99 ms | worker RSS MB | CPU ms/step");
  for (const r of [base, loaded])
    console.log(
      `${r.name.padEnd(26)} | ${f1(r.p50).padStart(6)} | ${f1(r.p99).padStart(6)} | ${f1(r.rss).padStart(13)} | ${f1(r.cpuPerStep).padStart(11)}`,
    );
  console.log(
    `ratio (${WAITING} waiting / baseline): p50 ${ratio(loaded.p50, base.p50)}, p99 ${ratio(loaded.p99, base.p99)}, RSS ${ratio(loaded.rss, base.rss)}, CPU/step ${ratio(loaded.cpuPerStep, base.cpuPerStep)}`,
  );
  await database.close();
  process.exit(0);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
