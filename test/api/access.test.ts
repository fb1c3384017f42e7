import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../support/team.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
const logLines: string[] = [];
beforeAll(async () => {
  w = await startWharf({ logLines });
});
afterAll(() => w?.close());

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${w.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

function expectEnvelope(body: { error: { code: string; message: string; requestId: string } }, code: string) {
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(body.error.requestId).toMatch(/^req_/);
}

describe("operations endpoints", () => {
  it("answer health, readiness, metrics and the OpenAPI document", async () => {
    expect((await call("GET", "/healthz")).status).toBe(200);
    expect(await call("GET", "/readyz")).toMatchObject({ status: 200, body: { status: "ok" } });
    const metrics = await fetch(`${w.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain("wharf_http_request_duration_seconds");
    const spec = (await call("GET", "/openapi.json")).body;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/v1/workspaces", "/v1/auth/login", "/healthz"]));
    expect((await fetch(`${w.url}/docs`)).status).toBe(200);
  });
});

describe("workspaces (happy path)", () => {
  it("the operator creates a workspace whose key reads it", async () => {
    const created = await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Acme" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Acme", apiKey: expect.stringMatching(/^whk_/) });
    const me = await call("GET", "/v1/workspace", { token: created.body.apiKey });
    expect(me.body).toMatchObject({ id: created.body.id, name: "Acme" });
    const list = await call("GET", "/v1/workspaces", { token: w.adminToken });
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(created.body.id);
  });
});

describe("errors", () => {
  it("missing or wrong credentials give 401 with the error envelope", async () => {
    const none = await call("GET", "/v1/workspace");
    expect(none.status).toBe(401);
    expectEnvelope(none.body, "UNAUTHENTICATED");
    const wrong = await call("GET", "/v1/workspace", { token: "whk_thisisnotavalidkeyatall000000" });
    expect(wrong.status).toBe(401);
    expectEnvelope(wrong.body, "UNAUTHENTICATED");
    const malformed = await call("GET", "/v1/workspace", { headers: { authorization: "Basic abc" } });
    expect(malformed.status).toBe(401);
  });

  it("a workspace key cannot use operator routes, and the operator token has no workspace", async () => {
    expect((await call("POST", "/v1/workspaces", { token: w.demo.apiKey, body: { name: "x" } })).status).toBe(401);
    expect((await call("GET", "/v1/workspace", { token: w.adminToken })).status).toBe(401);
  });

  it("malformed JSON and invalid bodies are 400 naming the problem, and nothing is written", async () => {
    const before = (await call("GET", "/v1/workspaces", { token: w.adminToken })).body.data.length;
    const bad = await call("POST", "/v1/workspaces", { token: w.adminToken, body: "{not json" });
    expect(bad.status).toBe(400);
    expectEnvelope(bad.body, "MALFORMED_JSON");
    const invalid = await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "" } });
    expect(invalid.status).toBe(400);
    expectEnvelope(invalid.body, "VALIDATION_FAILED");
    expect(invalid.body.error.message).toContain("name");
    expect((await call("GET", "/v1/workspaces", { token: w.adminToken })).body.data.length).toBe(before);
  });

  it("unknown routes are 404 with the envelope", async () => {
    const res = await call("GET", "/v1/nothing-here", { token: w.demo.apiKey });
    expect(res.status).toBe(404);
    expectEnvelope(res.body, "NOT_FOUND");
  });
});

describe("security: tenants", () => {
  it("a workspace key never reads or changes another workspace's data (404, not 403)", async () => {
    const a = (await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Tenant A" } })).body;
    const b = (await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Tenant B" } })).body;
    await addMember(w.url, a.apiKey, { email: "agent@a.test", role: "agent" });
    const usersB = await call("GET", "/v1/users", { token: b.apiKey });
    expect(usersB.body.data.map((u: { email: string }) => u.email)).not.toContain("agent@a.test");
    expect((await call("GET", "/v1/workspace", { token: b.apiKey })).body.id).toBe(b.id);
  });

  it("a dashboard user cannot switch into a workspace they do not belong to (404)", async () => {
    const login = await fetch(`${w.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: w.demo.email, password: w.demo.password }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const other = (await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Not yours" } })).body;
    const res = await call("POST", "/v1/auth/workspace", {
      headers: { cookie, "x-csrf-token": csrfToken },
      body: { workspaceId: other.id },
    });
    expect(res.status).toBe(404);
    expectEnvelope(res.body, "NOT_FOUND");
  });
});

describe("security: sessions and CSRF", () => {
  it("a cookie session must send its CSRF token to change anything", async () => {
    const login = await fetch(`${w.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: w.demo.email, password: w.demo.password }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const body = { email: "new@demo.test", role: "agent" };
    const noToken = await call("POST", "/v1/invitations", { headers: { cookie }, body });
    expect(noToken.status).toBe(403);
    expectEnvelope(noToken.body, "CSRF_TOKEN_INVALID");
    const wrongToken = await call("POST", "/v1/invitations", {
      headers: { cookie, "x-csrf-token": (csrfToken.startsWith("x") ? "y" : "x") + csrfToken.slice(1) },
      body,
    });
    expect(wrongToken.status).toBe(403);
    const ok = await call("POST", "/v1/invitations", { headers: { cookie, "x-csrf-token": csrfToken }, body });
    expect(ok.status).toBe(201);
    expect((await call("GET", "/v1/auth/session", { headers: { cookie } })).body.user.email).toBe(w.demo.email);
    expect((await call("POST", "/v1/auth/logout", { headers: { cookie, "x-csrf-token": csrfToken } })).status).toBe(
      204,
    );
    expect((await call("GET", "/v1/auth/session", { headers: { cookie } })).status).toBe(401);
  });

  it("an agent cannot invite users", async () => {
    const ws = (await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Roles" } })).body;
    const agent = await addMember(w.url, ws.apiKey, { email: "agent@roles.test", role: "agent" });
    const res = await call("POST", "/v1/invitations", {
      headers: agent.headers,
      body: { email: "x@roles.test", role: "owner" },
    });
    expect(res.status).toBe(403);
    expectEnvelope(res.body, "FORBIDDEN");
  });

  it("no secret reaches the logs", async () => {
    await call("GET", "/v1/workspace", { token: w.demo.apiKey });
    await call("POST", "/v1/auth/login", { body: { email: w.demo.email, password: "wrong-password-123" } });
    const all = logLines.join("\n");
    for (const secret of [w.demo.apiKey, w.adminToken, w.demo.password, "wrong-password-123"])
      expect(all).not.toContain(secret);
  });
});

describe("renaming the workspace", () => {
  it("owners and admins rename it (API key or session); agents cannot; the name is trimmed and required", async () => {
    const created = await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Old name" } });
    const key = created.body.apiKey as string;
    const renamed = await call("PATCH", "/v1/workspace", { token: key, body: { name: "  Harbour Bakery  " } });
    expect(renamed).toMatchObject({ status: 200, body: { id: created.body.id, name: "Harbour Bakery" } });
    expect((await call("GET", "/v1/workspace", { token: key })).body.name).toBe("Harbour Bakery");
    const blank = await call("PATCH", "/v1/workspace", { token: key, body: { name: "   " } });
    expect(blank.status).toBe(400);
    expectEnvelope(blank.body, "VALIDATION_FAILED");
    const agent = await addMember(w.url, key, { email: "renamer-agent@example.com", role: "agent" });
    const refused = await call("PATCH", "/v1/workspace", { body: { name: "Mine now" }, headers: agent.headers });
    expect(refused.status).toBe(403);
    // Another workspace's key renames its own workspace only.
    await call("PATCH", "/v1/workspace", { token: w.demo.apiKey, body: { name: w.demo.workspaceName } });
    expect((await call("GET", "/v1/workspace", { token: key })).body.name).toBe("Harbour Bakery");
  });

  it("sets its time zone and default language, alone or together; refuses unknown ones and unknown fields", async () => {
    const created = await call("POST", "/v1/workspaces", {
      token: w.adminToken,
      body: { name: "Padaria", timeZone: "America/Sao_Paulo", defaultLanguage: "pt-BR" },
    });
    expect(created.body).toMatchObject({ timeZone: "America/Sao_Paulo", defaultLanguage: "pt-BR" });
    const key = created.body.apiKey as string;
    const plain = await call("POST", "/v1/workspaces", { token: w.adminToken, body: { name: "Plain" } });
    expect(plain.body).toMatchObject({ timeZone: "UTC", defaultLanguage: "en" });

    const moved = await call("PATCH", "/v1/workspace", { token: key, body: { timeZone: "Europe/Lisbon" } });
    expect(moved).toMatchObject({
      status: 200,
      body: { name: "Padaria", timeZone: "Europe/Lisbon", defaultLanguage: "pt-BR" },
    });
    const both = await call("PATCH", "/v1/workspace", {
      token: key,
      body: { defaultLanguage: "es", name: "Panadería" },
    });
    expect(both.body).toMatchObject({ name: "Panadería", timeZone: "Europe/Lisbon", defaultLanguage: "es" });
    expect((await call("GET", "/v1/workspace", { token: key })).body).toMatchObject({
      timeZone: "Europe/Lisbon",
      defaultLanguage: "es",
    });
    for (const body of [
      { timeZone: "Mars/Olympus" },
      { timeZone: "x".repeat(500) },
      { defaultLanguage: "fr" },
      {},
      { name: "Ok", plan: "free" },
    ]) {
      const r = await call("PATCH", "/v1/workspace", { token: key, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectEnvelope(r.body, "VALIDATION_FAILED");
    }
    expect((await call("GET", "/v1/workspace", { token: key })).body).toMatchObject({
      name: "Panadería",
      timeZone: "Europe/Lisbon",
    });
    // The operator's list shows the settings too.
    const listed = (await call("GET", "/v1/workspaces", { token: w.adminToken })).body.data;
    expect(listed.find((x: { id: string }) => x.id === created.body.id)).toMatchObject({ timeZone: "Europe/Lisbon" });
  });
});
