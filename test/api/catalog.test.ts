import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { apiClient, eventually } from "../support/api-client.js";
import { connectCatalogToken, emulatorProducts, productBody } from "../support/catalog.js";
import { connectAndActivate, connectOwnWaba } from "../support/connect.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";

describeEachDialect("the catalog API", (dialect) => {
  let w: StartedWharf;
  let a: ReturnType<typeof apiClient>;
  let b: ReturnType<typeof apiClient>;
  let otherKey: string;
  let token: string;

  const synced = async (n: number) =>
    eventually(
      async () => {
        const c = (await a.call("GET", "/v1/catalog")).body;
        return c.products.synced + c.products.error === n && c.products.pending === 0 && c.products.syncing === 0
          ? c
          : null;
      },
      20_000,
      `${n} products settled`,
    );

  beforeAll(async () => {
    w = await startWharf({ dialect, env: { WHARF_CATALOG_SYNC_DEBOUNCE_MS: "50", WHARF_CATALOG_POLL_MS: "30" } });
    a = apiClient(w.url, w.demo.apiKey);
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Second" })).body;
    otherKey = other.apiKey;
    b = apiClient(w.url, otherKey);
    await connectAndActivate(w.url, w.demo.apiKey);
    await connectOwnWaba(w.url, other.apiKey);
    token = await connectCatalogToken(w, w.demo.apiKey);
  });
  afterAll(() => w?.close());

  describe("products", () => {
    it("are created, read, listed, searched and paged, with the price shown formatted", async () => {
      const put = await a.call("PUT", "/v1/catalog/products/SKU-1", productBody(1, { salePrice: 900 }));
      expect(put.status).toBe(201);
      expect(put.body).toMatchObject({
        retailerId: "SKU-1",
        price: 1001,
        currency: "USD",
        priceFormatted: "$10.01",
        salePriceFormatted: "$9.00",
        sync: { status: "pending", syncedAt: null },
      });
      expect((await a.call("PUT", "/v1/catalog/products/SKU-1", productBody(1, { salePrice: 900 }))).status).toBe(200);
      for (const n of [2, 3])
        await a.call("PUT", `/v1/catalog/products/SKU-${n}`, productBody(n, { title: `Mug ${n}` }));
      expect((await a.call("GET", "/v1/catalog/products/SKU-2")).body.title).toBe("Mug 2");
      const page1 = (await a.call("GET", "/v1/catalog/products?limit=2")).body;
      expect(page1.data.map((p: Json) => p.retailerId)).toEqual(["SKU-1", "SKU-2"]);
      const page2 = (await a.call("GET", `/v1/catalog/products?limit=2&cursor=${page1.nextCursor}`)).body;
      expect(page2.data.map((p: Json) => p.retailerId)).toEqual(["SKU-3"]);
      expect(page2.nextCursor).toBeNull();
      const found = (await a.call("GET", "/v1/catalog/products?q=mug")).body.data.map((p: Json) => p.retailerId);
      expect(found).toEqual(["SKU-2", "SKU-3"]);
      expect((await a.call("GET", "/v1/catalog/products?q=sku-1")).body.data).toHaveLength(1);
    });

    it("refuses what Meta would refuse, naming the field", async () => {
      for (const [body, field] of [
        [productBody(9, { price: 10.5 }), "price"],
        [productBody(9, { currency: "XXY" }), "currency"],
        [productBody(9, { salePrice: 5000 }), "salePrice"],
        [productBody(9, { link: "ftp://shop.example/x" }), "link"],
        [productBody(9, { availability: "sold" }), "availability"],
        [productBody(9, { title: "x".repeat(201) }), "title"],
      ] as const) {
        const res = await a.call("PUT", "/v1/catalog/products/SKU-9", body);
        expect(res.status, field).toBe(400);
        expect(JSON.stringify(res.body.error), field).toContain(field);
      }
      expect((await a.call("PUT", `/v1/catalog/products/${"x".repeat(101)}`, productBody(9))).status).toBe(400);
      expect((await a.call("GET", "/v1/catalog/products/SKU-9")).status).toBe(404);
    });

    it("are another workspace's business only", async () => {
      expect((await b.call("GET", "/v1/catalog/products/SKU-1")).status).toBe(404);
      expect((await b.call("DELETE", "/v1/catalog/products/SKU-1")).status).toBe(404);
      expect((await b.call("GET", "/v1/catalog/products")).body.data).toEqual([]);
      // The same retailer id in another workspace is that workspace's own product, and leaves ours alone.
      const theirs = await b.call("PUT", "/v1/catalog/products/SKU-1", productBody(1, { title: "Not yours" }));
      expect(theirs.status).toBe(201);
      expect((await a.call("GET", "/v1/catalog/products/SKU-1")).body.title).toBe("Product 1");
      expect((await b.call("DELETE", "/v1/catalog/products/SKU-1")).status).toBe(204);
      expect((await a.call("GET", "/v1/catalog/products/SKU-1")).status).toBe(200);
    });

    it("takes odd retailer ids as text and refuses odd bodies with a clear error, never a 500", async () => {
      // (In the second workspace, which has no catalog token: nothing here reaches the Meta catalog.)
      // An encoded slash, quote and percent are part of the id; the path cannot reach another route.
      const odd = "A/B'%\"ü";
      const put = await b.call("PUT", `/v1/catalog/products/${encodeURIComponent(odd)}`, productBody(7));
      expect(put.status, JSON.stringify(put.body)).toBe(201);
      expect(put.body.retailerId).toBe(odd);
      expect((await b.call("GET", `/v1/catalog/products/${encodeURIComponent(odd)}`)).body.retailerId).toBe(odd);
      expect((await b.call("DELETE", `/v1/catalog/products/${encodeURIComponent(odd)}`)).status).toBe(204);
      // Control characters, a leading space, an empty id.
      for (const id of ["%00x", "%0Ax", "%20x"])
        expect((await b.call("PUT", `/v1/catalog/products/${id}`, productBody(7))).status, id).toBe(400);
      // A body too large, too deep, or not an object.
      const huge = await b.call(
        "PUT",
        "/v1/catalog/products/SKU-HUGE",
        productBody(7, { description: "x".repeat(3_000_000) }),
      );
      expect([400, 413]).toContain(huge.status);
      // Built as text: the test's own JSON.stringify would run out of stack on it.
      const deep = JSON.stringify(productBody(7)).replace(
        /}$/,
        `,"brand":${'{"d":'.repeat(5000)}"x"${"}".repeat(5000)}}`,
      );
      const nested = await fetch(`${w.url}/v1/catalog/products/SKU-DEEP`, {
        method: "PUT",
        headers: { authorization: `Bearer ${otherKey}`, "content-type": "application/json" },
        body: deep,
      });
      expect([400, 413]).toContain(nested.status);
      expect((await b.call("PUT", "/v1/catalog/products/SKU-ARR", [productBody(7)])).status).toBe(400);
      for (const id of ["SKU-HUGE", "SKU-DEEP", "SKU-ARR"])
        expect((await b.call("GET", `/v1/catalog/products/${id}`)).status, id).toBe(404);
      // No key at all is a 401.
      const anonymous = await fetch(`${w.url}/v1/catalog/products/SKU-1`, { method: "DELETE" });
      expect(anonymous.status).toBe(401);
    });

    it("answers racing writes of one new product without a 500: one PUT creates it, the others update it (second workspace, no catalog)", async () => {
      for (let round = 0; round < 3; round++) {
        const id = `RACE-${round}`;
        const puts = await Promise.all(
          Array.from({ length: 6 }, (_, i) => b.call("PUT", `/v1/catalog/products/${id}`, productBody(i + 1))),
        );
        expect(puts.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
        // A DELETE racing the PUT: the PUT still answers with the product it wrote.
        const [put, del] = await Promise.all([
          b.call("PUT", `/v1/catalog/products/${id}-d`, productBody(1)),
          b.call("DELETE", `/v1/catalog/products/${id}-d`),
        ]);
        expect(put.status).toBe(201);
        expect(put.body.retailerId).toBe(`${id}-d`);
        expect([204, 404]).toContain(del.status);
      }
    });
  });

  describe("the sync", () => {
    it("pushes products to the Meta catalog and marks them synced", async () => {
      const c = await synced(3);
      expect(c).toMatchObject({ status: "connected", products: { synced: 3, error: 0 } });
      const atMeta = await emulatorProducts(w, token);
      expect(atMeta.map((p) => p.retailer_id).sort()).toEqual(["SKU-1", "SKU-2", "SKU-3"]);
      const one = (await a.call("GET", "/v1/catalog/products/SKU-1")).body;
      expect(one.sync.status).toBe("synced");
      expect(one.sync.syncedAt).not.toBeNull();
    });

    it("deletes at Meta on the next sync", async () => {
      expect((await a.call("DELETE", "/v1/catalog/products/SKU-3")).status).toBe(204);
      expect((await a.call("GET", "/v1/catalog/products/SKU-3")).status).toBe(404);
      await synced(2);
      await eventually(
        async () => !(await emulatorProducts(w, token)).some((p) => p.retailer_id === "SKU-3"),
        10_000,
        "SKU-3 gone at Meta",
      );
      expect((await a.call("DELETE", "/v1/catalog/products/SKU-3")).status).toBe(404);
    });
  });
});
