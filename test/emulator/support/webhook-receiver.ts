import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "../../../src/graph/index.js";
import type { Json } from "../../support/json.js";

export interface ReceivedWebhook {
  path: string;
  raw: Buffer;
  body: Json;
  signature: string | undefined;
  signatureOk: boolean;
  /** The request's headers (a 360dialog delivery carries its webhook configuration's headers). */
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answer these statuses to the next POSTs (then 200), to exercise Meta's re-sends. */
  failNext(...statuses: number[]): void;
  /** Every status object received so far, flattened out of the batches. */
  statuses(): Json[];
  /** Every change received so far, with its field. */
  changes(): { field: string; value: Json; entryId: string }[];
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const VERIFY_TOKEN = "verify-me";

/**
 * A local stand-in for Wharf's `/webhooks/meta`: it keeps the exact bytes of each POST and
 * checks `X-Hub-Signature-256` over them with the app secret, as a real receiver must.
 */
export async function startWebhookReceiver(appSecret: () => string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failures: number[] = [];
  const server: Server = createServer((req, res) => {
    // Meta's verification request: echo hub.challenge when the verify token is ours.
    if (req.method === "GET") {
      const q = new URL(req.url ?? "/", "http://x").searchParams;
      const ok = q.get("hub.mode") === "subscribe" && q.get("hub.verify_token") === VERIFY_TOKEN;
      res.writeHead(ok ? 200 : 403, { "content-type": "text/plain" }).end(ok ? q.get("hub.challenge") : "forbidden");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const signature = req.headers["x-hub-signature-256"] as string | undefined;
      const status = failures.shift() ?? 200;
      if (status === 200) {
        received.push({
          path: req.url ?? "/",
          raw,
          body: JSON.parse(raw.toString("utf8")),
          signature,
          signatureOk: verifyWebhookSignature(raw, signature, appSecret()).ok,
          headers: req.headers,
          at: Date.now(),
        });
      }
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "EVENT_RECEIVED" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const changes = () =>
    received.flatMap((w) =>
      (w.body.entry as Json[]).flatMap((e) =>
        (e.changes as Json[]).map((c) => ({ field: c.field, value: c.value, entryId: e.id })),
      ),
    );
  return {
    url: `http://127.0.0.1:${port}/webhooks/meta`,
    received,
    failNext: (...statuses) => failures.push(...statuses),
    changes,
    statuses: () => changes().flatMap((c) => c.value.statuses ?? []),
    async waitFor(pick, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = pick();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error("timed out waiting for a webhook");
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
