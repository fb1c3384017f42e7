/**
 * What the process benches share: `bin/wharf.js` children that are killed on every way out, their
 * data dirs removed, what each used of the CPU (read from /proc, so every thread counts: libuv's
 * pool, the GC), the machine's busy time, and the small HTTP and statistics helpers. Linux only.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { Json } from "../../test/support/json.js";

export const WHARF_BIN = fileURLToPath(new URL("../../bin/wharf.js", import.meta.url));
/** The app id every bench gives `wharf emulator` and Wharf alike. */
export const APP_ID = "1029384756102938";
export const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

const live = new Set<ChildProcess>();
const dirs = new Set<string>();
process.on("exit", () => {
  for (const p of live) p.kill("SIGKILL");
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Kills every child still running and waits for each to exit (before dropping what they hold). */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...live].map((p) => {
      const exited = new Promise((r) => p.once("exit", r));
      p.kill("SIGKILL");
      return exited;
    }),
  );
}

/** On SIGINT or SIGTERM: `cleanUp` (if given), then exit 130; the exit handler kills the children. */
export function exitOnSignal(cleanUp: () => Promise<void> = async () => {}): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
}

/** A fresh temporary folder, removed when this process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** Removes a folder of `tempDir` now. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Ends the bench with exit 1 if it has not finished in time. */
export function deadline(timeoutMs: number): void {
  setTimeout(() => {
    console.error(`bench: not finished after ${timeoutMs} ms`);
    process.exit(1);
  }, timeoutMs).unref();
}

// A WHARF_* or DATABASE_URL from the shell would change what is measured: the children get only ours.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("WHARF_") && k !== "DATABASE_URL" && k !== "PORT"),
);

/** utime + stime of a /proc `stat` file, in ms. */
function statCpuMs(file: string): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(file, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
}

/** CPU time of a process (all its threads), in ms. */
export const processCpuMs = (pid: number): number => statCpuMs(`/proc/${pid}/stat`);

/** Busy CPU time of the whole machine (user, nice, system, irq, softirq, steal). */
export function machineBusyMs(): number {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  return ((f[1]! + f[2]! + f[3]! + f[6]! + f[7]! + f[8]!) * 1000) / CLK_TCK;
}

/** This (load client) process's own CPU time, in ms. */
export const ownCpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export interface Child {
  name: string;
  pid: number;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Throws (with the child's output) if it has exited. */
  check(): void;
  /** CPU time of all its threads and of the main (JavaScript) thread alone; 0 once it has exited. */
  cpuMs(): { total: number; main: number };
  /** SIGTERM, then SIGKILL after `stopGraceMs`. */
  stop(): Promise<void>;
  /** The last 20,000 characters it wrote (stdout and stderr). */
  output(): string;
}

/** `node [nodeArgs] bin/wharf.js args…` with only the given environment on top of the shell's. */
export function startChild(
  name: string,
  args: string[],
  env: Record<string, string>,
  options: { nodeArgs?: string[]; stopGraceMs?: number } = {},
): Child {
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), WHARF_BIN, ...args], {
    env: { ...baseEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(proc);
  proc.once("exit", () => live.delete(proc));
  let out = "";
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  proc.stdout.on("data", keep);
  proc.stderr.on("data", keep);
  const exited = () => proc.exitCode !== null || proc.signalCode !== null;
  const check = () => {
    if (exited()) throw new Error(`${name} exited (${proc.exitCode ?? proc.signalCode}):\n${out}`);
  };
  return {
    name,
    pid: proc.pid!,
    check,
    async waitFor(pattern, timeoutMs) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const m = pattern.exec(out);
        if (m) return m;
        check();
        if (Date.now() > end) throw new Error(`${name}: ${pattern} not seen in ${timeoutMs} ms:\n${out}`);
        await sleep(50);
      }
    },
    output: () => out,
    cpuMs() {
      if (exited()) return { total: 0, main: 0 };
      return { total: processCpuMs(proc.pid!), main: statCpuMs(`/proc/${proc.pid}/task/${proc.pid}/stat`) };
    },
    async stop() {
      if (exited()) return;
      const gone = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const grace = options.stopGraceMs ?? 10_000;
      if ((await Promise.race([gone.then(() => true), sleep(grace).then(() => false)])) === false) {
        proc.kill("SIGKILL");
        await gone;
      }
    },
  };
}

/** A JSON call that must succeed (any status >= 300 stops the bench with the answer). */
export async function json(
  method: string,
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Json> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** Polls `check` every `intervalMs` until it holds; `alive` throws if a child died meanwhile. */
export async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  alive: () => void,
  intervalMs = 200,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    alive();
    if (await check()) return;
    if (Date.now() > end) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** The median of the numbers that are not NaN (NaN when there are none). */
export const median = (xs: number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
export const f0 = (x: number): string =>
  Number.isNaN(x) ? "n/a" : x.toLocaleString("en", { maximumFractionDigits: 0 });
export const f1 = (x: number): string => (Number.isNaN(x) ? "n/a" : x.toFixed(1));

/**
 * Creates the benches' UTILITY template ("bench", en_US, one body parameter) through Wharf and has
 * the emulator approve it; the approval reaches Wharf by webhook, which the caller waits for.
 */
export async function submitApprovedTemplate(url: string, emu: string, apiKey: string): Promise<{ id: string }> {
  const template = await json("POST", `${url}/v1/templates`, {
    token: apiKey,
    body: {
      name: "bench",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hi {{1}}, thanks for your order.", example: { body_text: [["x"]] } }],
    },
  });
  await json("POST", `${emu}/_emulator/templates/${template.metaTemplateId}/review`, { body: { status: "APPROVED" } });
  return { id: template.id as string };
}
