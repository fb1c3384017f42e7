import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../../support/wharf.js";

let w: StartedWharf;
beforeAll(async () => {
  w = await startWharf();
});
afterAll(() => w?.close());

async function raw(
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string>; token?: string } = {},
) {
  const res = await fetch(`${w.url}${path}`, {
    method,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return {
    status: res.status,
    headers: res.headers,
    body: body as { error: { code: string; message: string; requestId: string } },
  };
}

function expectEnvelope(
  res: { status: number; body: { error: { code: string; message: string; requestId: string } } },
  status: number,
  code?: string,
) {
  expect(res.status).toBe(status);
  expect(res.body, JSON.stringify(res.body)).toMatchObject({
    error: {
      code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/),
      message: expect.any(String),
      requestId: expect.stringMatching(/^req_/),
    },
  });
  if (code) expect(res.body.error.code).toBe(code);
}

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("framework errors answer with the error envelope", () => {
  it("a URL that cannot be decoded is a 400 envelope", async () => {
    expectEnvelope(await raw("GET", "/v1/%", { token: w.demo.apiKey }), 400);
    expectEnvelope(await raw("GET", "/v1/campaigns/%E0%A4%A", { token: w.demo.apiKey }), 400);
  });

  it("an over-long path parameter is a 414 envelope; a URL past Node's header limit a 431 envelope", async () => {
    expectEnvelope(
      await raw("POST", `/v1/campaigns/${"a".repeat(10_000)}/pause`, { token: w.demo.apiKey }),
      414,
      "URI_TOO_LONG",
    );
    // GET falls through to the dashboard's catch-all, which refuses API paths with a 404 envelope.
    expectEnvelope(await raw("GET", `/v1/campaigns/${"a".repeat(10_000)}`, { token: w.demo.apiKey }), 404, "NOT_FOUND");
    expectEnvelope(
      await raw("GET", `/v1/campaigns/${"a".repeat(200_000)}`, { token: w.demo.apiKey }),
      431,
      "HEADERS_TOO_LARGE",
    );
  });

  it("a method the route does not have, an unknown route, a bad content type and a huge body are envelopes", async () => {
    expectEnvelope(await raw("GET", "/v1/nothing-here", { token: w.demo.apiKey }), 404, "NOT_FOUND");
    expectEnvelope(
      await raw("POST", "/v1/workspaces", {
        token: w.adminToken,
        body: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expectEnvelope(
      await raw("POST", "/v1/workspaces", {
        token: w.adminToken,
        body: "x".repeat(5 * 1024 * 1024),
        headers: { "content-type": "application/json" },
      }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expectEnvelope(
      await raw("POST", "/v1/workspaces", {
        token: w.adminToken,
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
      "MALFORMED_JSON",
    );
  });
});

describe("bodies that used to crash a handler", () => {
  it("recipients upload with a JSON body or no body is a 4xx envelope, not a 500", async () => {
    const created = await raw("POST", "/v1/campaigns", {
      token: w.demo.apiKey,
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    const id = (created.body as unknown as { id?: string }).id ?? "cmp_doesnotexist";
    const json = await raw("POST", `/v1/campaigns/${id}/recipients`, {
      token: w.demo.apiKey,
      body: JSON.stringify({ to: "15550001111" }),
      headers: { "content-type": "application/json" },
    });
    expectEnvelope(json, 415, "UNSUPPORTED_MEDIA_TYPE");
    const empty = await raw("POST", `/v1/campaigns/${id}/recipients`, { token: w.demo.apiKey });
    expect(empty.status).toBeLessThan(500);
    expectEnvelope(empty, empty.status);
  });

  it("JSON nested deeper than 64 levels is refused at parse time, naming the limit", async () => {
    const res = await raw("POST", "/v1/messages", {
      token: w.demo.apiKey,
      body: `{"from":"1","to":"2","type":"text","text":${nested(5000)}}`,
      headers: { "content-type": "application/json" },
    });
    expectEnvelope(res, 400, "MALFORMED_JSON");
    expect(res.body.error.message).toContain("64");
    const ok = await raw("POST", "/v1/workspaces", {
      token: w.adminToken,
      body: JSON.stringify({ name: "Depth", extra: JSON.parse(nested(40)) }),
      headers: { "content-type": "application/json" },
    });
    expect(ok.status).toBeLessThan(500);
  });
});

describe("NUL characters (PostgreSQL text cannot hold them)", () => {
  it("are refused in a path, a query or a body with a 400 envelope", async () => {
    expectEnvelope(await raw("POST", "/v1/campaigns/%00/cancel", { token: w.demo.apiKey }), 400, "VALIDATION_FAILED");
    expectEnvelope(await raw("GET", "/v1/messages?campaignId=%00", { token: w.demo.apiKey }), 400, "VALIDATION_FAILED");
    expectEnvelope(
      await raw("POST", "/v1/workspaces", {
        token: w.adminToken,
        body: JSON.stringify({ name: "a\u0000b" }),
        headers: { "content-type": "application/json" },
      }),
      400,
      "VALIDATION_FAILED",
    );
  });
});

describe("security headers", () => {
  it("the dashboard and the API forbid framing and sniffing, and the dashboard has a strict CSP", async () => {
    for (const path of ["/", "/v1/workspace", "/healthz", "/nope.js"]) {
      const res = await fetch(`${w.url}${path}`);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toMatch(/^(no-referrer|same-origin)$/);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-inline' 'unsafe-eval");
      expect(csp.match(/script-src[^;]*/)?.[0] ?? "", path).not.toContain("unsafe-inline");
    }
  });

  it("the swagger UI at /docs still loads under its own policy", async () => {
    const res = await fetch(`${w.url}/docs/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});
