/**
 * Campaign audiences at scale: 10k / 100k / 1M recipients streamed as NDJSON to
 * `POST /v1/campaigns/{id}/recipients` of a real `wharf serve` process (SQLite, durable as shipped).
 * Prints the time to accept each audience, the time per 1,000 recipients (flat = linear growth),
 * and the server's peak RSS (VmHWM; flat = constant memory), with the RSS the server had just
 * before the upload and how far the upload took it above that. Each run is a fresh server.
 * Run: `npx tsx bench/campaign-scale.ts` (BENCH_SIZES=10000,100000,1000000, BENCH_RUNS=1: the
 * figures are medians over the runs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiClient, eventually } from "../test/support/api-client.js";
import { connectAndActivate } from "../test/support/connect.js";
import { freePort, spawnWharf } from "../test/support/processes.js";
import { resetPeak, statusMb } from "./support/proc-memory.js";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);

function ndjson(n: number): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= n) return controller.close();
      let chunk = "";
      for (let k = 0; k < 1000 && i < n; k++, i++)
        chunk += `{"to":"+1${String(2000000000 + i)}","parameters":["${i}"]}\n`;
      controller.enqueue(enc.encode(chunk));
    },
  });
}

interface Run {
  seconds: number;
  /** VmHWM over the server's life, startup included: the README's "server peak RSS". */
  peak: number;
  /** VmRSS just before the upload. */
  start: number;
  /** The upload's own peak over `start` (from the reset high-water mark; the lifetime one if the reset is refused). */
  growth: number;
  stored: boolean;
}

async function run(n: number): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-scale-"));
  const port = await freePort();
  const serve = spawnWharf("serve", { PORT: String(port), WHARF_DATA_DIR: dataDir });
  try {
    await serve.waitFor(/Dashboard:/);
    const pid = serve.proc.pid!;
    const url = `http://localhost:${port}`;
    const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as {
      demo: { apiKey: string };
    };
    const api = apiClient(url, seed.demo.apiKey);
    const numbers = await connectAndActivate(url, seed.demo.apiKey);
    const t = await api.call("POST", "/v1/templates", {
      name: "scale",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hello {{1}}, welcome.", example: { body_text: [["x"]] } }],
    });
    await api.emulator("POST", `/templates/${t.body.metaTemplateId}/review`, { status: "APPROVED" });
    await eventually(
      async () =>
        (await api.call("POST", "/v1/templates/sync")).status === 200 &&
        (await api.call("GET", `/v1/templates/${t.body.id}`)).body.status === "APPROVED",
      15_000,
    );
    const campaign = await api.call("POST", "/v1/campaigns", {
      name: `scale ${n}`,
      from: numbers.verified.id,
      template: { name: "scale", language: "en_US" },
      draft: true,
    });
    const startupPeak = statusMb(pid, "VmHWM");
    const start = statusMb(pid, "VmRSS");
    const reset = resetPeak(pid);
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/campaigns/${campaign.body.id}/recipients`, {
      method: "POST",
      headers: { authorization: `Bearer ${seed.demo.apiKey}`, "content-type": "application/x-ndjson" },
      body: ndjson(n),
      duplex: "half",
    });
    const added = ((await res.json()) as { added: number }).added;
    const seconds = (performance.now() - t0) / 1000;
    if (added !== n) throw new Error(`accepted ${added} of ${n}`);
    const total = (await api.call("GET", `/v1/campaigns/${campaign.body.id}`)).body.counts.total;
    const uploadPeak = statusMb(pid, "VmHWM");
    return {
      seconds,
      peak: reset ? Math.max(startupPeak, uploadPeak) : uploadPeak,
      start,
      growth: uploadPeak - start,
      stored: total === n,
    };
  } finally {
    await serve.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const results: Array<{ n: number } & Run> = [];
for (const n of SIZES) {
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) {
    runs.push(await run(n));
    const x = runs[runs.length - 1]!;
    console.log(
      `${n.toLocaleString("en")} run ${r + 1}/${RUNS}: ${x.seconds.toFixed(2)} s, peak ${mb(x.peak)}, start ${mb(x.start)}, growth ${mb(x.growth)}`,
    );
  }
  results.push({
    n,
    seconds: median(runs.map((x) => x.seconds)),
    peak: median(runs.map((x) => x.peak)),
    start: median(runs.map((x) => x.start)),
    growth: median(runs.map((x) => x.growth)),
    stored: runs.every((x) => x.stored),
  });
}

console.log(
  `\n| recipients | time to accept | per 1,000 | server peak RSS | RSS at start | upload's growth | all stored |\n| --- | --- | --- | --- | --- | --- | --- |`,
);
for (const r of results) {
  console.log(
    `| ${r.n.toLocaleString("en")} | ${r.seconds.toFixed(1)} s | ${((r.seconds * 1000) / (r.n / 1000)).toFixed(1)} ms | ${mb(r.peak)} | ${mb(r.start)} | ${mb(r.growth)} | ${r.stored ? "yes" : "no"} |`,
  );
}
if (results.length > 1) {
  const [small, large] = [results[0]!, results[results.length - 1]!];
  const per1k = (r: Run & { n: number }) => r.seconds / r.n;
  console.log(
    `\n${small.n.toLocaleString("en")} → ${large.n.toLocaleString("en")} recipients (${RUNS === 1 ? "one run" : `medians of ${RUNS} runs`}): ` +
      `peak RSS ${(large.peak / small.peak).toFixed(2)}x (${(large.peak - small.peak).toFixed(0)} MB more), ` +
      `upload's growth ${mb(small.growth)} → ${mb(large.growth)}, time per 1,000 ${(per1k(large) / per1k(small)).toFixed(2)}x.`,
  );
}
process.exit(0);
