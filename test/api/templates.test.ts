import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTemplateForSend } from "../../src/modules/templates/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import {
  firstTemplateSync,
  imageTemplate,
  metaGraph,
  pngBytes,
  templatesDeps,
  upload,
  utilityTemplate,
} from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>["call"];
let emulator: ReturnType<typeof apiClient>["emulator"];

beforeAll(async () => {
  w = await startWharf();
  ({ call: api, emulator } = apiClient(w.url, w.demo.apiKey));
  await connectAndActivate(w.url, w.demo.apiKey);
  // Connecting starts a sync of the WABA's templates by itself.
  await firstTemplateSync(api);
});
afterAll(() => w?.close());

describe("templates: create, list, read", () => {
  it("validates, submits to Meta and stores the template with Meta's id and status", async () => {
    const created = await api("POST", "/v1/templates", utilityTemplate("order_update"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^tpl_/),
      metaTemplateId: expect.stringMatching(/^\d+$/),
      name: "order_update",
      status: "PENDING",
      category: "UTILITY",
      reason: null,
    });
    const atMeta = (await emulator("GET", "/state")).templates.find(
      (t: { id: string }) => t.id === created.body.metaTemplateId,
    );
    expect(atMeta).toMatchObject({ name: "order_update", language: "en_US", status: "PENDING" });
    expect((await api("GET", `/v1/templates/${created.body.id}`)).body.components[0]).toMatchObject({
      type: "HEADER",
      format: "TEXT",
    });
    const list = (await api("GET", "/v1/templates?status=PENDING")).body;
    expect(list.data.map((t: { name: string }) => t.name)).toContain("order_update");
    expect(list.sync).toMatchObject({ wabaId: expect.any(String), lastError: null });
  });

  it("pages through the list with a cursor", async () => {
    for (const name of ["page_a", "page_b", "page_c"])
      expect((await api("POST", "/v1/templates", utilityTemplate(name))).status).toBe(201);
    const first = (await api("GET", "/v1/templates?limit=2&name=page_a")).body;
    expect(first.data.length).toBe(1);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { name: string }[]; nextCursor: string | null } = (
        await api("GET", `/v1/templates?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).body;
      all.push(...page.data.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.filter((n) => n.startsWith("page_"))).toEqual(["page_a", "page_b", "page_c"]);
  });
});

describe("templates: an IMAGE header with an uploaded sample, approved by Meta", () => {
  it("uploads the sample, creates the template, and its approval reaches the API", async () => {
    const sample = await upload(
      w,
      w.demo.apiKey,
      "/v1/media/uploads?fileName=banner.png",
      pngBytes(20_000),
      "image/png",
    );
    expect(sample.status).toBe(201);
    const created = await api("POST", "/v1/templates", imageTemplate("summer_sale", sample.body.handle));
    expect(created.status).toBe(201);
    await emulator("POST", `/templates/${created.body.metaTemplateId}/review`, { status: "APPROVED" });
    const synced = await api("POST", "/v1/templates/sync");
    expect(synced.status).toBe(200);
    expect(synced.body.sync.lastError).toBeNull();
    expect((await api("GET", `/v1/templates/${created.body.id}`)).body).toMatchObject({
      status: "APPROVED",
      reason: null,
    });
    const forSend = await getTemplateForSend(templatesDeps(w), asWorkspaceId(w.demo.workspaceId), {
      name: "summer_sale",
      language: "en_US",
    });
    expect(forSend).toMatchObject({
      id: created.body.id,
      headerFormat: "IMAGE",
      headerParameterCount: 1,
      bodyParameterCount: 1,
      buttonParameterCounts: [],
    });
  });

  it("a template the emulator rejects shows Meta's reason", async () => {
    const created = await api("POST", "/v1/templates", utilityTemplate("too_salesy"));
    await emulator("POST", `/templates/${created.body.metaTemplateId}/review`, {
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });
    await api("POST", "/v1/templates/sync");
    expect((await api("GET", `/v1/templates/${created.body.id}`)).body).toMatchObject({
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });
  });
});

describe("templates: edit and delete", () => {
  it("edits a rejected template: new components go to Meta and it is back in review", async () => {
    const created = await api("POST", "/v1/templates", utilityTemplate("fix_me"));
    await emulator("POST", `/templates/${created.body.metaTemplateId}/review`, {
      status: "REJECTED",
      reason: "INVALID_FORMAT",
    });
    await api("POST", "/v1/templates/sync");
    const components = [{ type: "BODY", text: "Your order {{1}} is on its way.", example: { body_text: [["A-17"]] } }];
    const edited = await api("PATCH", `/v1/templates/${created.body.id}`, { components });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: "PENDING", reason: null, components });
    const got = await (
      await metaGraph(w, w.demo.workspaceId)
    )("GET", `/${created.body.metaTemplateId}?fields=components,status`);
    expect(got.body).toMatchObject({ status: "PENDING", components });
  });

  it("deletes by name (every language) and by id (one language)", async () => {
    for (const language of ["en_US", "pt_BR", "es"])
      expect((await api("POST", "/v1/templates", utilityTemplate("multi_lang", language))).status).toBe(201);
    const es = (await api("GET", "/v1/templates?name=multi_lang&language=es")).body.data[0];
    const one = await api("DELETE", `/v1/templates/${es.id}`);
    expect(one.body.deleted).toEqual([{ id: es.id, name: "multi_lang", language: "es" }]);
    const all = await api("DELETE", "/v1/templates/multi_lang");
    expect(all.body.deleted.map((d: { language: string }) => d.language).sort()).toEqual(["en_US", "pt_BR"]);
    expect((await api("GET", "/v1/templates?name=multi_lang")).body.data).toEqual([]);
    const atMeta = (await emulator("GET", "/state")).templates.filter((t: { name: string }) => t.name === "multi_lang");
    expect(atMeta).toEqual([]);
  });
});

describe("templates: made or deleted outside Wharf", () => {
  it("a sync brings in templates made in WhatsApp Manager and drops the ones deleted there", async () => {
    // Without the DELETED webhook (lost, say), only the sync can notice the deletion.
    const webhookUrl = (await emulator("GET", "/state")).webhookUrl;
    await emulator("PUT", "/webhook-url", { url: null });
    const graph = await metaGraph(w, w.demo.workspaceId);
    const waba = (await api("GET", "/v1/templates")).body.sync.wabaId;
    const made = await graph("POST", `/${waba}/message_templates`, {
      name: "made_elsewhere",
      language: "en",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hello there" }],
    });
    expect(made.status).toBe(200);
    const kept = (await api("POST", "/v1/templates", utilityTemplate("deleted_elsewhere"))).body;
    expect((await graph("DELETE", `/${waba}/message_templates?name=deleted_elsewhere`)).status).toBe(200);
    const sync = await api("POST", "/v1/templates/sync");
    expect(sync.body).toMatchObject({ added: 1, removed: 1 });
    expect((await api("GET", "/v1/templates?name=made_elsewhere")).body.data[0]).toMatchObject({
      metaTemplateId: made.body.id,
      status: "PENDING",
    });
    expect((await api("GET", `/v1/templates/${kept.id}`)).status).toBe(404);
    await emulator("PUT", "/webhook-url", { url: webhookUrl });
  });
});
