/**
 * Outbound dispatch: messages per second from API accept (`POST /v1/messages` answered 202) to
 * emulator accept (the emulator's `/messages` has them all), against a raw undici loop posting the
 * same Meta payloads to the same emulator, in the same run. Wharf runs in sandbox mode in this
 * process (emulator mounted at /_meta), SQLite with synchronous=FULL.
 *
 * Two measurements:
 *  - pipeline: a number whose limit is not the bottleneck (our stored throughput raised to 100k/s
 *    and the emulator's too), to measure Wharf's own overhead against the raw loop;
 *  - one HIGH-throughput number (Meta's 1,000 msg/s), enforced by the emulator: what one number reaches.
 * Run: `npx tsx bench/dispatch.ts` (BENCH_MESSAGES, BENCH_RUNS, BENCH_CONCURRENCY).
 */
import { sql } from "kysely";
import { Agent, request } from "undici";
import { apiClient, eventually } from "../test/support/api-client.js";
import { connectAndActivate } from "../test/support/connect.js";
import { startWharf } from "../test/support/wharf.js";

const N = Number(process.env.BENCH_MESSAGES ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function setup(mps: number) {
  const w = await startWharf({ env: { WHARF_LOG_LEVEL: "error", WHARF_JOBS_POLL_MS: "20" } });
  const api = apiClient(w.url, w.demo.apiKey);
  const numbers = await connectAndActivate(w.url, w.demo.apiKey);
  await api.emulator("PATCH", `/phone-numbers/${numbers.verified.metaPhoneNumberId}`, { throughputMps: mps, messagingLimitTier: "TIER_100K" });
  await api.call("POST", "/v1/phone-numbers/sync");
  if (mps > 1000) await sql`update phone_numbers set throughput_mps = ${mps} where id = ${numbers.verified.id}`.execute(w.wharf.database.db);
  await api.call("POST", "/v1/templates", { name: "bench", language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "Hi {{1}}, thanks for your order.", example: { body_text: [["x"]] } }] });
  const state = await api.emulator("GET", "/state");
  await api.emulator("POST", `/templates/${state.templates.find((t: { name: string }) => t.name === "bench").id}/review`, { status: "APPROVED" });
  await eventually(async () => (await api.call("GET", "/v1/templates")).body.data.some((t: { status: string }) => t.status === "APPROVED"), 10_000);
  const token = (await api.emulator("GET", "/state")).tokens.find((t: { revoked: boolean }) => !t.revoked).accessToken as string;
  return { w, api, numbers, token };
}

const accepted = async (api: ReturnType<typeof apiClient>, metaId: string) => (await api.emulator("GET", `/messages?phoneNumberId=${metaId}`)).data.length as number;

async function rawLoop(url: string, metaId: string, token: string, offset: number): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY });
  const ids = Array.from({ length: N }, (_, i) => offset + i);
  const t0 = performance.now();
  await pool(ids, CONCURRENCY, async (i) => {
    const body = { messaging_product: "whatsapp", recipient_type: "individual", to: `+1777${String(i).padStart(7, "0")}`, type: "template", template: { name: "bench", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: String(i) }] }] } };
    const res = await request(`${url}/_meta/v23.0/${metaId}/messages`, { method: "POST", dispatcher: agent, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`raw send answered ${res.statusCode}`);
  });
  const rate = N / ((performance.now() - t0) / 1000);
  await agent.close();
  return rate;
}

async function throughWharf(s: Awaited<ReturnType<typeof setup>>, offset: number): Promise<number> {
  const metaId = s.numbers.verified.metaPhoneNumberId;
  const before = await accepted(s.api, metaId);
  const ids = Array.from({ length: N }, (_, i) => offset + i);
  const t0 = performance.now();
  await pool(ids, CONCURRENCY, async (i) => {
    const r = await s.api.call("POST", "/v1/messages", { from: s.numbers.verified.id, to: `+1888${String(i).padStart(7, "0")}`, type: "template", template: { name: "bench", language: "en_US", parameters: [String(i)] } });
    if (r.status !== 202) throw new Error(`send answered ${r.status}: ${JSON.stringify(r.body)}`);
  });
  await eventually(async () => (await accepted(s.api, metaId)) - before >= N, 300_000, "all accepted");
  return N / ((performance.now() - t0) / 1000);
}

const raw: number[] = [];
const wharf: number[] = [];
const high: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const s = await setup(100_000);
  raw.push(await rawLoop(s.w.url, s.numbers.verified.metaPhoneNumberId, s.token, run * N));
  wharf.push(await throughWharf(s, run * N));
  await s.w.close();
  const h = await setup(1000);
  high.push(await throughWharf(h, run * N));
  await h.w.close();
  console.log(`run ${run + 1}: raw ${raw[run]!.toFixed(0)}/s, wharf ${wharf[run]!.toFixed(0)}/s (${((wharf[run]! / raw[run]!) * 100).toFixed(0)}%), one HIGH number ${high[run]!.toFixed(0)}/s`);
}
console.log(`\ndispatch, ${N} messages x ${RUNS} runs, concurrency ${CONCURRENCY} (medians):`);
console.log(`  raw undici loop to the emulator:        ${median(raw).toFixed(0)} msg/s`);
console.log(`  Wharf, API accept -> emulator accept:   ${median(wharf).toFixed(0)} msg/s  = ${((median(wharf) / median(raw)) * 100).toFixed(0)}% of raw (target >= 80%)`);
console.log(`  Wharf, one number at Meta's HIGH tier:  ${median(high).toFixed(0)} msg/s (target 1,000; the limit itself)`);
process.exit(0);
