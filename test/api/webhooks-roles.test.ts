import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "../../src/graph/index.js";
import { messagesWebhookBody } from "../../src/graph/fixtures/webhook-samples.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-roles-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

async function start(role: "serve" | "worker", port: number): Promise<void> {
  const child = spawn(process.execPath, ["bin/wharf.js", role], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      WHARF_DATA_DIR: dataDir,
      WHARF_LOG_LEVEL: "warn",
      WHARF_JOBS_POLL_MS: "20",
      WHARF_WORKER_PORT: "0",
    },
  });
  children.push(child);
  await new Promise<void>((ready) =>
    createInterface({ input: child.stdout }).on("line", (l) => l.includes("Wharf") && ready()),
  );
}

describe("`wharf serve` and `wharf worker` as two processes on one SQLite file", () => {
  it("the worker processes every event once while the receiver keeps committing beside it", async () => {
    const port = await freePort();
    await start("serve", port);
    await start("worker", port);
    const secret = (
      JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as { metaApp: { appSecret: string } }
    ).metaApp.appSecret;
    const post = (i: number) => {
      const body = messagesWebhookBody("1", "2", {
        messages: [
          { from: "1555", id: `wamid.roles${i}`, timestamp: "1700000000", type: "text", text: { body: "hi" } },
        ],
      });
      return fetch(`http://127.0.0.1:${port}/webhooks/meta`, {
        method: "POST",
        headers: { "x-hub-signature-256": signWebhookBody(body, secret) },
        body,
      }).then((r) => r.status);
    };
    let next = 0;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const out: number[] = [];
        while (next < 1500) out.push(await post(next++));
        return out;
      }),
    );
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    const db = new Sqlite(path.join(dataDir, "wharf.db"), { readonly: true });
    try {
      const until = Date.now() + 20_000;
      let rows: Array<{ state: string; attempts: number; n: number }> = [];
      while (Date.now() < until) {
        rows = db
          .prepare("select state, attempts, count(*) as n from webhook_events group by state, attempts")
          .all() as typeof rows;
        if (!rows.some((r) => r.state === "pending")) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Every event processed, each in one attempt (no SQLITE_BUSY_SNAPSHOT retries), and flagged: nobody owns number "2".
      expect(rows).toEqual([{ state: "done", attempts: 1, n: 1500 }]);
    } finally {
      db.close();
    }
  }, 60_000);
});
