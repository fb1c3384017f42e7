import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncTemplatesJob } from "../../src/modules/templates/sync-templates.job.js";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate, connectOwnWaba } from "../support/connect.js";
import { firstTemplateSync, metaGraph, templatesDeps, utilityTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let a: ReturnType<typeof apiClient>;
let b: ReturnType<typeof apiClient>;
let bId: string;
const runScheduledSync = () =>
  syncTemplatesJob(templatesDeps(w)).handler(
    {},
    {
      id: "job_test",
      name: "templates.sync",
      attempt: 1,
      isRetry: false,
      workspaceId: null,
      signal: new AbortController().signal,
    },
  );

beforeAll(async () => {
  w = await startWharf();
  a = apiClient(w.url, w.demo.apiKey);
  const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Second" })).body;
  b = apiClient(w.url, other.apiKey);
  bId = other.id;
  // A WABA belongs to one workspace at a time: the second tenant has its own.
  await connectAndActivate(w.url, w.demo.apiKey);
  await connectOwnWaba(w.url, other.apiKey);
  // Connecting queues a first sync of each workspace.
  for (const c of [a, b]) await firstTemplateSync(c.call);
});
afterAll(() => w?.close());

describe("the scheduled template sync", () => {
  it("brings every connected workspace up to date, following Meta's paging", async () => {
    for (const [workspaceId, c] of [
      [w.demo.workspaceId, a],
      [bId, b],
    ] as const) {
      const graph = await metaGraph(w, workspaceId);
      const waba = (await c.call("GET", "/v1/templates")).body.sync.wabaId;
      // More than one page of Meta's listing (100 per page).
      for (let i = 0; i < 105; i++)
        expect(
          (
            await graph("POST", `/${waba}/message_templates`, {
              ...utilityTemplate(`bulk_${String(i).padStart(3, "0")}`),
              components: [{ type: "BODY", text: `Notice ${i}` }],
            })
          ).status,
        ).toBe(200);
    }
    await runScheduledSync();
    for (const c of [a, b]) {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { data: { name: string }[]; nextCursor: string | null } = (
          await c.call("GET", `/v1/templates?limit=500${cursor ? `&cursor=${cursor}` : ""}`)
        ).body;
        names.push(...page.data.map((t) => t.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(names.filter((n) => n.startsWith("bulk_")).length).toBe(105);
    }
  });

  it("skips a workspace that disconnected since, leaving its state as it was", async () => {
    expect((await b.call("DELETE", "/v1/connection")).status).toBe(200);
    const graph = await metaGraph(w, w.demo.workspaceId);
    const waba = (await a.call("GET", "/v1/templates")).body.sync.wabaId;
    await graph("POST", `/${waba}/message_templates`, {
      ...utilityTemplate("after_disconnect"),
      components: [{ type: "BODY", text: "Later" }],
    });
    const bBefore = (await b.call("GET", "/v1/templates")).body.sync;
    await runScheduledSync();
    expect((await a.call("GET", "/v1/templates?name=after_disconnect")).body.data.length).toBe(1);
    expect((await b.call("GET", "/v1/templates?name=after_disconnect")).body.data).toEqual([]);
    expect((await b.call("GET", "/v1/templates")).body.sync).toEqual(bBefore);
  });
});
