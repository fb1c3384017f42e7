import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { utilityTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let a: ReturnType<typeof apiClient>;
let b: ReturnType<typeof apiClient>;
let mine: { id: string; name: string; metaTemplateId: string };

beforeAll(async () => {
  w = await startWharf();
  a = apiClient(w.url, w.demo.apiKey);
  await connectAndActivate(w.url, w.demo.apiKey);
  mine = (await a.call("POST", "/v1/templates", utilityTemplate("tenant_a_only"))).body;
  const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Tenant B" })).body;
  b = apiClient(w.url, other.apiKey);
});
afterAll(() => w?.close());

describe("templates security: tenants", () => {
  it("workspace B neither sees nor reads A's templates (404, not 403)", async () => {
    expect((await b.call("GET", "/v1/templates")).body.data).toEqual([]);
    expect((await b.call("GET", `/v1/templates?name=${mine.name}`)).body.data).toEqual([]);
    const read = await b.call("GET", `/v1/templates/${mine.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe("NOT_FOUND");
  });

  it("workspace B can neither edit nor delete A's templates, by id or by name", async () => {
    expect((await b.call("PATCH", `/v1/templates/${mine.id}`, { messageSendTtlSeconds: 600 })).status).toBe(404);
    expect((await b.call("DELETE", `/v1/templates/${mine.id}`)).status).toBe(404);
    expect((await b.call("DELETE", `/v1/templates/${mine.name}`)).status).toBe(404);
    // Nothing happened, here or at Meta.
    expect((await a.call("GET", `/v1/templates/${mine.id}`)).body).toMatchObject({
      status: "PENDING",
      messageSendTtlSeconds: null,
    });
    const atMeta = (await a.emulator("GET", "/state")).templates.find(
      (t: { id: string }) => t.id === mine.metaTemplateId,
    );
    expect(atMeta).toBeDefined();
  });

  it("workspace B's sync reads nothing of A's (it has no connection of its own)", async () => {
    const sync = await b.call("POST", "/v1/templates/sync");
    expect(sync.status).toBe(409);
    expect(sync.body.error.code).toBe("NOT_CONNECTED");
    expect((await b.call("GET", "/v1/templates")).body.data).toEqual([]);
  });
});

describe("templates and media security: credentials", () => {
  it("every route needs a workspace key", async () => {
    const anon = apiClient(w.url, "wk_wrong");
    const routes: [string, string, unknown?][] = [
      ["GET", "/v1/templates"],
      ["GET", `/v1/templates/${mine.id}`],
      ["POST", "/v1/templates", utilityTemplate("anon")],
      ["POST", "/v1/templates/sync"],
      ["PATCH", `/v1/templates/${mine.id}`, { messageSendTtlSeconds: 600 }],
      ["DELETE", `/v1/templates/${mine.name}`],
      ["POST", "/v1/media/uploads?fileName=a.png"],
      ["POST", "/v1/media?phoneNumberId=x"],
    ];
    for (const [method, path, body] of routes) {
      const res = await anon.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await a.call("GET", `/v1/templates/${mine.id}`)).status).toBe(200);
  });

  it("the operator token is not a workspace and gets 401 on workspace routes", async () => {
    expect((await apiClient(w.url, w.adminToken).call("GET", "/v1/templates")).status).toBe(401);
  });
});
