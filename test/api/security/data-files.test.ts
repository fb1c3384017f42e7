import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeEachDialect } from "../../support/databases.js";
import { startWharf } from "../../support/wharf.js";

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describeEachDialect("data files are private to the server's user", (dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-modes-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("the data folder is 0700 and every file in it 0600, also when they were created world-readable", async () => {
    fs.chmodSync(dataDir, 0o755);
    const w = await startWharf({ dialect, env: { WHARF_DATA_DIR: dataDir } });
    try {
      await fetch(`${w.url}/v1/workspace`, { headers: { authorization: `Bearer ${w.demo.apiKey}` } });
      expect(modeOf(dataDir)).toBe(0o700);
      const files = fs.readdirSync(dataDir);
      expect(files).toEqual(
        expect.arrayContaining(
          dialect === "sqlite"
            ? ["wharf.db", "wharf.db-wal", "master.key", "sandbox.json"]
            : ["master.key", "sandbox.json"],
        ),
      );
      for (const f of files) expect(modeOf(path.join(dataDir, f)), f).toBe(0o600);
    } finally {
      await w.close();
    }
    // An older install left them readable by everyone: the next start takes that back.
    fs.chmodSync(dataDir, 0o755);
    for (const f of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, f), 0o644);
    const again = await startWharf({ dialect, env: { WHARF_DATA_DIR: dataDir } });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const f of fs.readdirSync(dataDir)) expect(modeOf(path.join(dataDir, f)), f).toBe(0o600);
    } finally {
      await again.close();
    }
  });
});
