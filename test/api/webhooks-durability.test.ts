import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "../../src/graph/index.js";
import { freePort } from "../support/processes.js";
import { messagesWebhookBody } from "../../src/graph/fixtures/webhook-samples.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-durable-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("a 200 means the webhook is on disk", () => {
  it("every webhook acknowledged before the process is killed (SIGKILL) is in the database afterwards", async () => {
    // `wharf serve` on SQLite (synchronous=FULL), in sandbox mode, as a process we can kill without warning.
    const port = await freePort();
    const child = spawn(process.execPath, ["bin/wharf.js", "serve"], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, PORT: String(port), WHARF_DATA_DIR: dataDir, WHARF_LOG_LEVEL: "warn" },
    });
    const lines = createInterface({ input: child.stdout });
    await new Promise<void>((ready) => lines.on("line", (l) => l.includes(String(port)) && ready()));
    const url = `http://127.0.0.1:${port}/webhooks/meta`;
    const secret = (
      JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as { metaApp: { appSecret: string } }
    ).metaApp.appSecret;
    const acknowledged: string[] = [];
    let killed = false;
    const post = async (i: number) => {
      const wamid = `wamid.durable${i}`;
      const body = messagesWebhookBody("1", "2", {
        messages: [{ from: "1555", id: wamid, timestamp: "1700000000", type: "text", text: { body: "x".repeat(500) } }],
      });
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-hub-signature-256": signWebhookBody(body, secret) },
          body,
        });
        if (res.status === 200) acknowledged.push(wamid);
        if (acknowledged.length >= 400 && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      } catch {
        // the connection died with the process: not acknowledged
      }
    };
    // Many requests in flight at once, so the kill lands while batches are being committed.
    let next = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (!killed && next < 5000) await post(next++);
      }),
    );
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
    expect(killed).toBe(true);
    const db = new Sqlite(path.join(dataDir, "wharf.db"), { readonly: true });
    const stored = new Set(
      (db.prepare("select body from webhook_events").all() as Array<{ body: string }>).map(
        (r) => /wamid\.durable\d+/.exec(r.body)![0],
      ),
    );
    db.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(acknowledged.filter((w) => !stored.has(w))).toEqual([]);
  }, 60_000);
});
