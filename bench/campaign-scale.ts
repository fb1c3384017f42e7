/**
 * Campaign audiences at scale: 10k / 100k / 1M recipients streamed as NDJSON to
 * `POST /v1/campaigns/{id}/recipients` of a real `wharf serve` process (SQLite, synchronous=FULL).
 * Prints the time to accept each audience, the time per 1,000 recipients (flat = linear growth),
 * and the server's peak RSS (VmHWM; flat = constant memory).
 * Run: `npx tsx bench/campaign-scale.ts` (BENCH_SIZES=10000,100000,1000000).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiClient, eventually } from "../test/support/api-client.js";
import { connectAndActivate } from "../test/support/connect.js";
import { freePort, spawnWharf } from "../test/support/processes.js";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function ndjson(n: number): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= n) return controller.close();
      let chunk = "";
      for (let k = 0; k < 1000 && i < n; k++, i++) chunk += `{"to":"+1${String(2000000000 + i)}","parameters":["${i}"]}\n`;
      controller.enqueue(enc.encode(chunk));
    },
  });
}

const rows: string[] = [];
for (const n of SIZES) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-scale-"));
  const port = await freePort();
  const serve = spawnWharf("serve", { PORT: String(port), WHARF_DATA_DIR: dataDir });
  try {
    await serve.waitFor(/Dashboard:/);
    const url = `http://localhost:${port}`;
    const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as { demo: { apiKey: string } };
    const api = apiClient(url, seed.demo.apiKey);
    const numbers = await connectAndActivate(url, seed.demo.apiKey);
    const t = await api.call("POST", "/v1/templates", { name: "scale", language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "Hello {{1}}, welcome.", example: { body_text: [["x"]] } }] });
    await api.emulator("POST", `/templates/${t.body.metaTemplateId}/review`, { status: "APPROVED" });
    await eventually(async () => (await api.call("POST", "/v1/templates/sync")).status === 200 && (await api.call("GET", `/v1/templates/${t.body.id}`)).body.status === "APPROVED", 15_000);
    const campaign = await api.call("POST", "/v1/campaigns", { name: `scale ${n}`, from: numbers.verified.id, template: { name: "scale", language: "en_US" }, draft: true });
    const rssBefore = peakRssMb(serve.proc.pid!);
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/campaigns/${campaign.body.id}/recipients`, {
      method: "POST",
      headers: { authorization: `Bearer ${seed.demo.apiKey}`, "content-type": "application/x-ndjson" },
      body: ndjson(n),
      duplex: "half",
    } as RequestInit);
    const added = ((await res.json()) as { added: number }).added;
    const seconds = (performance.now() - t0) / 1000;
    if (added !== n) throw new Error(`accepted ${added} of ${n}`);
    const total = (await api.call("GET", `/v1/campaigns/${campaign.body.id}`)).body.counts.total;
    rows.push(`| ${n.toLocaleString("en")} | ${seconds.toFixed(1)} s | ${((seconds * 1000) / (n / 1000)).toFixed(1)} ms | ${rssBefore.toFixed(0)} MB | ${peakRssMb(serve.proc.pid!).toFixed(0)} MB | ${total === n ? "yes" : `no (${total})`} |`);
    console.log(rows[rows.length - 1]);
  } finally {
    await serve.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log("\n| recipients | time to accept | per 1,000 | peak RSS before | peak RSS after | all stored |\n| --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
process.exit(0);
