import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { connectCatalogToken, productBody, SEED_CATALOG_ID } from "../support/catalog.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";
import { describeEachDialect } from "../support/databases.js";

describeEachDialect("product messages", (dialect) => {
  // Issue 16, acceptance 3: product messages (single, multi, catalog) reach `read` through the
  // emulator, from POST /v1/messages and from an agent's reply; Meta's limits are checked before
  // Meta sees the message; an inbound order is stored, shown and sent out as `order.received`.
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;
  let receiver: http.Server;
  const received: Json[] = [];
  const customer = "15550601001";

  beforeAll(async () => {
    w = await startWharf({ dialect, env: { WHARF_CATALOG_SYNC_DEBOUNCE_MS: "50", WHARF_CATALOG_POLL_MS: "30" } });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    // The products are Wharf's, synced to the emulator's catalog the way a business's are.
    await connectCatalogToken(w, w.demo.apiKey);
    for (const [id, n] of [
      ["SKU-TEA", 1],
      ["SKU-CUP", 2],
    ] as const)
      expect((await api.call("PUT", `/v1/catalog/products/${id}`, productBody(n))).status).toBe(201);
    expect((await api.call("POST", "/v1/catalog/sync")).status).toBe(202);
    await eventually(
      async () => {
        const c = (await api.call("GET", "/v1/catalog")).body;
        return c.products.synced === 2 ? c : null;
      },
      20_000,
      "both products synced",
    );
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c)).on("end", () => (received.push(JSON.parse(body)), res.writeHead(200).end()));
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const port = (receiver.address() as { port: number }).port;
    const ep = await api.call("POST", "/v1/webhook-endpoints", {
      url: `http://127.0.0.1:${port}/orders`,
      events: ["order.received"],
    });
    expect(ep.status, JSON.stringify(ep.body)).toBe(201);
    await api.emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: customer,
      text: "Hi",
    });
    await eventually(async () => (await conversation()) ?? null, 10_000, "the customer's conversation");
  }, 60_000);
  afterAll(async () => {
    receiver?.close();
    await w?.close();
  });

  const conversation = async (): Promise<Json> =>
    (await api.call("GET", `/v1/conversations?waId=${customer}`)).body.data[0];

  const single = (retailerId: string) => ({
    type: "product",
    body: { text: "This one?" },
    action: { catalog_id: SEED_CATALOG_ID, product_retailer_id: retailerId },
  });
  const multi = (sections: { title?: string; ids: string[] }[]) => ({
    type: "product_list",
    header: { type: "text", text: "For you" },
    body: { text: "Our picks" },
    action: {
      catalog_id: SEED_CATALOG_ID,
      sections: sections.map((s) => ({
        ...(s.title === undefined ? {} : { title: s.title }),
        product_items: s.ids.map((id) => ({ product_retailer_id: id })),
      })),
    },
  });
  const catalogMessage = {
    type: "catalog_message",
    body: { text: "Browse our catalog" },
    action: { name: "catalog_message", parameters: { thumbnail_product_retailer_id: "SKU-TEA" } },
  };

  const send = (interactive: unknown) =>
    api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: `+${customer}`,
      type: "interactive",
      interactive,
    });

  const finalStatus = (id: string) =>
    eventually(
      async () => {
        const m = (await api.call("GET", `/v1/messages/${id}`)).body;
        return m.status === "read" || m.status === "failed" ? m : null;
      },
      15_000,
      `message ${id} settled`,
    );

  const sentToMeta = async () =>
    ((await api.emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`)).data as Json[])
      .length;

  describe("product messages reach read through the emulator", () => {
    it("a single product, a multi-product and a catalog message sent with POST /v1/messages", async () => {
      for (const interactive of [
        single("SKU-TEA"),
        multi([
          { title: "Drinks", ids: ["SKU-TEA"] },
          { title: "Things", ids: ["SKU-CUP"] },
        ]),
        multi([{ ids: ["SKU-TEA", "SKU-CUP"] }]),
        catalogMessage,
      ]) {
        const sent = await send(interactive);
        expect(sent.status, JSON.stringify(sent.body)).toBe(202);
        const settled = await finalStatus(sent.body.id);
        expect(settled.status, JSON.stringify(settled)).toBe("read");
        expect(settled.content.interactive).toEqual(interactive);
      }
    });

    it("an agent's reply in the conversation with a product", async () => {
      const c = await conversation();
      const sent = await api.call("POST", `/v1/conversations/${c.id}/messages`, {
        type: "interactive",
        interactive: multi([{ ids: ["SKU-CUP"] }]),
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      expect((await finalStatus(sent.body.id)).status).toBe("read");
    });

    it("a product the catalog does not have is refused before Meta sees it (PRODUCT_NOT_AVAILABLE)", async () => {
      const before = await sentToMeta();
      const sent = await send(single("SKU-GONE"));
      expect(sent.status).toBe(422);
      expect(sent.body.error.code).toBe("PRODUCT_NOT_AVAILABLE");
      expect(JSON.stringify(sent.body.error)).toContain("SKU-GONE");
      expect(await sentToMeta()).toBe(before);
    });
  });

  describe("Meta's limits on product messages are checked before Meta sees them", () => {
    const ids = (n: number, prefix = "S") => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    it.each([
      ["11 sections", multi(ids(11).map((id) => ({ title: id, ids: [id] })))],
      [
        "31 products",
        multi([
          { title: "a", ids: ids(15, "a") },
          { title: "b", ids: ids(16, "b") },
        ]),
      ],
      ["two sections, one untitled", multi([{ title: "a", ids: ["SKU-TEA"] }, { ids: ["SKU-CUP"] }])],
      ["no header", { ...multi([{ ids: ["SKU-TEA"] }]), header: undefined }],
      ["a header on a single product", { ...single("SKU-TEA"), header: { type: "text", text: "no" } }],
      ["a section title over 24 characters", multi([{ title: "x".repeat(25), ids: ["SKU-TEA"] }])],
    ])("refuses %s with VALIDATION_FAILED, sending nothing", async (_name, interactive) => {
      const before = await sentToMeta();
      const res = await send(JSON.parse(JSON.stringify(interactive)));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(await sentToMeta()).toBe(before);
    });
  });

  describe("inbound orders", () => {
    it("are stored as Meta sent them and sent out as order.received with their items and total", async () => {
      const order = {
        catalog_id: SEED_CATALOG_ID,
        text: "Gift wrap please",
        product_items: [
          { product_retailer_id: "SKU-TEA", quantity: 3, item_price: 4.5, currency: "USD" },
          { product_retailer_id: "SKU-CUP", quantity: 1, item_price: 12, currency: "USD" },
        ],
      };
      const inbound = await api.emulator("POST", "/inbound", {
        phoneNumberId: numbers.verified.metaPhoneNumberId,
        from: customer,
        message: { type: "order", order },
      });
      const event = await eventually(
        async () => received.find((e) => e.type === "order.received" && e.data.wamid === inbound.wamid) ?? null,
        10_000,
        "order.received delivered",
      );
      expect(event.data).toMatchObject({
        from: customer,
        phoneNumberId: numbers.verified.id,
        catalogId: SEED_CATALOG_ID,
        text: "Gift wrap please",
        items: [
          { retailerId: "SKU-TEA", quantity: 3, itemPrice: 4.5, currency: "USD" },
          { retailerId: "SKU-CUP", quantity: 1, itemPrice: 12, currency: "USD" },
        ],
        quantity: 4,
        total: { amount: 25.5, currency: "USD" },
      });
      const c = await conversation();
      expect(event.data.conversationId).toBe(c.id);
      const thread = (await api.call("GET", `/v1/conversations/${c.id}/messages?limit=200`)).body.data as Json[];
      const stored = thread.find((m) => m.id === event.data.messageId)!;
      expect(stored).toMatchObject({ type: "order", direction: "inbound" });
      expect(stored.content.order).toEqual(order);
    });
  });

  describe("campaigns with catalog and multi-product templates", () => {
    async function approved(name: string, components: unknown[]): Promise<void> {
      const created = await api.call("POST", "/v1/templates", {
        name,
        language: "en_US",
        category: "MARKETING",
        components,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await api.emulator("POST", `/templates/${created.body.metaTemplateId}/review`, { status: "APPROVED" });
      await eventually(
        async () => (await api.call("GET", `/v1/templates/${created.body.id}`)).body.status === "APPROVED",
        10_000,
        `${name} approved`,
      );
    }

    async function campaignReads(template: unknown, recipients: string[]): Promise<Json> {
      for (const to of recipients)
        expect((await api.call("PUT", `/v1/contacts/${to}`, { marketingOptIn: true })).status).toBe(200);
      const campaign = await api.call("POST", "/v1/campaigns", {
        name: "Products",
        from: numbers.verified.id,
        template,
        recipients: recipients.map((to) => ({ to: `+${to}` })),
      });
      expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
      return eventually(
        async () => {
          const c = (await api.call("GET", `/v1/campaigns/${campaign.body.id}`)).body;
          return c.counts.read + c.counts.failed + c.counts.skipped === recipients.length ? c : null;
        },
        20_000,
        "campaign settled",
      );
    }

    it("a catalog template's button shows a thumbnail product; every recipient reaches read", async () => {
      await approved("shop_catalog", [
        { type: "BODY", text: "Our new season is in." },
        { type: "BUTTONS", buttons: [{ type: "CATALOG", text: "View catalog" }] },
      ]);
      const done = await campaignReads(
        {
          name: "shop_catalog",
          language: "en_US",
          components: [
            {
              type: "button",
              sub_type: "catalog",
              index: 0,
              parameters: [{ type: "action", action: { thumbnail_product_retailer_id: "SKU-TEA" } }],
            },
          ],
        },
        ["15550602001", "15550602002"],
      );
      expect(done.counts, JSON.stringify(done)).toMatchObject({ read: 2, failed: 0, skipped: 0 });
    });

    /** The shop_picks template's send body: its MPM button lists one section of one product. */
    const shopPicks = (title: string, retailerId: string) => ({
      name: "shop_picks",
      language: "en_US",
      components: [
        {
          type: "button",
          sub_type: "mpm",
          index: 0,
          parameters: [
            {
              type: "action",
              action: {
                thumbnail_product_retailer_id: "SKU-TEA",
                sections: [{ title, product_items: [{ product_retailer_id: retailerId }] }],
              },
            },
          ],
        },
      ],
    });

    it("a multi-product template's button lists sections of products; every recipient reaches read", async () => {
      await approved("shop_picks", [
        { type: "HEADER", format: "TEXT", text: "Picked for you" },
        { type: "BODY", text: "Two favourites this week." },
        { type: "BUTTONS", buttons: [{ type: "MPM", text: "View items" }] },
      ]);
      const done = await campaignReads(shopPicks("Favourites", "SKU-CUP"), ["15550603001"]);
      expect(done.counts, JSON.stringify(done)).toMatchObject({ read: 1, failed: 0, skipped: 0 });

      // A multi-product template naming a product the catalog does not have never reaches Meta: the
      // recipient is skipped with PRODUCT_NOT_AVAILABLE (Meta would refuse it with 131009).
      const unknown = await campaignReads(shopPicks("Gone", "SKU-GONE"), ["15550603002"]);
      expect(unknown.counts, JSON.stringify(unknown)).toMatchObject({ read: 0, failed: 0, skipped: 1 });
      expect(unknown.skippedReasons).toEqual({ PRODUCT_NOT_AVAILABLE: 1 });
    });
  });
});
