/**
 * Catalog import and sync at size, in the production topology: `wharf emulator` (Meta) and
 * `wharf start` (production mode, SQLite, a fresh data dir, Graph pointed at the emulator) are two
 * processes of their own, and this process is only the client. Per size (BENCH_SIZES, default
 * 10,000 and 100,000) and run (BENCH_RUNS), fresh processes, set up as an operator and a workspace
 * owner would: a workspace made with the admin token, connected through Meta's dialog, then a
 * catalog token of its own (a login granting catalog_management) put on the workspace.
 *  - import: the products are streamed as NDJSON to `POST /v1/catalog/products/imports`,
 *    generated while the upload goes (never held whole, here or anywhere);
 *  - sync: from the import's answer until `GET /v1/catalog` shows every product synced and the
 *    emulator holds them all (items_batch of 5,000, each polled until Meta finished it).
 * Wharf's memory is read from /proc/<pid>/status, apart from the emulator's: VmRSS sampled every
 * 20 ms, and the peak as VmHWM, reset (clear_refs 5) before each phase, so the import's peak and
 * the sync's are each their own. Printed per size: ms per 1,000 products for the import and the
 * sync, Wharf's RSS before, its peaks, the emulator's RSS at the end; then 100k/10k ratios (flat
 * memory: a peak ratio near 1). Medians over the runs. Linux only (/proc).
 * Run: `npx tsx bench/catalog-sync.ts` (BENCH_SIZES=10000,100000, BENCH_RUNS=1,
 * BENCH_TIMEOUT_MS=3600000 for the whole bench; BENCH_TRACE=1 prints Wharf's RSS every second and V8's full
 * collections; BENCH_NODE_ARGS adds node flags to the Wharf process, e.g. `--max-semi-space-size=32`). No timing assertions.
 */
import fs from "node:fs";
import os from "node:os";
import { approveInDialog } from "../test/support/meta-dialog.js";
import { startConnectedPair } from "./support/pair.js";
import { APP_ID, deadline, exitOnSignal, f0, f1, json, median, until } from "./support/children.js";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map((s) => Number(s.trim()));
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 60 * 60_000);
if (SIZES.some((s) => !Number.isInteger(s) || s < 1 || s > 1_000_000))
  throw new Error("BENCH_SIZES must be integers 1..1000000");
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 10) throw new Error("BENCH_RUNS must be 1..10");
/** The emulator's seeded catalog (docs/emulator.md). */
const CATALOG_ID = "1537700000000001";

exitOnSignal();
deadline(TIMEOUT_MS);

// ---- /proc ----
function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}
const mbOf = (kb: number) => kb / 1024;

/** Resets the process's VmHWM to its current RSS (Linux 4.0+); the bench stops if it cannot. */
function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** BENCH_TRACE=1: Wharf's VmRSS every second of each phase, to tell a steady climb (a leak) from a plateau. */
const TRACE = process.env.BENCH_TRACE === "1";

/** Samples VmRSS every 20 ms until stopped; returns the largest sample and the VmHWM at the end. */
function watchMemory(pid: number, phase: string) {
  resetPeak(pid);
  let sampled = 0;
  let ticks = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    try {
      const rss = statusKb(pid, "VmRSS");
      sampled = Math.max(sampled, rss);
      if (TRACE && ++ticks % 50 === 0)
        console.log(`  ${phase} ${f1((performance.now() - started) / 1000)} s: RSS ${f0(mbOf(rss))} MB`);
    } catch {
      // The process is gone; the caller's next request says so.
    }
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      sampled = Math.max(sampled, statusKb(pid, "VmRSS"));
      return { sampledMb: mbOf(sampled), hwmMb: mbOf(statusKb(pid, "VmHWM")) };
    },
  };
}

/** V8's full collections (--trace-gc) not printed yet: heap before -> after, in MB. */
const gcSeen = new Set<string>();
function printFullGcs(output: string, phase: string): void {
  const fresh = output.split("\n").filter((l) => l.includes("Mark-Compact") && !gcSeen.has(l));
  for (const l of fresh) gcSeen.add(l);
  const heaps = fresh.map((l) => /([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(l)).filter((m) => m !== null);
  console.log(
    `  ${phase}: ${heaps.length} full GCs, heap MB before -> after: ${heaps.map((m) => `${m[1]}->${m[2]}`).join(", ")}`,
  );
}

// ---- one emulator + one Wharf ----
async function startPair() {
  const pair = await startConnectedPair({
    dataDirPrefix: "wharf-catalog-bench-",
    env: {
      // The sync starts 100 ms after the import and polls each batch every 100 ms, so the
      // figure is Wharf's work, not its waiting (the defaults are 2 s each).
      WHARF_CATALOG_SYNC_DEBOUNCE_MS: "100",
      WHARF_CATALOG_POLL_MS: "100",
    },
    // BENCH_TRACE also has V8 print each garbage collection: the heap left after a full one is what Wharf keeps.
    wharf: {
      stopGraceMs: 5_000,
      nodeArgs: [
        ...(TRACE ? ["--trace-gc", "--trace-gc-ignore-scavenger"] : []),
        ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      ],
    },
  });
  const { emu, url, apiKey, appSecret } = pair;
  try {
    // The catalog token: a login of its own that grants catalog_management, exchanged for a token.
    const prep2 = await json("POST", `${url}/v1/connection/prepare`, { token: apiKey });
    const dialog = new URL(prep2.authorizationUrl as string);
    dialog.searchParams.delete("config_id");
    dialog.searchParams.set("scope", "catalog_management,business_management");
    const login = await approveInDialog(dialog.toString());
    const q = new URLSearchParams({
      client_id: APP_ID,
      client_secret: appSecret,
      redirect_uri: dialog.searchParams.get("redirect_uri")!,
      code: login.code,
    });
    const exchanged = await json("GET", `${emu}/v23.0/oauth/access_token?${q}`);
    await json("PUT", `${url}/v1/connection/catalog`, {
      token: apiKey,
      body: { catalogId: CATALOG_ID, accessToken: exchanged.access_token },
    });
    return pair;
  } catch (err) {
    await pair.close();
    throw err;
  }
}

// ---- one measurement ----
interface Figures {
  size: number;
  importMs: number;
  syncMs: number;
  baseRssMb: number;
  importPeakMb: number;
  importSampledMb: number;
  syncPeakMb: number;
  syncSampledMb: number;
  emulatorRssMb: number;
  batches: number;
}

/** NDJSON products, generated 1,000 lines at a time as the upload reads them. */
function productStream(size: number): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let n = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (n >= size) return controller.close();
      let chunk = "";
      for (let i = 0; i < 1000 && n < size; i++, n++)
        chunk +=
          JSON.stringify({
            retailerId: `SKU-${String(n).padStart(7, "0")}`,
            title: `Product ${n}`,
            description: `Product number ${n}, a fine thing to buy, described at the length a shop would.`,
            price: 1000 + (n % 5000),
            currency: "USD",
            availability: "in stock",
            condition: "new",
            link: `https://shop.example/p/${n}`,
            imageLink: `https://shop.example/i/${n}.jpg`,
            brand: "Bench",
          }) + "\n";
      controller.enqueue(enc.encode(chunk));
    },
  });
}

async function measure(size: number): Promise<Figures> {
  const pair = await startPair();
  try {
    const pid = pair.wharf.pid;
    const baseRssMb = mbOf(statusKb(pid, "VmRSS"));
    const headers = { authorization: `Bearer ${pair.apiKey}` };

    const importMem = watchMemory(pid, "import");
    const t0 = performance.now();
    const res = await fetch(`${pair.url}/v1/catalog/products/imports`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-ndjson" },
      body: productStream(size),
      duplex: "half",
    });
    const imported = (await res.json()) as { status: string; counts: { created: number } };
    const importMs = performance.now() - t0;
    const importPeak = importMem.stop();
    if (TRACE) printFullGcs(pair.wharf.output(), "import");
    if (res.status !== 201 || imported.counts.created !== size)
      throw new Error(`the import answered ${res.status}: ${JSON.stringify(imported)}`);

    const syncMem = watchMemory(pid, "sync");
    const t1 = performance.now();
    await until(
      async () => {
        const c = (await json("GET", `${pair.url}/v1/catalog`, { token: pair.apiKey })) as {
          products: { synced: number; error: number };
        };
        if (c.products.error > 0) throw new Error(`products in error: ${JSON.stringify(c)}`);
        return c.products.synced === size;
      },
      Math.max(120_000, size * 20),
      "every product synced",
      pair.alive,
      100,
    );
    const syncMs = performance.now() - t1;
    const syncPeak = syncMem.stop();
    if (TRACE) printFullGcs(pair.wharf.output(), "sync");

    const state = (await json("GET", `${pair.emu}/_emulator/state`)) as {
      catalogs: Array<{ id: string; productCount: number }>;
    };
    const atMeta = state.catalogs.find((c) => c.id === CATALOG_ID)?.productCount;
    if (atMeta !== size) throw new Error(`the emulator holds ${atMeta} products, not ${size}`);
    const batches = ((await json("GET", `${pair.emu}/_emulator/catalogs/${CATALOG_ID}/batches`)).data as unknown[])
      .length;
    return {
      size,
      importMs,
      syncMs,
      baseRssMb,
      importPeakMb: importPeak.hwmMb,
      importSampledMb: importPeak.sampledMb,
      syncPeakMb: syncPeak.hwmMb,
      syncSampledMb: syncPeak.sampledMb,
      emulatorRssMb: mbOf(statusKb(pair.emulator.pid, "VmRSS")),
      batches,
    };
  } finally {
    await pair.close();
  }
}

// ---- main ----
const loadBefore = os.loadavg();
const results = new Map<number, Figures[]>(SIZES.map((s) => [s, []]));
// Sizes alternate within each run, so a change in the machine's load touches both alike.
for (let run = 0; run < RUNS; run++)
  for (const size of SIZES) {
    const f = await measure(size);
    results.get(size)!.push(f);
    console.log(
      `run ${run + 1} ${f0(size)}: import ${f1(f.importMs / 1000)} s, sync ${f1(f.syncMs / 1000)} s, Wharf peak RSS import ${f0(f.importPeakMb)} MB / sync ${f0(f.syncPeakMb)} MB (sampled ${f0(f.importSampledMb)} / ${f0(f.syncSampledMb)}), emulator ${f0(f.emulatorRssMb)} MB, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  }
const loadAfter = os.loadavg();

const med = (size: number, pick: (f: Figures) => number) => median(results.get(size)!.map(pick));
console.log(
  `\nload average before ${loadBefore.map((l) => l.toFixed(1)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(1)).join(" ")} (2 cores); medians of ${RUNS} run(s)`,
);
console.log(
  "products  import ms/1k  sync ms/1k  batches  Wharf RSS before  import peak  sync peak  (sampled max: import / sync)  emulator RSS",
);
for (const size of SIZES)
  console.log(
    `${f0(size).padStart(8)}  ${f0(med(size, (f) => f.importMs / (size / 1000))).padStart(11)}  ${f0(med(size, (f) => f.syncMs / (size / 1000))).padStart(10)}  ${f0(med(size, (f) => f.batches)).padStart(7)}  ${`${f0(med(size, (f) => f.baseRssMb))} MB`.padStart(16)}  ${`${f0(med(size, (f) => f.importPeakMb))} MB`.padStart(11)}  ${`${f0(med(size, (f) => f.syncPeakMb))} MB`.padStart(9)}  ${`${f0(med(size, (f) => f.importSampledMb))} / ${f0(med(size, (f) => f.syncSampledMb))} MB`.padStart(28)}  ${`${f0(med(size, (f) => f.emulatorRssMb))} MB`.padStart(12)}`,
  );
for (const b of SIZES.slice(1)) {
  const a = SIZES[0]!;
  const ratio = (pick: (f: Figures) => number) => (med(b, pick) / med(a, pick)).toFixed(2);
  console.log(
    `${f0(b)}/${f0(a)}: import peak ${ratio((f) => f.importPeakMb)}x, sync peak ${ratio((f) => f.syncPeakMb)}x, import ms/1k ${ratio((f) => f.importMs / f.size)}x, sync ms/1k ${ratio((f) => f.syncMs / f.size)}x`,
  );
}
process.exit(0);
