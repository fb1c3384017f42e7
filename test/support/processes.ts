import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

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
