import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { signShopifyBody } from "../../src/modules/shopify/index.js";
import { runShopifyEmulatorCommand } from "../../src/shopify-emulator-command.js";

/**
 * Issue 17, acceptance 2: a Shopify checkouts/create fixture signed with the shop's secret creates
 * the contact and a checkout event carrying its token; a bad HMAC is 401 and stores nothing; a
 * redelivered webhook id is stored once (also when the redeliveries race).
 */
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/shopify");
const SHOP = "mare-store.myshopify.com";
const SECRET = "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";
const PHONE = "+5511987654321";

describeEachDialect("the Shopify connector", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  const fixture = (topic: string) => fs.readFileSync(path.join(FIXTURES, `${topic.replace("/", "-")}.json`));

  const post = (body: Buffer, h: { topic: string; id: string; hmac?: string; shop?: string; ws?: string }) =>
    fetch(`${w.url}/integrations/shopify/${h.ws ?? w.demo.workspaceId}/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": h.topic,
        "x-shopify-hmac-sha256": h.hmac ?? signShopifyBody(body, SECRET),
        "x-shopify-shop-domain": h.shop ?? SHOP,
        "x-shopify-webhook-id": h.id,
      },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { status?: string; error?: { code: string } },
    }));

  const stored = async () => {
    const db = w.wharf.database.db;
    const count = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as "shopify_webhooks")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    return {
      webhooks: await count("shopify_webhooks"),
      events: await count("commerce_events"),
      contacts: await count("contacts"),
    };
  };

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
  }, 90_000);
  afterAll(() => w?.close());

  it("connects a shop: the secret is kept encrypted and never shown", async () => {
    const put = await api.call("PUT", "/v1/integrations/shopify", {
      shopDomain: `https://${SHOP.toUpperCase()}/`,
      webhookSecret: SECRET,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({
      shopDomain: SHOP,
      hasWebhookSecret: true,
      webhookUrl: expect.stringMatching(new RegExp(`/integrations/shopify/${w.demo.workspaceId}/webhooks$`)),
      lastWebhook: null,
    });
    const got = await api.call("GET", "/v1/integrations/shopify");
    expect(JSON.stringify(got.body)).not.toContain(SECRET);
    const rows = await w.wharf.database.db
      .selectFrom("secrets" as "shopify_shops")
      .selectAll()
      .execute();
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(
      (await api.call("PUT", "/v1/integrations/shopify", { shopDomain: "shop.example.com", webhookSecret: SECRET }))
        .status,
    ).toBe(400);
  });

  it("a bad, missing or foreign signature, another shop and an unknown workspace are one 401, and nothing is stored", async () => {
    const body = fixture("checkouts/create");
    const before = await stored();
    const refused = [
      await post(body, { topic: "checkouts/create", id: "bad-1", hmac: signShopifyBody(body, "not-the-secret") }),
      await post(body, { topic: "checkouts/create", id: "bad-2", hmac: "" }),
      await post(Buffer.concat([body, Buffer.from("\n")]), {
        topic: "checkouts/create",
        id: "bad-3",
        hmac: signShopifyBody(body, SECRET),
      }),
      await post(body, { topic: "checkouts/create", id: "bad-4", shop: "other-store.myshopify.com" }),
      await post(body, { topic: "checkouts/create", id: "bad-5", ws: "ws_00000000000000000000" }),
      await post(body, { topic: "checkouts/create", id: "bad-6", ws: "..%2F..%2Fv1%2Fworkspaces" }),
    ];
    for (const r of refused)
      expect(r).toEqual({
        status: 401,
        body: { error: expect.objectContaining({ code: "WEBHOOK_SIGNATURE_INVALID" }) },
      });
    expect(await stored()).toEqual(before);
    expect(before.webhooks).toBe(0);
    expect((await api.call("GET", `/v1/contacts/${encodeURIComponent(PHONE)}`)).status).toBe(404);
  });

  it("a signed checkouts/create creates the contact, its store consent and a checkout.created event with the token", async () => {
    const r = await post(fixture("checkouts/create"), {
      topic: "checkouts/create",
      id: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    });
    expect(r).toEqual({ status: 200, body: { status: "recorded", eventId: expect.stringMatching(/^cev_/) } });
    const contact = await api.call("GET", `/v1/contacts/${encodeURIComponent(PHONE)}`);
    expect(contact.status).toBe(200);
    expect(contact.body).toMatchObject({
      name: "Ana Souza",
      email: "ana.souza@example.com",
      consent: { marketing: "opted_in", source: "store" },
    });
    const timeline = (await api.call("GET", `/v1/contacts/${encodeURIComponent(PHONE)}/events`)).body.data;
    expect(timeline).toEqual([
      expect.objectContaining({
        type: "checkout.created",
        source: "shopify",
        occurredAt: "2026-12-04T19:01:55.000Z",
        data: expect.objectContaining({
          checkoutToken: "b1946ac92492d2347c6235b4d2611184",
          recoveryUrl: expect.stringContaining("/recover?key="),
        }),
      }),
    ]);
    expect((await api.call("GET", "/v1/integrations/shopify")).body.lastWebhook).toMatchObject({
      topic: "checkouts/create",
      outcome: "recorded checkout.created",
    });
  });

  it("a redelivered webhook id is stored once, also when the redeliveries arrive together", async () => {
    const body = fixture("orders/create");
    const first = await post(body, { topic: "orders/create", id: "wh-order-1" });
    expect(first.body.status).toBe("recorded");
    const again = await Promise.all(
      Array.from({ length: 6 }, () => post(body, { topic: "orders/create", id: "wh-order-1" })),
    );
    expect(again.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(again.map((a) => a.body.status)).toEqual(Array(6).fill("duplicate"));
    const racing = await Promise.all(
      Array.from({ length: 6 }, () =>
        post(fixture("orders/fulfilled"), { topic: "orders/fulfilled", id: "wh-fulfil-1" }),
      ),
    );
    expect(racing.filter((a) => a.body.status === "recorded")).toHaveLength(1);
    const types = (await api.call("GET", `/v1/contacts/${encodeURIComponent(PHONE)}/events`)).body.data.map(
      (e: { type: string }) => e.type,
    );
    expect(types.filter((t: string) => t === "order.created")).toHaveLength(1);
    expect(types.filter((t: string) => t === "order.fulfilled")).toHaveLength(1);
  });

  it("completion, cancellation and a customer's SMS opt-out map to their events and consent", async () => {
    expect(
      (await post(fixture("checkouts/update-completed"), { topic: "checkouts/update", id: "wh-co-2" })).body.status,
    ).toBe("recorded");
    expect(
      (await post(fixture("orders/cancelled"), { topic: "orders/cancelled", id: "wh-cancel-1" })).body.status,
    ).toBe("recorded");
    expect((await post(fixture("customers/update"), { topic: "customers/update", id: "wh-cust-2" })).body.status).toBe(
      "recorded",
    );
    const types = (await api.call("GET", `/v1/contacts/${encodeURIComponent(PHONE)}/events`)).body.data.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(["checkout.completed", "order.cancelled", "customer.updated"]));
    const contact = (await api.call("GET", `/v1/contacts/${encodeURIComponent(PHONE)}`)).body;
    expect(contact.consent).toMatchObject({ marketing: "opted_out", source: "store" });
    // A topic Wharf does not read is acknowledged (Shopify would retry anything else) and changes nothing.
    expect((await post(Buffer.from("{}"), { topic: "products/create", id: "wh-prod-1" })).body.status).toBe("ignored");
  });

  it("bodies over 2 MiB are refused before anything is read", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x20);
    const r = await post(big, { topic: "orders/create", id: "wh-big" });
    expect(r.status).toBe(413);
  });

  it("wharf shopify-emulator signs and posts a fixture; the same --webhook-id again is a duplicate", async () => {
    const lines: string[] = [];
    const out = { stdout: (s: string) => void lines.push(s), stderr: (s: string) => void lines.push(s) };
    const args = [
      "--url",
      w.url,
      "--workspace",
      w.demo.workspaceId,
      "--secret",
      SECRET,
      "--topic",
      "customers/create",
      "--shop",
      SHOP,
      "--webhook-id",
      "cli-1",
    ];
    expect(await runShopifyEmulatorCommand(args, out)).toBe(0);
    expect(await runShopifyEmulatorCommand(args, out)).toBe(0);
    expect(lines.join("")).toMatch(/→ 200 .*"recorded".*\n.*→ 200 .*"duplicate"/s);
    expect(await runShopifyEmulatorCommand([...args.slice(0, 5), "wrong-secret", ...args.slice(6)], out)).toBe(1);
    expect(await runShopifyEmulatorCommand(["--url", w.url], out)).toBe(2);
  });

  it("a disconnected shop's webhooks are refused like any unsigned one", async () => {
    expect((await api.call("DELETE", "/v1/integrations/shopify")).status).toBe(204);
    expect((await api.call("GET", "/v1/integrations/shopify")).status).toBe(404);
    expect((await post(fixture("orders/create"), { topic: "orders/create", id: "wh-after" })).status).toBe(401);
  });
});
