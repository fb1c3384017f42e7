import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTemplateStatusUpdate, type TemplateStatusUpdate } from "../../src/modules/templates/index.js";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, connectOwnWaba } from "../support/connect.js";
import { metaGraph, templatesDeps, utilityTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>["call"];
let emulator: ReturnType<typeof apiClient>["emulator"];
let wabaId: string;
const apply = (input: TemplateStatusUpdate) => applyTemplateStatusUpdate(templatesDeps(w), input);

beforeAll(async () => {
  w = await startWharf();
  ({ call: api, emulator } = apiClient(w.url, w.demo.apiKey));
  await connectAndActivate(w.url, w.demo.apiKey);
  wabaId = (await emulator("GET", "/state")).wabas[0].id;
  // These tests hand the webhooks to the use-case themselves: Wharf's own receiver must not apply
  // them too (in its own time). The emulator still records what it would have posted.
  await emulator("PUT", "/webhook-url", { url: "http://127.0.0.1:9/webhooks/meta" });
});
afterAll(() => w?.close());

/**
 * The `message_template_status_update` the emulator posted for a template, turned into the
 * use-case's input the way the webhook processor does: Meta's WABA id from the entry, the
 * template id (a JSON number) as a string.
 */
async function statusWebhook(metaTemplateId: string, event: string): Promise<TemplateStatusUpdate> {
  return eventually(
    async () => {
      for (const d of (await emulator("GET", "/webhooks")).deliveries) {
        const body = typeof d.body === "string" ? JSON.parse(d.body) : d.body;
        for (const entry of body.entry ?? []) {
          for (const change of entry.changes ?? []) {
            const v = change.value;
            if (
              change.field !== "message_template_status_update" ||
              String(v.message_template_id) !== metaTemplateId ||
              v.event !== event
            )
              continue;
            return {
              wabaId: entry.id,
              metaTemplateId: String(v.message_template_id),
              name: v.message_template_name,
              language: v.message_template_language,
              event: v.event,
              reason: v.reason,
            };
          }
        }
      }
      return null;
    },
    5_000,
    `the ${event} webhook`,
  );
}

describe("template status from Meta's webhook", () => {
  it("REJECTED keeps Meta's reason; a later APPROVED clears it", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("webhook_review"))).body;
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "REJECTED", reason: "PROMOTIONAL" });
    const rejected = await statusWebhook(t.metaTemplateId, "REJECTED");
    expect(rejected).toMatchObject({ wabaId, name: "webhook_review", language: "en_US", reason: "PROMOTIONAL" });
    await apply(rejected);
    expect((await api("GET", `/v1/templates/${t.id}`)).body).toMatchObject({
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "APPROVED" });
    await apply(await statusWebhook(t.metaTemplateId, "APPROVED"));
    expect((await api("GET", `/v1/templates/${t.id}`)).body).toMatchObject({ status: "APPROVED", reason: null });
  });

  it("PAUSED keeps the explanation the webhook gave, even after a sync that has none", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("gets_paused"))).body;
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "PAUSED" });
    const paused = await statusWebhook(t.metaTemplateId, "PAUSED");
    await apply({ ...paused, reason: "Paused for 3 hours because of low quality." });
    await api("POST", "/v1/templates/sync");
    expect((await api("GET", `/v1/templates/${t.id}`)).body).toMatchObject({
      status: "PAUSED",
      reason: "Paused for 3 hours because of low quality.",
    });
  });

  it("DELETED removes the template", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("gets_deleted"))).body;
    await apply({
      wabaId,
      metaTemplateId: t.metaTemplateId,
      name: "gets_deleted",
      language: "en_US",
      event: "DELETED",
      reason: "NONE",
    });
    expect((await api("GET", `/v1/templates/${t.id}`)).status).toBe(404);
  });

  it("a template Wharf has never seen is read from Meta and stored with the webhook's status", async () => {
    const graph = await metaGraph(w, w.demo.workspaceId);
    const made = (await graph("POST", `/${wabaId}/message_templates`, utilityTemplate("unseen_until_webhook"))).body;
    await apply({
      wabaId,
      metaTemplateId: made.id,
      name: "unseen_until_webhook",
      language: "en_US",
      event: "APPROVED",
      reason: "NONE",
    });
    expect((await api("GET", "/v1/templates?name=unseen_until_webhook")).body.data[0]).toMatchObject({
      metaTemplateId: made.id,
      status: "APPROVED",
      category: "UTILITY",
    });
  });
});

describe("template status routing", () => {
  it("reaches only the workspace that holds that WABA", async () => {
    const admin = apiClient(w.url, w.adminToken);
    const other = (await admin.call("POST", "/v1/workspaces", { name: "Own WABA" })).body;
    const b = apiClient(w.url, other.apiKey);
    // A WABA belongs to one workspace at a time (issue 11): the other tenant has its own.
    await connectOwnWaba(w.url, other.apiKey);
    const t = (await api("POST", "/v1/templates", utilityTemplate("owned_waba"))).body;
    expect((await b.call("POST", "/v1/templates/sync")).status).toBe(200);
    expect((await b.call("GET", "/v1/templates?name=owned_waba")).body.data).toEqual([]);
    await apply({ wabaId, metaTemplateId: t.metaTemplateId, name: "owned_waba", language: "en_US", event: "APPROVED" });
    expect((await api("GET", `/v1/templates/${t.id}`)).body.status).toBe("APPROVED");
    expect((await b.call("GET", "/v1/templates?name=owned_waba")).body.data).toEqual([]);
  });

  it("an update for a WABA no workspace holds changes nothing", async () => {
    const before = (await api("GET", "/v1/templates")).body.data;
    await apply({
      wabaId: "999999999999999",
      metaTemplateId: before[0].metaTemplateId,
      name: before[0].name,
      language: before[0].language,
      event: "DISABLED",
    });
    expect((await api("GET", "/v1/templates")).body.data).toEqual(before);
  });
});
