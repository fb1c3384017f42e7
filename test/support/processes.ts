import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface WharfProcess {
  proc: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `wharf <command>` as its own process, exactly as an operator runs it. Two defaults differ from an
 * operator's, so that test processes can run side by side and stop quickly: a worker's ops port is
 * any free one (its banner prints it), and SIGTERM does not wait out the drain period. A test of
 * either passes its own value.
 */
export function spawnWharf(command: string, env: Record<string, string>): WharfProcess {
  return spawnProcess(`wharf ${command}`, process.execPath, ["bin/wharf.js", command], {
    ...process.env,
    WHARF_LOG_LEVEL: "warn",
    WHARF_WORKER_PORT: "0",
    WHARF_SHUTDOWN_DRAIN_MS: "0",
    ...env,
  });
}

/** Any command with exactly this environment (nothing inherited), its output kept for `waitFor`. */
export function spawnProcess(
  label: string,
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): WharfProcess {
  const proc = spawn(file, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return {
    proc,
    output: () => out,
    async waitFor(pattern, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const m = pattern.exec(out);
        if (m) return m;
        if (proc.exitCode !== null) throw new Error(`${label} exited (${proc.exitCode}):\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${label}: ${pattern} not seen in ${timeoutMs} ms:\n${out}`);
    },
    async kill(signal = "SIGTERM") {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill(signal);
      await exited;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The processes, data folder and other resources of one attempt of a multi-process test. CI retries
 * a failed test once (WHARF_TEST_RETRY); a retry that met the first attempt's processes or files
 * (its sandbox seed, what its emulator kept) would fail for that alone. `begin` stops and removes
 * what an earlier attempt left and returns a new data folder; `end` (in afterAll) does the same for
 * the last attempt. `onEnd` adds a resource of this attempt, released in reverse order.
 */
export interface ProcessAttempts {
  procs: WharfProcess[];
  begin(): Promise<string>;
  onEnd(release: () => Promise<void> | void): void;
  end(): Promise<void>;
}

export function processAttempts(prefix: string): ProcessAttempts {
  const procs: WharfProcess[] = [];
  const releases: Array<() => Promise<void> | void> = [];
  const end = async () => {
    await Promise.all(procs.splice(0).map((p) => p.kill("SIGKILL")));
    for (const release of releases.splice(0).reverse()) await release();
  };
  return {
    procs,
    async begin() {
      await end();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      releases.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    onEnd: (release) => releases.push(release),
    end,
  };
}
