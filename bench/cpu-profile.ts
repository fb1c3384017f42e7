/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of a Wharf process: where the main thread's time
 * went, by self time (the function on top of the stack), by kind of work (what that function belongs
 * to: SQLite, zod, Fastify, undici, JSON, crypto, GC...) and by phase of a message (which of Wharf's
 * paths is on the stack: the API send, the dispatcher, the webhook receiver, webhook processing).
 * `bench/dispatch.ts` with BENCH_CPU_PROF=<dir> writes the profiles and prints each measurement's
 * window on the profile's clock; pass it to count only that measurement.
 * Run: `npx tsx bench/cpu-profile.ts <file.cpuprofile> [--from µs --to µs] [--messages n] [--top 40]`.
 */
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith("--") && (i === 0 || !args[i - 1]!.startsWith("--")));
if (!file) throw new Error("usage: cpu-profile.ts <file.cpuprofile> [--from µs --to µs] [--messages n] [--top n]");
const from = Number(option("from") ?? -Infinity);
const to = Number(option("to") ?? Infinity);
const messages = Number(option("messages") ?? 0);
const top = Number(option("top") ?? 40);

const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, "")
    .replace(/.*\/node_modules\//, "~/")
    .replace(/.*\/(src|bench|test)\//, "$1/");

/** What the function on top of the stack belongs to. */
function kind(frame: ProfileNode["callFrame"]): string {
  const { url, functionName: fn } = frame;
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(idle)") return "idle";
  if (fn === "(program)") return "V8/native (program)";
  if (url.includes("better-sqlite3")) return "SQLite (better-sqlite3)";
  if (url.includes("/kysely/")) return "Kysely";
  if (url.includes("/zod/")) return "zod";
  if (
    url.includes("/fastify") ||
    url.includes("/find-my-way/") ||
    url.includes("/avvio/") ||
    url.includes("/light-my-request/")
  )
    return "Fastify";
  if (url.includes("/undici/") || url.includes("node:internal/deps/undici")) return "undici";
  if (url.includes("/pino") || url.includes("/sonic-boom/")) return "logging (pino)";
  if (url.includes("/prom-client/")) return "metrics";
  if (url.includes("/tsx/") || url.includes("/esbuild/")) return "tsx loader";
  if (url.includes("node:internal/crypto") || url.includes("node:crypto")) return "crypto";
  if (/^node:(_http|http|internal\/http|internal\/streams|net|stream|internal\/stream)/.test(url))
    return "node http/net/streams";
  if (url.startsWith("node:")) return "node other";
  if (!url) {
    if (/^(parse|stringify)$/.test(fn)) return "JSON";
    if (/hmac|hash|digest|createHash|timingSafeEqual|randomBytes|randomUUID/i.test(fn)) return "crypto";
    if (/^(run|all|get|iterate|prepare|exec|transaction)$/.test(fn)) return "SQLite (better-sqlite3)";
    if (/write|writev|writeUtf8String|writeBuffer|close|shutdown/i.test(fn)) return "socket writes";
    return `native ${fn || "(anonymous)"}`;
  }
  if (url.includes("/node_modules/")) return `pkg ${url.replace(/.*\/node_modules\/((@[^/]+\/)?[^/]+).*/, "$1")}`;
  if (url.includes("/src/platform/db/")) return "Wharf db layer";
  if (url.includes("/src/")) return "Wharf code";
  return "other";
}

/** Which of Wharf's paths is on the stack; the first rule whose file is anywhere on the stack wins. */
const PHASES: Array<[string, RegExp]> = [
  [
    "webhook processing",
    /meta-inbound\/(event-processor|process-event|apply-statuses|handle-messages|handle-account|event-context|retry-unmatched)|messages\/apply-status-update|events-out\//,
  ],
  ["webhook receive", /meta-inbound\/(webhook-fast-path|receive-webhook|meta-inbound\.routes)|graph\/.*signature/],
  ["dispatcher", /messages\/dispatch\/|messages\/outbox\.repo|graph\/(http|client|messages)/],
  [
    "API send",
    /messages\/(messages\.routes|send-message|write-outbound|build-meta-message|admission\/)|platform\/http\/(auth|principal)/,
  ],
  ["group commit (send or webhook)", /platform\/db\/group-commit/],
  ["job worker / loops", /platform\/(jobs|queue)\//],
  ["HTTP server (no route frame)", /fastify|find-my-way|node:_http_server|node:_http_common|node:internal\/http/],
  ["HTTP client (no dispatcher frame)", /undici/],
];

let total = 0;
let counted = 0;
const self = new Map<number, number>();
const kinds = new Map<string, number>();
const phases = new Map<string, number>();
const phaseKinds = new Map<string, Map<string, number>>();
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (t < from || t > to) continue;
  const id = profile.samples[i]!;
  const node = byId.get(id)!;
  total += dt;
  if (node.callFrame.functionName === "(idle)") continue;
  counted += dt;
  self.set(id, (self.get(id) ?? 0) + dt);
  const k = kind(node.callFrame);
  kinds.set(k, (kinds.get(k) ?? 0) + dt);
  const urls: string[] = [];
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) urls.push(byId.get(n)!.callFrame.url);
  const stack = urls.join(" ");
  const phase =
    k === "GC" || k === "V8/native (program)" ? k : (PHASES.find(([, re]) => re.test(stack))?.[0] ?? "other");
  phases.set(phase, (phases.get(phase) ?? 0) + dt);
  const pk = phaseKinds.get(phase) ?? new Map<string, number>();
  pk.set(k, (pk.get(k) ?? 0) + dt);
  phaseKinds.set(phase, pk);
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const per = (us: number) => (messages ? `${(us / messages).toFixed(1).padStart(7)} µs/msg` : "");
const pct = (us: number) => `${((100 * us) / counted).toFixed(1).padStart(5)}%`;
const sorted = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1]);

console.log(`${file}: ${ms(total)} ms sampled in the window, ${ms(counted)} ms busy ${per(counted)}`);
console.log("\nBy phase (which path is on the stack), with its kinds of work:");
for (const [phase, us] of sorted(phases)) {
  console.log(`${ms(us)} ms ${pct(us)} ${per(us)}  ${phase}`);
  for (const [k, v] of sorted(phaseKinds.get(phase)!).slice(0, 6))
    console.log(`${"".padStart(30)}${pct(v)} ${per(v)}  ${k}`);
}
console.log("\nBy kind of work (the function on top of the stack):");
for (const [k, us] of sorted(kinds)) console.log(`${ms(us)} ms ${pct(us)} ${per(us)}  ${k}`);
console.log(`\nTop ${top} functions by self time:`);
const byFunction = new Map<string, number>();
for (const [id, us] of self) {
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ""}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
for (const [key, us] of sorted(byFunction).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)} ${per(us)}  ${key}`);
