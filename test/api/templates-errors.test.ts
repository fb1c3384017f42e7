import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { metaGraph, utilityTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>["call"];
let emulator: ReturnType<typeof apiClient>["emulator"];

beforeAll(async () => {
  w = await startWharf();
  ({ call: api, emulator } = apiClient(w.url, w.demo.apiKey));
  await connectAndActivate(w.url, w.demo.apiKey);
});
afterAll(() => w?.close());

const count = async (name: string) => (await api("GET", `/v1/templates?name=${name}`)).body.data.length;

describe("creating a template that breaks Meta's rules", () => {
  it("answers 422 TEMPLATE_INVALID naming every field, and submits nothing", async () => {
    const bad = utilityTemplate("Bad Name");
    bad.components[1] = { type: "BODY", text: "{{1}} ordered {{3}}", example: { body_text: [["Ana"]] } };
    const before = (await emulator("GET", "/state")).templates.length;
    const res = await api("POST", "/v1/templates", bad);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("TEMPLATE_INVALID");
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "components.1.text", "components.1.example.body_text"]));
    expect(res.body.error.message).toContain("name:");
    expect((await emulator("GET", "/state")).templates.length).toBe(before);
  });

  it("a body that is not the right JSON shape is 400 VALIDATION_FAILED naming the field", async () => {
    const res = await api("POST", "/v1/templates", { ...utilityTemplate("x"), category: "PROMO" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [expect.objectContaining({ field: "category" })],
    });
  });
});

describe("conflicts with existing templates", () => {
  it("the same name and language twice is 409 TEMPLATE_ALREADY_EXISTS", async () => {
    expect((await api("POST", "/v1/templates", utilityTemplate("twice"))).status).toBe(201);
    const again = await api("POST", "/v1/templates", utilityTemplate("twice"));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("TEMPLATE_ALREADY_EXISTS");
    expect((await api("POST", "/v1/templates", utilityTemplate("twice", "pt_BR"))).status).toBe(201);
  });

  it("Meta's own duplicate refusal (a template Wharf has not seen) is the same 409", async () => {
    const graph = await metaGraph(w, w.demo.workspaceId);
    const waba = (await emulator("GET", "/state")).wabas[0].id;
    expect(
      (
        await graph("POST", `/${waba}/message_templates`, {
          ...utilityTemplate("unseen"),
          components: [{ type: "BODY", text: "Hi" }],
        })
      ).status,
    ).toBe(200);
    const res = await api("POST", "/v1/templates", utilityTemplate("unseen"));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "TEMPLATE_ALREADY_EXISTS", details: { metaSubcode: 2388024 } });
    expect(await count("unseen")).toBe(0);
  });
});

describe("Meta failing", () => {
  it("a Meta outage on create is 502 META_UNAVAILABLE and nothing is stored", async () => {
    await emulator("POST", "/faults", { method: "POST", path: "/v23.0/*/message_templates", status: 503 });
    const res = await api("POST", "/v1/templates", utilityTemplate("during_outage"));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("META_UNAVAILABLE");
    expect(await count("during_outage")).toBe(0);
  });

  it("a failed sync is reported and remembered in the list's sync state", async () => {
    await emulator("POST", "/faults", {
      method: "GET",
      path: "/v23.0/*/message_templates",
      status: 400,
      code: 100,
      message: "Invalid parameter",
      count: 1,
    });
    const res = await api("POST", "/v1/templates/sync");
    expect(res.status).toBe(422);
    expect((await api("GET", "/v1/templates")).body.sync.lastError).toContain("reading the templates");
    expect((await api("POST", "/v1/templates/sync")).status).toBe(200);
    expect((await api("GET", "/v1/templates")).body.sync.lastError).toBeNull();
  });

  it("a workspace without a connection gets 409 NOT_CONNECTED", async () => {
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Unconnected" })).body;
    const res = await apiClient(w.url, other.apiKey).call("POST", "/v1/templates", utilityTemplate("nowhere"));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("NOT_CONNECTED");
  });
});

describe("edits outside Meta's limits", () => {
  it("a PENDING template cannot be edited (409 TEMPLATE_NOT_EDITABLE)", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("pending_edit"))).body;
    const res = await api("PATCH", `/v1/templates/${t.id}`, { components: utilityTemplate("x").components });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("TEMPLATE_NOT_EDITABLE");
  });

  it("an approved template keeps its category and is edited at most once per 24 hours", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("approved_edit"))).body;
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "APPROVED" });
    await api("POST", "/v1/templates/sync");
    const recategorise = await api("PATCH", `/v1/templates/${t.id}`, { category: "MARKETING" });
    expect(recategorise.status).toBe(422);
    expect(recategorise.body.error).toMatchObject({
      code: "TEMPLATE_INVALID",
      details: [expect.objectContaining({ field: "category" })],
    });
    const body = [{ type: "BODY", text: "Order {{1}} has shipped.", example: { body_text: [["A-17"]] } }];
    expect((await api("PATCH", `/v1/templates/${t.id}`, { components: body })).status).toBe(200);
    // Meta approves the edit; a second edit the same day is refused before Meta is asked.
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "APPROVED" });
    await api("POST", "/v1/templates/sync");
    const second = await fetch(`${w.url}/v1/templates/${t.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${w.demo.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ components: body }),
    });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("TEMPLATE_EDIT_LIMIT_REACHED");
    // About a day from now.
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
  });

  it("ten approved edits in 30 days are the limit", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("ten_edits"))).body;
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "APPROVED" });
    await api("POST", "/v1/templates/sync");
    const day = 24 * 60 * 60_000;
    const edits = Array.from({ length: 10 }, (_, i) => Date.now() - (i + 2) * day);
    await sql`update templates set approved_edits = ${JSON.stringify(edits)} where id = ${t.id}`.execute(
      w.wharf.database.db,
    );
    const res = await api("PATCH", `/v1/templates/${t.id}`, { messageSendTtlSeconds: 600 });
    expect(res.status).toBe(429);
    expect(res.body.error.message).toContain("10 times per 30 days");
  });
});

describe("deleting what is not there", () => {
  it("an unknown name or id is 404", async () => {
    expect((await api("DELETE", "/v1/templates/never_made")).status).toBe(404);
    expect((await api("DELETE", "/v1/templates/tpl_00000000000000000000000000")).status).toBe(404);
    expect((await api("GET", "/v1/templates/tpl_00000000000000000000000000")).status).toBe(404);
  });
});
