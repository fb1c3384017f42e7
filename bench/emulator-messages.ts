/**
 * How many `POST /{phone_number_id}/messages` per second the emulator accepts, so it is never the
 * bottleneck of Wharf's own benchmarks. The emulator runs in a child process; autocannon drives
 * it over 127.0.0.1 with approved-template sends to ever-new recipients (so throughput and pair
 * rate never refuse), for a bounded time. A bare Fastify JSON route (also in its own process),
 * measured in the same run, gives the ratio. Run: `npx tsx bench/emulator-messages.ts` (BENCH_SECONDS, BENCH_RUNS,
 * BENCH_CONNECTIONS, BENCH_WEBHOOKS=1 to post status webhooks to a sink).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

interface CannonResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function sendBody(n: number): string {
  const to = `1650${String(n).padStart(7, "0")}`;
  return JSON.stringify({
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to,
    type: "template",
    template: {
      name: "bench_update",
      language: { code: "en_US" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana" },
            { type: "text", text: `A-${n}` },
          ],
        },
      ],
    },
  });
}

async function startChild(
  mode: "emulator" | "bare",
): Promise<{ child: ChildProcess; url: string; token: string; phoneNumberId: string }> {
  const script = fileURLToPath(new URL("./emulator-server.ts", import.meta.url));
  const env = { ...process.env, BENCH_MODE: mode };
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"], env });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
  return { child, ...(JSON.parse(line) as { url: string; token: string; phoneNumberId: string }) };
}

async function cannon(
  url: string,
  headers: Record<string, string>,
  body: (n: number) => string,
): Promise<CannonResult> {
  let n = 0;
  return autocannon({
    url,
    method: "POST",
    connections,
    duration: seconds,
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body(n++) }) }],
  });
}

const emulator = await startChild("emulator");
const bareServer = await startChild("bare");
const measured: number[] = [];
const bare: number[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const result = await cannon(emulator.url, { authorization: `Bearer ${emulator.token}` }, sendBody);
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`run ${run}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    measured.push(result.requests.average);
    bare.push((await cannon(bareServer.url, {}, sendBody)).requests.average);
    console.log(
      `run ${run}: emulator ${Math.round(result.requests.average)} msg/s, bare Fastify ${Math.round(bare.at(-1)!)} req/s`,
    );
  }
} finally {
  emulator.child.kill("SIGTERM");
  bareServer.child.kill("SIGTERM");
}
const m = median(measured);
const setup = `${connections} connections${process.env.BENCH_WEBHOOKS === "1" ? ", status webhooks on" : ""}`;
console.log(
  `median over ${runs} runs of ${seconds}s (${setup}): ${Math.round(m)} accepted /messages per second = ${(m / median(bare)).toFixed(2)} x bare Fastify`,
);
