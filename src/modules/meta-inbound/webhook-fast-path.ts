import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { newId } from "../../platform/crypto/index.js";
import type { App } from "../../platform/http/index.js";
import type { Metrics } from "../../platform/observability/index.js";
import type { WebhookReceiver } from "./receive-webhook.js";

export const WEBHOOK_PATH = "/webhooks/meta";
// Meta's limit is 3 MB and up to 1,000 changes a POST; a little headroom, then 413.
export const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * `POST /webhooks/meta` served before Fastify's request pipeline. Meta's deliveries are the one
 * request whose rate we do not choose, and on our 2-core machines Fastify's per-request work
 * (request id, auth and metrics hooks, content-type parsing) cost as much as the HMAC and the
 * durable write together: with it the receiver reached ~0.37 of a bare node:http server, without
 * it the target of 0.5 (see README, Performance). The answers are the same as the Fastify route's
 * (which stays registered for the OpenAPI document and serves any other form of the URL): 200
 * once stored, 401 and nothing stored for a bad signature, 413 over the limit, 503 when closing.
 * Fastify's metrics hook does not see these requests, so they are counted here, under the route's
 * own label.
 */
export function mountWebhookFastPath(
  app: App,
  receiver: WebhookReceiver,
  metrics?: Partial<Pick<Metrics, "httpRequest">>,
): void {
  const server = app.server;
  const [fastify] = server.listeners("request") as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  if (!fastify) return;
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  server.removeListener("request", fastify);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || req.url !== WEBHOOK_PATH) return fastify.call(server, req, res);
    const started = performance.now();
    if (metrics?.httpRequest)
      res.once("finish", () =>
        metrics.httpRequest?.("POST", WEBHOOK_PATH, res.statusCode, (performance.now() - started) / 1000),
      );
    if (closing) return answer(res, 503, "NOT_READY", "The server is shutting down; Meta will deliver again.");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      // Read (and drop) a little past the limit so the client sees the 413; far past it, hang up.
      else if (size > 4 * BODY_LIMIT) req.destroy();
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (size > BODY_LIMIT) return answer(res, 413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
      const header = req.headers["x-hub-signature-256"];
      receiver
        .receive(
          chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
          typeof header === "string" ? header : undefined,
        )
        .then(
          (result) => {
            if (result.ok)
              return void res
                .writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": 14 })
                .end("EVENT_RECEIVED");
            const what = result.reason === "missing_header" ? "missing" : "not a valid signature of this body";
            answer(
              res,
              401,
              "WEBHOOK_SIGNATURE_INVALID",
              `The X-Hub-Signature-256 header is ${what}; nothing was stored.`,
            );
          },
          // The database refused the batch: Meta gets no 200 and delivers again.
          () =>
            answer(
              res,
              500,
              "INTERNAL",
              "Something went wrong on our side; retry, and quote the request id if it persists.",
            ),
        );
    });
  });
}

function answer(res: ServerResponse, status: number, code: string, message: string): void {
  const requestId = newId("req");
  const body = JSON.stringify({ error: { code, message, requestId } });
  res
    .writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      "x-request-id": requestId,
    })
    .end(body);
}
