import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import {
  connectCatalogToken,
  emulatorProducts,
  newCatalogToken,
  productBody,
  putCatalogToken,
  SEED_CATALOG_ID,
} from "../support/catalog.js";
import { connectAndActivate } from "../support/connect.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";
import { describeEachDialect } from "../support/databases.js";

describeEachDialect("the catalog sync", (dialect) => {
  let w: StartedWharf;
  let a: ReturnType<typeof apiClient>;
  let token: string;
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${w.url}/_meta/_emulator${path}`, {
      ...init,
      headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    }).then(async (r) => (await r.json()) as Json);
  const batches = async (): Promise<Json[]> => (await control(`/catalogs/${SEED_CATALOG_ID}/batches`)).data;
  const catalog = async () => (await a.call("GET", "/v1/catalog")).body;
  const settled = (synced: number, error = 0) =>
    eventually(
      async () => {
        const c = await catalog();
        return c.products.synced === synced &&
          c.products.error === error &&
          c.products.pending === 0 &&
          c.products.syncing === 0 &&
          c.products.deleting === 0 &&
          // The sync has also written its summary (it does so after the last batch's products).
          c.sync.state === "idle"
          ? c
          : null;
      },
      60_000,
      `${synced} synced, ${error} in error`,
    );

  async function upload(contentType: string, body: string) {
    const res = await fetch(`${w.url}/v1/catalog/products/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.demo.apiKey}`, "content-type": contentType },
      body,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  const csvRow = (n: number, price = "10.00") =>
    `SKU-${String(n).padStart(4, "0")},"Shirt ${n}, blue","A shirt, ""soft""\nand warm",${price} USD,in stock,new,https://shop.example/p/${n},https://shop.example/i/${n}.jpg`;
  const CSV_HEADER = "id,title,description,price,availability,condition,link,image_link";

  beforeAll(async () => {
    w = await startWharf({ dialect, env: { WHARF_CATALOG_SYNC_DEBOUNCE_MS: "50", WHARF_CATALOG_POLL_MS: "30" } });
    a = apiClient(w.url, w.demo.apiKey);
    await connectAndActivate(w.url, w.demo.apiKey);
    token = await connectCatalogToken(w, w.demo.apiKey);
  });
  afterAll(() => w?.close());

  describe("importing and syncing a catalog", () => {
    it("imports 1,000 products from a CSV store export (quoted fields, line breaks in quotes) and syncs them all", async () => {
      const rows = Array.from({ length: 1000 }, (_, i) => csvRow(i + 1));
      const res = await upload("text/csv; charset=utf-8", [CSV_HEADER, ...rows].join("\r\n") + "\r\n");
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: "completed", counts: { rows: 1000, created: 1000, failed: 0 } });
      expect((await a.call("GET", `/v1/catalog/products/imports/${res.body.id}`)).body.counts.created).toBe(1000);
      const one = (await a.call("GET", "/v1/catalog/products/SKU-0007")).body;
      expect(one).toMatchObject({ title: "Shirt 7, blue", description: 'A shirt, "soft"\nand warm', price: 1000 });
      const c = await settled(1000);
      expect(c.lastSync.counts.failed).toBe(0);
      expect((await emulatorProducts(w, token)).length).toBe(1000);
      // Each product sent once, in calls within Meta's 5,000 (usually one; a sync that starts while
      // the import's later transactions are still committing takes the rest in a second call).
      const sent = (await batches()).map((b) => b.requestCount as number);
      expect(sent.reduce((x, y) => x + y, 0)).toBe(1000);
      expect(Math.max(...sent)).toBeLessThanOrEqual(5000);
    });

    it("names the bad lines and goes on with the rest; the same feed again changes nothing", async () => {
      const body = [
        CSV_HEADER,
        csvRow(1),
        "SKU-X1,No price,desc,,in stock,new,https://shop.example/x,https://shop.example/x.jpg",
        csvRow(2),
        "SKU-X2,Bad link,desc,5.00 USD,in stock,new,not-a-url,https://shop.example/x.jpg",
      ].join("\n");
      const res = await upload("text/csv", body);
      expect(res.body.counts).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 2, failed: 2 });
      expect(res.body.errors.map((e: Json) => e.line)).toEqual([4, 7]);
      expect(res.body.errors[0].message).toContain("price");
      const nd = await upload(
        "application/x-ndjson",
        [JSON.stringify({ retailerId: "SKU-N1", ...productBody(1) }), "{oops", JSON.stringify({ title: "x" })].join(
          "\n",
        ),
      );
      expect(nd.body.counts).toMatchObject({ rows: 3, created: 1, failed: 2 });
      expect(nd.body.errors).toEqual([
        { line: 2, message: "not valid JSON" },
        { line: 3, message: expect.stringContaining("retailerId") },
      ]);
      expect((await upload("application/json", "{}")).status).toBe(415);
      await settled(1001);
    });

    it("sends only what changed: 10 edited products are the next sync's 10 requests", async () => {
      const before = (await batches()).length;
      for (let n = 1; n <= 10; n++)
        expect(
          (
            await a.call(
              "PUT",
              `/v1/catalog/products/SKU-${String(n).padStart(4, "0")}`,
              productBody(n, { title: `Renamed ${n}` }),
            )
          ).status,
        ).toBe(200);
      await settled(1001);
      const sent = (await batches()).slice(before);
      expect(sent.reduce((sum, b) => sum + b.requestCount, 0)).toBe(10);
      const atMeta = (await emulatorProducts(w, token)).find((p) => p.retailer_id === "SKU-0003");
      expect(atMeta.name).toBe("Renamed 3");
    });

    it("shows Meta's message on a product Meta rejects, and only on it", async () => {
      await control(`/catalogs/${SEED_CATALOG_ID}/rejections`, {
        method: "POST",
        body: JSON.stringify({ retailerId: "SKU-0020", message: "Image link is broken (image_link)" }),
      });
      await a.call(
        "PUT",
        "/v1/catalog/products/SKU-0020",
        productBody(20, { imageLink: "https://shop.example/broken.jpg" }),
      );
      await settled(1000, 1);
      const p = (await a.call("GET", "/v1/catalog/products/SKU-0020")).body;
      expect(p.sync).toMatchObject({ status: "error", error: { message: "Image link is broken (image_link)" } });
      const errors = (await a.call("GET", "/v1/catalog/products?syncStatus=error")).body.data;
      expect(errors.map((e: Json) => e.retailerId)).toEqual(["SKU-0020"]);
      await control(`/catalogs/${SEED_CATALOG_ID}/rejections`, { method: "DELETE" });
      await a.call(
        "PUT",
        "/v1/catalog/products/SKU-0020",
        productBody(20, { imageLink: "https://shop.example/fixed.jpg" }),
      );
      await settled(1001);
    });

    it("deletes at Meta what was deleted here", async () => {
      expect((await a.call("DELETE", "/v1/catalog/products/SKU-0500")).status).toBe(204);
      await settled(1000);
      expect((await emulatorProducts(w, token)).some((p) => p.retailer_id === "SKU-0500")).toBe(false);
    });
  });

  describe("a revoked catalog token", () => {
    it("pauses the sync as one connection problem; products keep their status; WhatsApp is unaffected; a new token resumes", async () => {
      await control("/tokens/revoke", { method: "POST", body: JSON.stringify({ accessToken: token }) });
      for (let n = 30; n < 40; n++)
        await a.call("PUT", `/v1/catalog/products/SKU-00${n}`, productBody(n, { title: `After revoke ${n}` }));
      const c = await eventually(
        async () => {
          const v = await catalog();
          return v.status === "needs_reconnect" && v.sync.state === "paused" ? v : null;
        },
        20_000,
        "the catalog needs a reconnect",
      );
      expect(c.sync.state).toBe("paused");
      expect(c.products).toMatchObject({ error: 0, synced: 990, pending: 10 });
      const conn = (await a.call("GET", "/v1/connection")).body;
      expect(conn.status).toBe("connected");
      expect(conn.catalog.status).toBe("needs_reconnect");
      // The health check agrees, and keeps the WhatsApp side connected.
      const checked = (await a.call("POST", "/v1/connection/check")).body;
      expect(checked.status).toBe("connected");
      expect(checked.catalog.status).toBe("needs_reconnect");
      expect((await a.call("POST", "/v1/catalog/sync")).status).toBe(202);

      token = await newCatalogToken(w, w.demo.apiKey);
      await putCatalogToken(w, w.demo.apiKey, token);
      const after = await settled(1000);
      expect(after.status).toBe("connected");
      const atMeta = (await emulatorProducts(w, token)).find((p) => p.retailer_id === "SKU-0035");
      expect(atMeta.name).toBe("After revoke 35");
    });

    it("is noticed by the health check before any sync runs", async () => {
      await control("/tokens/revoke", { method: "POST", body: JSON.stringify({ accessToken: token }) });
      const checked = (await a.call("POST", "/v1/connection/check")).body;
      expect(checked.status).toBe("connected");
      expect(checked.catalog.status).toBe("needs_reconnect");
      token = await newCatalogToken(w, w.demo.apiKey);
      await putCatalogToken(w, w.demo.apiKey, token);
    });
  });

  describe("selling on WhatsApp", () => {
    it("connects the catalog to the WABA and turns on the catalog and cart per number", async () => {
      const before = (await a.call("GET", "/v1/catalog/commerce")).body;
      expect(before).toMatchObject({ catalogId: SEED_CATALOG_ID, linked: false, wabaCatalogs: [] });
      expect(before.numbers).toHaveLength(2);
      const linked = (await a.call("PUT", "/v1/catalog/commerce/link")).body;
      expect(linked).toMatchObject({ linked: true, wabaCatalogs: [{ id: SEED_CATALOG_ID }] });
      const number = before.numbers[0].id;
      const set = await a.call("PUT", `/v1/catalog/commerce/numbers/${number}`, {
        isCatalogVisible: true,
        isCartEnabled: false,
      });
      expect(set.status).toBe(200);
      expect(set.body.numbers.find((n: Json) => n.id === number)).toMatchObject({
        isCatalogVisible: true,
        isCartEnabled: false,
      });
      expect((await a.call("PUT", `/v1/catalog/commerce/numbers/${number}`, {})).status).toBe(400);
      expect((await a.call("PUT", "/v1/catalog/commerce/numbers/pn_nope", { isCartEnabled: true })).status).toBe(404);
      expect((await a.call("DELETE", "/v1/catalog/commerce/link")).body.linked).toBe(false);
    });
  });
});
