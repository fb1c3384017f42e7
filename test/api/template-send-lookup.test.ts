import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTemplateForSend } from "../../src/modules/templates/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../src/platform/workspace-id.js";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { firstTemplateSync, metaGraph, templatesDeps, utilityTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>["call"];
let emulator: ReturnType<typeof apiClient>["emulator"];
let ws: WorkspaceId;
const lookup = (name: string, language = "en_US") => getTemplateForSend(templatesDeps(w), ws, { name, language });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => Promise.reject(new Error("expected a refusal")),
    (err: unknown) =>
      err as { code: string; message: string; status: number; retryable: boolean; extra: { details?: unknown } },
  );

beforeAll(async () => {
  w = await startWharf();
  ws = asWorkspaceId(w.demo.workspaceId);
  ({ call: api, emulator } = apiClient(w.url, w.demo.apiKey));
  await connectAndActivate(w.url, w.demo.apiKey);
  await firstTemplateSync(api);
});
afterAll(() => w?.close());

describe("send lookup: a template Wharf has not seen yet", () => {
  it("is looked up at Meta once, stored, and returned", async () => {
    const graph = await metaGraph(w, w.demo.workspaceId);
    const waba = (await api("GET", "/v1/templates")).body.sync.wabaId;
    const made = await graph("POST", `/${waba}/message_templates`, utilityTemplate("made_in_manager"));
    await emulator("POST", `/templates/${made.body.id}/review`, { status: "APPROVED" });
    expect((await api("GET", "/v1/templates?name=made_in_manager")).body.data).toEqual([]);
    const t = await lookup("made_in_manager");
    expect(t).toMatchObject({
      metaTemplateId: made.body.id,
      name: "made_in_manager",
      language: "en_US",
      category: "UTILITY",
      parameterFormat: "POSITIONAL",
      headerFormat: "TEXT",
      headerParameterCount: 1,
      bodyParameterCount: 2,
      buttonParameterCounts: [0, 1],
    });
    expect((await api("GET", "/v1/templates?name=made_in_manager")).body.data[0]).toMatchObject({
      id: t.id,
      status: "APPROVED",
    });
  });

  it("still unknown at Meta: TEMPLATE_NOT_FOUND naming the template, its language, and the languages it has", async () => {
    const none = await failure(lookup("no_such_template", "de"));
    expect(none).toMatchObject({ code: "TEMPLATE_NOT_FOUND", status: 422 });
    expect(none.message).toContain('"no_such_template"');
    expect(none.message).toContain('"de"');
    expect(none.message).not.toMatch(/132001|132000/);
    const otherLanguage = await failure(lookup("made_in_manager", "fr"));
    expect(otherLanguage.message).toContain("It exists in en_US");
    expect(otherLanguage.extra.details).toMatchObject({ availableLanguages: ["en_US"] });
  });

  it("Meta unreachable during the lookup is a retryable error, not 'not found'", async () => {
    await emulator("POST", "/faults", { method: "GET", path: "/v23.0/*/message_templates", status: 503, count: 10 });
    const err = await failure(lookup("during_outage"));
    await emulator("DELETE", "/faults");
    expect(err).toMatchObject({ code: "META_UNAVAILABLE", retryable: true });
  });
});

describe("send lookup: a template that is not approved", () => {
  it("PENDING: TEMPLATE_NOT_APPROVED with its status", async () => {
    await api("POST", "/v1/templates", utilityTemplate("still_pending"));
    const err = await failure(lookup("still_pending"));
    expect(err).toMatchObject({ code: "TEMPLATE_NOT_APPROVED", status: 422 });
    expect(err.message).toContain('"still_pending" (en_US) is PENDING');
  });

  it("REJECTED: the error carries Meta's reason", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("was_rejected"))).body;
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, {
      status: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
    });
    await api("POST", "/v1/templates/sync");
    const err = await failure(lookup("was_rejected"));
    expect(err.message).toContain("REJECTED (Meta's reason: TAG_CONTENT_MISMATCH)");
    expect(err.extra.details).toMatchObject({
      status: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
      name: "was_rejected",
      language: "en_US",
    });
  });

  it("approved: returned, without asking Meta again", async () => {
    const t = (await api("POST", "/v1/templates", utilityTemplate("ready_to_send"))).body;
    await emulator("POST", `/templates/${t.metaTemplateId}/review`, { status: "APPROVED" });
    await api("POST", "/v1/templates/sync");
    await emulator("POST", "/faults", { method: "GET", path: "/**", status: 503, count: 5 });
    const found = await lookup("ready_to_send");
    await emulator("DELETE", "/faults");
    expect(found).toMatchObject({ id: t.id, metaTemplateId: t.metaTemplateId });
  });
});
