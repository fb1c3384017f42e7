import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { apiClient } from "../support/api-client.js";
import type { Json } from "../support/json.js";

describeEachDialect("contacts: create, read, search, filter, update, erase", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>["call"];
  let other: ReturnType<typeof apiClient>["call"];

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey).call;
    const ws = await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Other tenant" });
    other = apiClient(w.url, ws.body.apiKey).call;
  }, 60_000);
  afterAll(() => w?.close());

  it("creates a contact with + or not, reads it by id or phone either way, and refuses a duplicate", async () => {
    const made = await api("POST", "/v1/contacts", {
      phone: "+1 555-010-0001",
      name: "Ana Lima",
      email: "Ana@Example.com",
      language: "pt_BR",
      attributes: { plan: "gold", orders: 3, vip: true },
      tags: ["VIP", "newsletter"],
      consent: { marketing: "opted_in", proof: "checkbox at checkout, order 1001" },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      id: expect.stringMatching(/^ctc_/),
      phone: "+15550100001",
      name: "Ana Lima",
      email: "ana@example.com",
      language: "pt_BR",
      attributes: { plan: "gold", orders: 3, vip: true },
      tags: ["newsletter", "vip"],
      consent: { marketing: "opted_in", source: "api", proof: "checkbox at checkout, order 1001" },
      lastSeenAt: null,
    });
    for (const ref of [made.body.id, "15550100001", "+15550100001", "%2B15550100001"])
      expect((await api("GET", `/v1/contacts/${ref}`)).body.id).toBe(made.body.id);
    const again = await api("POST", "/v1/contacts", { phone: "15550100001" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_EXISTS");
    // The old PUT route takes + numbers now too.
    const put = await api("PUT", "/v1/contacts/+15550100002", { name: "Bruno" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ phone: "+15550100002", waId: "15550100002", name: "Bruno" });
  });

  it("searches by name, email and phone, and filters by tag, consent and attribute with cursor paging", async () => {
    await api("PUT", "/v1/contacts/attributes/birthday", { type: "date" });
    for (let i = 0; i < 7; i++)
      expect(
        (
          await api("POST", "/v1/contacts", {
            phone: `+1555020000${i}`,
            name: `Customer ${i}`,
            email: `c${i}@shop.test`,
            tags: i % 2 === 0 ? ["even"] : ["odd"],
            attributes: { orders: i, birthday: `1990-01-0${i + 1}` },
            ...(i < 3 ? { consent: { marketing: i === 0 ? "opted_out" : "opted_in" } } : {}),
          })
        ).status,
      ).toBe(201);
    const names = (r: Json) => r.body.data.map((c: Json) => c.name);
    expect(names(await api("GET", "/v1/contacts?q=customer%203"))).toEqual(["Customer 3"]);
    expect(names(await api("GET", "/v1/contacts?q=C5%40SHOP"))).toEqual(["Customer 5"]);
    expect(names(await api("GET", "/v1/contacts?q=%2B15550200006"))).toEqual(["Customer 6"]);
    expect(names(await api("GET", "/v1/contacts?tag=even"))).toEqual([
      "Customer 6",
      "Customer 4",
      "Customer 2",
      "Customer 0",
    ]);
    expect(names(await api("GET", "/v1/contacts?tag=even&consent=opted_in"))).toEqual(["Customer 2"]);
    expect(names(await api("GET", "/v1/contacts?tag=even&consent=opted_out"))).toEqual(["Customer 0"]);
    const filter = encodeURIComponent(
      JSON.stringify({
        attributes: [
          { name: "orders", op: "gte", value: 2 },
          { name: "birthday", op: "lt", value: "1990-01-06" },
        ],
      }),
    );
    expect(names(await api("GET", `/v1/contacts?filter=${filter}`))).toEqual([
      "Customer 4",
      "Customer 3",
      "Customer 2",
    ]);
    const shown = (await api("GET", "/v1/contacts?q=customer%204")).body.data[0];
    expect(shown.attributes).toEqual({ orders: 4, birthday: "1990-01-05" });
    // Cursor paging visits every contact once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await api("GET", `/v1/contacts?tag=odd&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.data.map((c: Json) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Customer 5", "Customer 3", "Customer 1"]);
    const bad = await api(
      "GET",
      `/v1/contacts?filter=${encodeURIComponent('{"attributes":[{"name":"nope","op":"eq","value":1}]}')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api("GET", "/v1/contacts?cursor=garbage")).status).toBe(400);
    expect(
      (await api("GET", `/v1/contacts?tag=${encodeURIComponent("'; drop table users; --")}`)).body.error.code,
    ).toBe("VALIDATION_FAILED");
  });

  it("updates profile, attributes and tags; consent changes are kept in the history", async () => {
    const c = (await api("GET", "/v1/contacts/+15550200001")).body;
    const patched = await api("PATCH", `/v1/contacts/${c.id}`, {
      name: "Customer One",
      attributes: { orders: 10, birthday: null },
      addTags: ["Repeat"],
      removeTags: ["odd"],
      consent: { marketing: "opted_out", proof: "asked by phone" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Customer One",
      attributes: { orders: 10 },
      tags: ["repeat"],
      consent: { marketing: "opted_out", source: "api", proof: "asked by phone" },
    });
    const history = (await api("GET", `/v1/contacts/${c.id}/consent-history`)).body.data;
    expect(history.map((h: Json) => [h.marketing, h.source, h.applied])).toEqual([
      ["opted_in", "api", true],
      ["opted_out", "api", true],
    ]);
    const wrongType = await api("PATCH", `/v1/contacts/${c.id}`, { attributes: { orders: "many" } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain("orders");
  });

  it("keeps another workspace's contacts out of sight", async () => {
    const c = (await api("GET", "/v1/contacts/+15550100001")).body;
    expect((await other("GET", `/v1/contacts/${c.id}`)).status).toBe(404);
    expect((await other("GET", "/v1/contacts/+15550100001")).status).toBe(404);
    expect((await other("PATCH", `/v1/contacts/${c.id}`, { name: "x" })).status).toBe(404);
    expect((await other("DELETE", `/v1/contacts/${c.id}`)).status).toBe(404);
    expect((await other("GET", `/v1/contacts/${c.id}/consent-history`)).status).toBe(404);
    expect((await other("GET", "/v1/contacts?q=ana")).body.data).toEqual([]);
    expect((await other("GET", "/v1/contacts/tags")).body.data).toEqual([]);
  });

  it("erases a contact: its personal data, tags, attributes and consent history go", async () => {
    const c = (await api("GET", "/v1/contacts/+15550100001")).body;
    const del = await api("DELETE", `/v1/contacts/${c.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id: c.id, erased: true });
    expect((await api("GET", `/v1/contacts/${c.id}`)).status).toBe(404);
    expect((await api("GET", "/v1/contacts/+15550100001")).status).toBe(404);
    expect((await api("GET", "/v1/contacts?q=ana")).body.data).toEqual([]);
    const db = w.wharf.database.db;
    for (const table of ["contact_tags", "contact_attributes", "contact_consent_events"])
      expect(
        await db
          .selectFrom(table as never)
          .selectAll()
          .where("contact_id" as never, "=", c.id as never)
          .execute(),
      ).toEqual([]);
  });
});
