import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphClient } from "../client/create-graph-client.js";
import { GraphNetworkError } from "../errors/graph-errors.js";
import { fastFetch } from "./fast-fetch.js";

let server: http.Server;
let base: string;
const seen: { method: string; url: string; auth: string | undefined; type: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("latin1")));
    req.on("end", () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        type: req.headers["content-type"],
        body,
      });
      if (req.url === "/moved") return res.writeHead(302, { location: "/target" }).end();
      // Never answers: a Meta that accepted the request and went silent.
      if (req.url!.startsWith("/stall") || req.url!.includes("/stall/")) return;
      if (req.url === "/target")
        return res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from([1, 2, 3]));
      res.writeHead(req.url === "/fail" ? 400 : 200, {
        "content-type": "application/json",
        "x-fb-trace-id": "Abc",
        "set-cookie": ["a=1", "b=2"],
      });
      res.end(JSON.stringify({ ok: req.url !== "/fail" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("fastFetch: the fetch subset the Graph transport uses, over undici's request", () => {
  const f = fastFetch();

  it("sends method, headers and a JSON body; answers status, ok, headers and the body", async () => {
    const res = await f(new URL(`${base}/v23.0/1/messages`), {
      method: "POST",
      headers: { Authorization: "Bearer T", "Content-Type": "application/json" },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get("X-FB-Trace-Id")).toBe("Abc");
    expect(res.headers.get("set-cookie")).toBe("a=1, b=2");
    expect(res.headers.get("x-missing")).toBeNull();
    expect(await res.text()).toBe('{"ok":true}');
    expect(seen.at(-1)).toEqual({
      method: "POST",
      url: "/v23.0/1/messages",
      auth: "Bearer T",
      type: "application/json",
      body: '{"a":1}',
    });
  });

  it("an error status is not ok and its body is still readable", async () => {
    const res = await f(`${base}/fail`, { method: "POST", body: "{}" });
    expect([res.status, res.ok]).toEqual([400, false]);
    expect(JSON.parse(await res.text())).toEqual({ ok: false });
  });

  it("a GET that redirects is followed (through the built-in fetch), and binary bodies come back whole", async () => {
    const res = await f(`${base}/moved`, { method: "GET", redirect: "follow" });
    expect(res.status).toBe(200);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it("a FormData body goes through the built-in fetch", async () => {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    const res = await f(`${base}/form`, { method: "POST", body: form });
    await res.text();
    expect(seen.at(-1)!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.at(-1)!.body).toContain('name="messaging_product"');
  });

  it("an aborted signal aborts the request", async () => {
    await expect(f(`${base}/x`, { method: "GET", signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it("timeoutMs bounds the wait for an answer without a signal", async () => {
    const started = Date.now();
    await expect(f(`${base}/stall`, { method: "POST", body: "{}", timeoutMs: 200 })).rejects.toMatchObject({
      code: "UND_ERR_HEADERS_TIMEOUT",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("a hot Graph call that gets no answer", () => {
  it("fails within the client's timeout as a network error Meta may have processed", async () => {
    const graph = createGraphClient({ baseUrl: base, version: "v23.0", timeoutMs: 200 });
    const sent = graph.messages.send("T", "stall", {
      messaging_product: "whatsapp",
      to: "1",
      type: "text",
      text: { body: "x" },
    });
    await expect(sent).rejects.toBeInstanceOf(GraphNetworkError);
    await expect(sent).rejects.toMatchObject({ networkCode: "UND_ERR_HEADERS_TIMEOUT", maybeProcessed: true });
  });
});
