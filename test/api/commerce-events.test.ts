import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { RecordedEvent } from "../../src/platform/events.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";

/** Issue 17: POST /v1/events records typed business events on contacts' timelines, once per key. */
describeEachDialect("commerce events", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  const published: RecordedEvent[] = [];

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    w.wharf.events.subscribe(asWorkspaceId(w.demo.workspaceId), (e) => void published.push(e));
  }, 90_000);
  afterAll(() => w?.close());

  const order = (orderId: string) => ({
    orderId,
    orderNumber: "#1047",
    total: "287.90",
    currency: "BRL",
    extra: { any: 1 },
  });

  it("records an order on the contact found or created by phone, on its timeline and as commerce.event", async () => {
    const r = await api.call("POST", "/v1/events", {
      type: "order.created",
      contact: { phone: "+15557300001", email: "Ana@Example.com" },
      data: order("1001"),
      occurredAt: "2026-12-04T14:09:31-05:00",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.id).toMatch(/^cev_/);
    // The same customer by email, with or without + in the path.
    await api.call("POST", "/v1/events", {
      type: "order.fulfilled",
      contact: { email: "ana@example.com" },
      data: order("1001"),
    });
    const timeline = await api.call("GET", "/v1/contacts/15557300001/events");
    expect(timeline.status).toBe(200);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(["order.fulfilled", "order.created"]);
    expect(timeline.body.data[1]).toMatchObject({
      id: r.body.id,
      source: "api",
      occurredAt: "2026-12-04T19:09:31.000Z",
      data: { orderId: "1001", extra: { any: 1 } },
    });
    expect((await api.call("GET", "/v1/contacts/+15557300001/events?type=order.created")).body.data).toHaveLength(1);
    const e = published.find((p) => p.type === "commerce.event" && p.data.id === r.body.id);
    expect(e?.data).toMatchObject({ type: "order.created", source: "api", contactId: timeline.body.data[0].contactId });
  });

  it("an unknown type is refused with the known ones; data that misses its schema names the field", async () => {
    const unknown = await api.call("POST", "/v1/events", {
      type: "order.teleported",
      contact: { phone: "+15557300002" },
      data: {},
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("EVENT_TYPE_UNKNOWN");
    expect(unknown.body.error.details.known).toEqual(
      expect.arrayContaining(["order.created", "checkout.abandoned", "customer.updated"]),
    );
    expect(unknown.body.error.message).toContain("checkout.completed");
    const bad = await api.call("POST", "/v1/events", {
      type: "order.created",
      contact: { phone: "+15557300002" },
      data: { total: "12.00" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: "data.orderId" })]);
    const nobody = await api.call("POST", "/v1/events", { type: "order.created", contact: {}, data: order("1") });
    expect(nobody.status).toBe(400);
    // Nothing of the refused requests reached a timeline.
    expect((await api.call("GET", "/v1/contacts/+15557300002/events")).status).toBe(404);
  });

  it("the same idempotency key records once, also when sent concurrently; another event under it is refused", async () => {
    const body = {
      type: "checkout.created",
      contact: { phone: "+15557300003" },
      data: { checkoutToken: "tok-1" },
      idempotencyKey: "k-1",
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => api.call("POST", "/v1/events", body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await api.call("GET", "/v1/contacts/+15557300003/events")).body.data).toHaveLength(1);
    expect(published.filter((p) => p.type === "commerce.event" && p.data.id === answers[0]!.body.id)).toHaveLength(1);
    // Key order in the body does not matter; different data does.
    const same = await api.call("POST", "/v1/events", {
      idempotencyKey: "k-1",
      data: { checkoutToken: "tok-1" },
      contact: { phone: "+15557300003" },
      type: "checkout.created",
    });
    expect(same.body.id).toBe(answers[0]!.body.id);
    const other = await api.call("POST", "/v1/events", { ...body, data: { checkoutToken: "tok-2" } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("a workspace registers its own type with a field list, uses it, and removes it", async () => {
    const put = await api.call("PUT", "/v1/events/types/subscription.renewed", {
      description: "A subscription renewed",
      fields: [
        { name: "planId", type: "string", required: true },
        { name: "amount", type: "number" },
        { name: "renewsAt", type: "datetime" },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.schema).toMatchObject({ type: "object", required: ["planId"] });
    const types = (await api.call("GET", "/v1/events/types")).body.data as Array<{ type: string; builtIn: boolean }>;
    expect(types.filter((t) => t.builtIn).map((t) => t.type)).toEqual(
      expect.arrayContaining([
        "order.created",
        "order.fulfilled",
        "order.cancelled",
        "checkout.abandoned",
        "checkout.created",
        "checkout.completed",
        "customer.created",
        "customer.updated",
      ]),
    );
    expect(types.find((t) => t.type === "subscription.renewed")).toMatchObject({ builtIn: false });
    const ok = await api.call("POST", "/v1/events", {
      type: "subscription.renewed",
      contact: { externalId: "cust-9" },
      data: { planId: "gold", amount: 9.5, renewsAt: "2027-01-01T00:00:00Z" },
    });
    expect(ok.status).toBe(202);
    const missing = await api.call("POST", "/v1/events", {
      type: "subscription.renewed",
      contact: { externalId: "cust-9" },
      data: { amount: "lots" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      "data.amount",
      "data.planId",
    ]);
    expect((await api.call("PUT", "/v1/events/types/order.created", { fields: [] })).status).toBe(409);
    expect((await api.call("PUT", "/v1/events/types/NotAType", { fields: [] })).status).toBe(400);
    expect((await api.call("DELETE", "/v1/events/types/subscription.renewed")).status).toBe(204);
    expect(
      (
        await api.call("POST", "/v1/events", {
          type: "subscription.renewed",
          contact: { externalId: "cust-9" },
          data: { planId: "x" },
        })
      ).status,
    ).toBe(422);
    expect((await api.call("DELETE", "/v1/events/types/subscription.renewed")).status).toBe(404);
  });

  it("GET /v1/events is still the live stream beside POST", async () => {
    const ctl = new AbortController();
    const res = await fetch(`${w.url}/v1/events`, {
      headers: { authorization: `Bearer ${w.demo.apiKey}` },
      signal: ctl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    ctl.abort();
  });

  it("erasing a contact erases its business events with it", async () => {
    await api.call("POST", "/v1/events", {
      type: "order.created",
      contact: { phone: "+15557300009" },
      data: order("9"),
    });
    const events = async () =>
      Number(
        (
          await w.wharf.database.db
            .selectFrom("commerce_events" as "contacts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("data", "like", '%"orderId":"9"%')
            .executeTakeFirst()
        )?.n ?? 0,
      );
    expect(await events()).toBe(1);
    expect((await api.call("DELETE", "/v1/contacts/+15557300009")).status).toBeLessThan(300);
    expect(await events()).toBe(0);
    expect((await api.call("GET", "/v1/contacts/+15557300009/events")).status).toBe(404);
  });

  it("another workspace sees neither the contact's timeline nor the workspace's types", async () => {
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Other shop" })).body;
    const b = apiClient(w.url, other.apiKey as string);
    expect((await b.call("GET", "/v1/contacts/+15557300001/events")).status).toBe(404);
    await api.call("PUT", "/v1/events/types/loyalty.points_added", {
      fields: [{ name: "points", type: "integer", required: true }],
    });
    const theirs = (await b.call("GET", "/v1/events/types")).body.data as Array<{ type: string }>;
    expect(theirs.map((t) => t.type)).not.toContain("loyalty.points_added");
    expect(
      (
        await b.call("POST", "/v1/events", {
          type: "loyalty.points_added",
          contact: { phone: "+15557300001" },
          data: { points: 5 },
        })
      ).status,
    ).toBe(422);
  });
});
