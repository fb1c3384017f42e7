import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { createWharf, type Wharf } from "../../../src/main.js";
import { createLogger } from "../../../src/platform/observability/index.js";
import { freePort } from "../../support/processes.js";
import { startWharf } from "../../support/wharf.js";

// Records whether anything loads the emulator (the sandbox glue or the emulator itself).
const loaded = vi.hoisted(() => ({ modules: [] as string[] }));
vi.mock("../../../src/sandbox-emulator.js", async (importOriginal) => {
  loaded.modules.push("sandbox-emulator");
  return importOriginal();
});
vi.mock("../../../src/emulator/index.js", async (importOriginal) => {
  loaded.modules.push("emulator");
  return importOriginal();
});

describe("production mode never mounts the emulator", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-prod-"));
  let wharf: Wharf | null = null;
  afterAll(async () => {
    await wharf?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers 404 at /_meta/_emulator/state and never imports the emulator", async () => {
    const port = await freePort();
    const config = loadConfig({
      WHARF_MODE: "production",
      PORT: String(port),
      WHARF_HOST: "127.0.0.1",
      WHARF_DATA_DIR: dataDir,
      WHARF_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
      WHARF_ADMIN_TOKEN: "t".repeat(40),
      WHARF_META_APP_ID: "123456789012345",
      WHARF_META_APP_SECRET: "s".repeat(32),
      WHARF_META_VERIFY_TOKEN: "verify-token",
      WHARF_PUBLIC_URL: `http://localhost:${port}`,
    });
    wharf = await createWharf(config, {
      roles: { api: true, worker: false },
      logger: createLogger({ level: "silent" }),
    });
    const url = (await wharf.start())!;
    for (const p of ["/_meta/_emulator/state", "/_meta/v23.0/me", "/_meta/"]) {
      for (const method of ["GET", "POST"]) {
        const res = await fetch(`${url}${p}`, {
          method,
          ...(method === "POST" ? { headers: { "content-type": "application/json" }, body: "{}" } : {}),
        });
        expect(res.status, `${method} ${p}`).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
      }
    }
    expect(wharf.sandbox).toBeNull();
    expect(loaded.modules).toEqual([]);
  });
});

describe("sandbox mode on a non-loopback address", () => {
  it("warns at start that the demo login and the emulator's control API are reachable", async () => {
    const logLines: string[] = [];
    const w = await startWharf({ logLines, env: { WHARF_HOST: "0.0.0.0" } });
    try {
      const warning = logLines
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .find((l) => l.level === 40 && /sandbox/i.test(l.msg));
      expect(warning?.msg).toMatch(/0\.0\.0\.0/);
      expect(warning?.msg).toMatch(/emulator/);
      // The detector above works: sandbox mode does load the emulator.
      expect(loaded.modules).toContain("sandbox-emulator");
    } finally {
      await w.close();
    }
    const quiet: string[] = [];
    const local = await startWharf({ logLines: quiet });
    try {
      expect(local.wharf.config.server.host).toBe("127.0.0.1");
      expect(quiet.some((l) => l.includes('"level":40') && /sandbox/i.test(l))).toBe(false);
    } finally {
      await local.close();
    }
  });
});
