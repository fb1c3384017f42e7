import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { apiClient, eventually } from "../support/api-client.js";
import { inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

describeEachDialect("contacts: segments, export, STOP/START keywords, erasure of messages", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>["call"];
  let other: ReturnType<typeof apiClient>["call"];
  const h = inboxHarness(() => w);
  let ids: Awaited<ReturnType<typeof h.connect>>;
  const inbound = (from: string, text: string) =>
    h.emulator("/inbound", { phoneNumberId: ids.metaPhoneNumberId, from, text, name: "Wa Name" });

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey).call;
    ids = await h.connect(w.demo.apiKey);
    const ws = await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Seg other" });
    other = apiClient(w.url, ws.body.apiKey).call;
    for (let i = 0; i < 6; i++)
      await api("POST", "/v1/contacts", {
        phone: `+1555060000${i}`,
        name: `Seg ${i}`,
        tags: i < 4 ? ["club"] : [],
        attributes: { spend: i * 10 },
        ...(i < 2 ? { consent: { marketing: "opted_in" } } : {}),
      });
  }, 60_000);
  afterAll(() => w?.close());

  it("saves a filter as a segment with a live count, and resolves it the same as the list", async () => {
    const made = await api("POST", "/v1/segments", {
      name: "Club spenders",
      filter: { tags: ["club"], attributes: [{ name: "spend", op: "gte", value: 10 }] },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: expect.stringMatching(/^seg_/), name: "Club spenders", count: 3 });
    await api("PATCH", "/v1/contacts/+15550600000", { attributes: { spend: 99 } });
    expect((await api("GET", `/v1/segments/${made.body.id}`)).body.count).toBe(4);
    const renamed = await api("PATCH", `/v1/segments/${made.body.id}`, {
      filter: { tags: ["club"], consent: "opted_in" },
    });
    expect(renamed.body).toMatchObject({ name: "Club spenders", count: 2 });
    expect((await api("GET", "/v1/segments")).body.data.map((s: Json) => [s.name, s.count])).toEqual([
      ["Club spenders", 2],
    ]);
    expect((await api("POST", "/v1/segments", { name: "Club spenders", filter: {} })).status).toBe(409);
    const bad = await api("POST", "/v1/segments", {
      name: "Bad",
      filter: { attributes: [{ name: "nope", op: "exists" }] },
    });
    expect(bad.status).toBe(400);
    expect((await api("POST", "/v1/segments", { name: "Bad", filter: { colour: "red" } })).status).toBe(400);
    // Tenant isolation.
    expect((await other("GET", `/v1/segments/${made.body.id}`)).status).toBe(404);
    expect((await other("PATCH", `/v1/segments/${made.body.id}`, { name: "x" })).status).toBe(404);
    expect((await other("DELETE", `/v1/segments/${made.body.id}`)).status).toBe(404);
    expect((await other("GET", "/v1/segments")).body.data).toEqual([]);
    expect((await api("DELETE", `/v1/segments/${made.body.id}`)).status).toBe(204);
    expect((await api("GET", `/v1/segments/${made.body.id}`)).status).toBe(404);
  });

  it("exports the filtered list as CSV and NDJSON, quoting what needs it and defusing formulas", async () => {
    await api("PATCH", "/v1/contacts/+15550600001", { name: '=HYPERLINK("x"), "quoted"' });
    const csv = await fetch(`${w.url}/v1/contacts/export?tag=club&format=csv`, {
      headers: { authorization: `Bearer ${w.demo.apiKey}` },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,phone,name,email,external_id,language,tags,consent,consent_source,consent_at,last_seen_at,created_at,spend",
    );
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes("+15550600001"))).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    const nd = await fetch(`${w.url}/v1/contacts/export?format=ndjson&consent=opted_in`, {
      headers: { authorization: `Bearer ${w.demo.apiKey}` },
    });
    const rows = (await nd.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.phone).sort()).toEqual(["+15550600000", "+15550600001"]);
    const forbidden = await fetch(`${w.url}/v1/contacts/export`, { headers: { authorization: `Bearer ${"x"}` } });
    expect(forbidden.status).toBe(401);
  });

  it("opts out on the workspace's STOP words and back in on START, per language, and the lists are configurable", async () => {
    expect((await api("GET", "/v1/contacts/consent-keywords")).body).toMatchObject({
      custom: false,
      stop: { en: expect.arrayContaining(["STOP"]) },
    });
    await inbound("15550600002", "Baja");
    await eventually(async () => (await api("GET", "/v1/contacts/15550600002")).body.consent.marketing === "opted_out");
    await new Promise((r) => setTimeout(r, 1_100));
    await inbound("15550600002", "start!");
    await eventually(async () => (await api("GET", "/v1/contacts/15550600002")).body.consent.marketing === "opted_in");
    const history = (await api("GET", "/v1/contacts/15550600002/consent-history")).body.data;
    expect(history.map((e: Json) => [e.marketing, e.source])).toEqual([
      ["opted_out", "inbound_stop"],
      ["opted_in", "inbound_start"],
    ]);
    const set = await api("PUT", "/v1/contacts/consent-keywords", {
      stop: { nl: ["Afmelden"] },
      start: { nl: ["Aanmelden"] },
    });
    expect(set.body).toEqual({ custom: true, stop: { nl: ["AFMELDEN"] }, start: { nl: ["AANMELDEN"] } });
    expect((await other("GET", "/v1/contacts/consent-keywords")).body.custom).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    await inbound("15550600003", "STOP"); // no longer a keyword of this workspace
    await inbound("15550600004", "afmelden");
    await eventually(async () => (await api("GET", "/v1/contacts/15550600004")).body.consent.marketing === "opted_out");
    expect((await api("GET", "/v1/contacts/15550600003")).body.consent.marketing).toBe("unknown");
    expect(
      (await api("PUT", "/v1/contacts/consent-keywords", { stop: { en: ["GO"] }, start: { en: ["go"] } })).status,
    ).toBe(400);
    expect((await api("PUT", "/v1/contacts/consent-keywords", { reset: true })).body.custom).toBe(false);
  });

  it("erasing a contact erases its messages' bodies and number but keeps the counts", async () => {
    await inbound("15550600005", "my secret address is 1 Main St");
    await eventually(async () => (await api("GET", "/v1/contacts/15550600005")).body.lastSeenAt !== null);
    const db = w.wharf.database.db;
    const rowsOf = (waId: string) =>
      db
        .selectFrom("messages" as never)
        .select(["content" as never, "wa_id" as never])
        .where("wa_id" as never, "=", waId as never)
        .execute() as Promise<Array<{ content: string; wa_id: string }>>;
    expect((await rowsOf("15550600005"))[0]!.content).toContain("1 Main St");
    const c = (await api("GET", "/v1/contacts/15550600005")).body;
    expect(c.conversations).toHaveLength(1);
    const del = await api("DELETE", "/v1/contacts/+15550600005");
    expect(del.body).toEqual({ id: c.id, erased: true, messagesErased: 1 });
    expect(await rowsOf("15550600005")).toEqual([]);
    const kept = await rowsOf(`erased.${c.id}`);
    expect(kept).toEqual([{ content: '{"erased":true}', wa_id: `erased.${c.id}` }]);
    const conv = (await api("GET", `/v1/conversations/${c.conversations[0].id}`)).body;
    expect(JSON.stringify(conv)).not.toContain("15550600005");
    expect(JSON.stringify(conv)).not.toContain("Wa Name");
  });
});
