import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/platform/db/index.js";
import { createVault, sandboxKeyring, SANDBOX_KEY_FILE, staticKeyring } from "../../src/platform/crypto/index.js";
import { systemClock } from "../../src/platform/clock.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { freePort, spawnWharf } from "../support/processes.js";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-cli-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const wharf = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["bin/wharf.js", ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("wharf start (what `npm start` runs)", () => {
  it("prints the dashboard URL, a demo login and the operator token, and answers /healthz and /readyz", async () => {
    const port = await freePort();
    const p = spawnWharf("start", { PORT: String(port), WHARF_DATA_DIR: tmp() });
    try {
      await p.waitFor(/Operator token:\s+\S+/);
      const out = p.output();
      expect(out).toMatch(new RegExp(`Dashboard:\\s+http://localhost:${port}/`));
      expect(out).toMatch(/Demo login:\s+demo@wharf\.local \/ \S+/);
      expect(out).toMatch(/Operator token:\s+wop_\S+/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await p.kill("SIGTERM");
    }
    expect(p.proc.exitCode).toBe(0);
  }, 60_000);
});

describe("bad configuration", () => {
  it("exits non-zero naming every problem at once", () => {
    const r = wharf(["start"], {
      WHARF_MODE: "production",
      DATABASE_URL: "mysql://db/wharf",
      PORT: "70000",
      WHARF_DATA_DIR: tmp(),
    });
    expect(r.status).toBe(2);
    for (const name of ["DATABASE_URL", "PORT"]) expect(r.stderr).toContain(name);
    const r2 = wharf(["start"], { WHARF_MODE: "production", WHARF_DATA_DIR: tmp() });
    expect(r2.status).toBe(2);
    for (const name of [
      "WHARF_MASTER_KEY",
      "WHARF_ADMIN_TOKEN",
      "WHARF_META_APP_ID",
      "WHARF_META_APP_SECRET",
      "WHARF_META_VERIFY_TOKEN",
      "WHARF_PUBLIC_URL",
    ])
      expect(r2.stderr).toContain(`${name}: required in production mode`);
  });
});

describe("wharf keys rotate (sandbox key file)", () => {
  it("re-wraps every data key: everything still decrypts, and the old master key no longer works", async () => {
    const dataDir = tmp();
    expect(wharf(["migrate"], { WHARF_DATA_DIR: dataDir }).status).toBe(0);
    // Two workspaces with data keys and a secret each, sealed under the generated key.
    const database = openDatabase({ url: null, dataDir });
    const vault = createVault({ db: database.db, keyring: sandboxKeyring(dataDir), clock: systemClock });
    const [a, b] = [asWorkspaceId("ws_a"), asWorkspaceId("ws_b")];
    for (const ws of [a, b]) {
      await vault.createDataKey(database.db, ws);
      await vault.putSecret(database.db, ws, "meta_token", "connection", `secret-of-${ws}`);
    }
    await database.close();
    const oldKey = fs.readFileSync(path.join(dataDir, SANDBOX_KEY_FILE), "utf8").trim();

    const r = wharf(["keys", "rotate"], { WHARF_DATA_DIR: dataDir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Re-wrapped 2 of 2");
    const newKey = fs.readFileSync(path.join(dataDir, SANDBOX_KEY_FILE), "utf8").trim();
    expect(newKey).not.toBe(oldKey);

    const after = openDatabase({ url: null, dataDir });
    try {
      const fresh = createVault({ db: after.db, keyring: staticKeyring(newKey), clock: systemClock });
      expect(await fresh.findSecret(a, "meta_token", "connection")).toBe("secret-of-ws_a");
      expect(await fresh.findSecret(b, "meta_token", "connection")).toBe("secret-of-ws_b");
      const stale = createVault({ db: after.db, keyring: staticKeyring(oldKey), clock: systemClock });
      await expect(stale.findSecret(a, "meta_token", "connection")).rejects.toMatchObject({
        reason: "unknown_master_key",
      });
    } finally {
      await after.close();
    }
  }, 60_000);
});

describe("wharf users / api-keys (the operator's account commands)", () => {
  it("resets a user's password (old one fails, new one logs in), creates and revokes an API key", async () => {
    const dataDir = tmp();
    const port = await freePort();
    const env = { PORT: String(port), WHARF_DATA_DIR: dataDir };
    // A first start seeds the sandbox workspace and demo user into the data folder.
    const p = spawnWharf("start", env);
    let demo: { email: string; password: string };
    try {
      await p.waitFor(/Demo API key:\s+\S+/);
      const m = /Demo login:\s+(\S+) \/ (\S+)/.exec(p.output())!;
      demo = { email: m[1]!, password: m[2]! };
    } finally {
      await p.kill("SIGTERM");
    }
    const reset = wharf(["users", "reset-password", "--email", demo.email], env);
    expect(reset.status).toBe(0);
    const fresh = /: (\S+)\n$/.exec(reset.stdout)![1]!;
    expect(reset.stdout).not.toContain(demo.password);
    const workspaces = openDatabase({ url: null, dataDir });
    const ws = (await workspaces.db
      .selectFrom("workspaces" as never)
      .select("id" as never)
      .executeTakeFirstOrThrow()) as { id: string };
    await workspaces.close();
    const created = wharf(["api-keys", "create", "--workspace", ws.id, "--label", "ops"], env);
    expect(created.status).toBe(0);
    const [, keyId, apiKey] = /API key (\S+) for \S+ \(shown once\): (whk_\S+)/.exec(created.stdout)!;
    const q = spawnWharf("start", env);
    try {
      await q.waitFor(/Demo API key:\s+\S+/);
      const login = (password: string) =>
        fetch(`http://127.0.0.1:${port}/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: demo.email, password }),
        });
      expect((await login(demo.password)).status).toBe(401);
      expect((await login(fresh)).status).toBe(200);
      expect(
        (await fetch(`http://127.0.0.1:${port}/v1/workspace`, { headers: { authorization: `Bearer ${apiKey}` } }))
          .status,
      ).toBe(200);
      expect(wharf(["api-keys", "revoke", "--id", keyId!], env).status).toBe(0);
      expect(
        (await fetch(`http://127.0.0.1:${port}/v1/workspace`, { headers: { authorization: `Bearer ${apiKey}` } }))
          .status,
      ).toBe(401);
    } finally {
      await q.kill("SIGTERM");
    }
    expect(wharf(["users", "reset-password", "--email", "nobody@example.test"], env).status).toBe(1);
    expect(wharf(["api-keys", "revoke"], env).status).toBe(2);
  }, 120_000);
});
