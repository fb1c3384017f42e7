import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnWharf, type WharfProcess } from "../support/processes.js";

const dirs: string[] = [];
const procs: WharfProcess[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-startup-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const p of procs) await p.kill("SIGKILL");
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function exitOf(p: WharfProcess): Promise<number | null> {
  if (p.proc.exitCode === null) await new Promise((r) => p.proc.once("exit", r));
  return p.proc.exitCode;
}

/** One line on stderr/stdout, no stack trace. */
function expectOneLine(output: string, pattern: RegExp) {
  const lines = output.trim().split("\n");
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(output).not.toMatch(/^\s+at /m);
}

describe("starting on a port that is taken", () => {
  it("says which port in one line and exits 1, without a stack trace", async () => {
    const port = await freePort();
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(port, "127.0.0.1", r));
    try {
      const serve = spawnWharf("serve", { PORT: String(port), WHARF_DATA_DIR: tmp() });
      procs.push(serve);
      expect(await exitOf(serve)).toBe(1);
      expectOneLine(serve.output(), new RegExp(`^Port 127\\.0\\.0\\.1:${port} is already in use .* set PORT`));
    } finally {
      taken.close();
    }
  }, 60_000);
});

describe("starting with a data folder that cannot be used", () => {
  it("names the folder and why in one line and exits 1", async () => {
    const file = path.join(tmp(), "not-a-folder");
    fs.writeFileSync(file, "x");
    const serve = spawnWharf("serve", { PORT: String(await freePort()), WHARF_DATA_DIR: path.join(file, "data") });
    procs.push(serve);
    expect(await exitOf(serve)).toBe(1);
    expectOneLine(
      serve.output(),
      /^The data folder .*not-a-folder\/data cannot be used \(a part of its path is a file\); set WHARF_DATA_DIR/,
    );
    const onFile = spawnWharf("worker", { WHARF_DATA_DIR: file });
    procs.push(onFile);
    expect(await exitOf(onFile)).toBe(1);
    expectOneLine(onFile.output(), /^The data folder .* cannot be used \(a file is in the way\); set WHARF_DATA_DIR/);
  }, 60_000);
});
