import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";
import { checkReadiness, type ReadinessDeps } from "./readiness.js";

export interface OpsServer {
  /** `http://host:port`, the port the system chose when asked for 0. */
  url: string;
  close(): Promise<void>;
}

/**
 * `wharf worker` serves no API, but an orchestrator still probes it and Prometheus scrapes it: the
 * same /healthz, /readyz and /metrics as the API port, on a port of its own (WHARF_WORKER_PORT).
 * Plain node:http: three GET routes do not need Fastify's pipeline.
 */
export async function startOpsServer(
  deps: ReadinessDeps & { metrics: Metrics },
  listen: { port: number; host: string },
): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, type: string, body: string) =>
      res
        .writeHead(status, {
          "content-type": type,
          "content-length": Buffer.byteLength(body),
          "x-content-type-options": "nosniff",
          "cache-control": "no-store",
        })
        .end(req.method === "HEAD" ? undefined : body);
    const json = (status: number, value: unknown) =>
      send(status, "application/json; charset=utf-8", JSON.stringify(value));
    if (req.method !== "GET" && req.method !== "HEAD")
      return json(405, { error: { code: "METHOD_NOT_ALLOWED", message: "The worker's port answers GET only." } });
    if (path === "/healthz") return json(200, { status: "ok" });
    if (path === "/readyz")
      return void checkReadiness(deps).then(
        (answer) => json(answer.status, answer.body),
        () => json(503, { status: "unavailable", checks: { database: "unreachable" } }),
      );
    if (path === "/metrics")
      return void deps.metrics.registry.metrics().then(
        (text) => send(200, deps.metrics.registry.contentType, text),
        () => json(500, { error: { code: "INTERNAL", message: "The metrics could not be collected." } }),
      );
    json(404, {
      error: {
        code: "NOT_FOUND",
        message: `No route ${req.method} ${path}: the worker serves /healthz, /readyz, /metrics.`,
      },
    });
  });
  // Probes and scrapes are short; do not let an idle keep-alive connection hold shutdown up.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error) =>
      reject(
        new Error(
          `Cannot serve /healthz, /readyz and /metrics on ${listen.host}:${listen.port}: ${err.message}. Set WHARF_WORKER_PORT to a free port (each worker on a machine needs its own).`,
        ),
      );
    server.once("error", failed);
    server.listen(listen.port, listen.host, () => {
      server.off("error", failed);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
