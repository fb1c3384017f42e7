import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Test-only: a tiny HTTP server on 127.0.0.1 (port 0) that records every request the client
 * makes and answers from a scripted handler. Lets the client be tested over real HTTP without
 * depending on the emulator.
 */

export interface CapturedRequest {
  method: string;
  /** Path and query as received, e.g. `/v23.0/123/messages?x=1`. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket without answering (a network failure seen from the client). */
  hangUp?: boolean;
}

export type Handler = (req: CapturedRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>;

export interface LocalGraphServer {
  baseUrl: string;
  requests: CapturedRequest[];
  /** Replace the handler for the following requests. */
  respond(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLocalGraphServer(
  handler: Handler = () => ({ body: { success: true } }),
): Promise<LocalGraphServer> {
  let current = handler;
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let json: unknown;
      try {
        json = body.length > 0 ? JSON.parse(body.toString("utf8")) : undefined;
      } catch {
        json = undefined;
      }
      const captured: CapturedRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        pathname: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json,
      };
      requests.push(captured);
      Promise.resolve(current(captured, requests.length - 1)).then(
        (out) => {
          if (out.hangUp) return void req.socket.destroy();
          const payload = out.body === undefined ? "" : Buffer.isBuffer(out.body) ? out.body : JSON.stringify(out.body);
          res.writeHead(out.status ?? 200, { "content-type": "application/json", ...out.headers });
          res.end(payload);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
