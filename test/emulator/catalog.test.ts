import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
import type { Json } from "../support/json.js";

let h: Harness;
let token: string;
const catalog = SEED_IDS.catalogId;

beforeAll(async () => {
  // Long enough that the first status read still sees the batch running on a loaded machine.
  h = await startHarness({ batchProcessingMs: 2_000 });
  token = await h.login();
});
afterAll(() => h.close());

const burger = {
  retailer_id: "SKU-1",
  name: "Burger",
  price: 999,
  currency: "USD",
  image_url: "https://example.com/burger.jpg",
  availability: "in stock",
};

describe("products", () => {
  it("creates a product, lists it with Meta's formatted price, refuses a duplicate retailer_id (10800)", async () => {
    const created = await h.call("POST", `/${V}/${catalog}/products`, { token, json: burger });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^\d+$/);
    const list = await h.call("GET", `/${V}/${catalog}/products?fields=retailer_id,name,price,availability`, { token });
    expect(list.body.data).toEqual([
      { id: created.body.id, retailer_id: "SKU-1", name: "Burger", price: "$9.99", availability: "in stock" },
    ]);
    const dup = await h.call("POST", `/${V}/${catalog}/products`, { token, json: burger });
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe(10800);
  });

  it("validates the body (100) and needs catalog_management on the catalog (200)", async () => {
    const bad = await h.call("POST", `/${V}/${catalog}/products`, {
      token,
      json: { ...burger, retailer_id: "SKU-9", price: "9.99" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(100);
    const limited = await h.login({ declined: ["catalog_management"] });
    const denied = await h.call("GET", `/${V}/${catalog}/products`, { token: limited });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe(200);
  });
});

describe("items_batch", () => {
  it("accepts a batch, reports it started then finished, and applies the valid requests", async () => {
    const requests = [
      {
        method: "CREATE",
        data: {
          id: "SKU-2",
          title: "Fries",
          description: "Crispy",
          availability: "in stock",
          condition: "new",
          price: "3.50 USD",
          link: "https://example.com/fries",
          image_link: "https://example.com/fries.jpg",
        },
      },
      { method: "UPDATE", data: { id: "SKU-1", price: "10.49 USD" } },
      { method: "CREATE", data: { id: "SKU-3", title: "No price" } },
      { method: "DELETE", data: { id: "SKU-404" } },
    ];
    const res = await h.call("POST", `/${V}/${catalog}/items_batch`, {
      token,
      json: { item_type: "PRODUCT_ITEM", requests },
    });
    expect(res.status).toBe(200);
    expect(res.body.handles).toHaveLength(1);
    expect(res.body.validation_status.map((v: Json) => v.retailer_id).sort()).toEqual(["SKU-3", "SKU-404"]);
    const handle = res.body.handles[0];
    const status = () =>
      h.call("GET", `/${V}/${catalog}/check_batch_request_status?handle=${encodeURIComponent(handle)}`, { token });
    expect((await status()).body.data[0].status).toBe("started");
    let done = (await status()).body.data[0];
    for (let i = 0; i < 150 && done.status !== "finished"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = (await status()).body.data[0];
    }
    expect(done).toMatchObject({ handle, status: "finished", errors_total_count: 2 });
    expect(done.errors.map((e: Json) => e.id).sort()).toEqual(["SKU-3", "SKU-404"]);
    const list = await h.call("GET", `/${V}/${catalog}/products?fields=retailer_id,name,price`, { token });
    expect(list.body.data.map((p: Json) => [p.retailer_id, p.price])).toEqual([
      ["SKU-1", "$10.49"],
      ["SKU-2", "$3.50"],
    ]);
  });

  it("takes form-encoded requests as a JSON string, and answers 100 for an unknown handle", async () => {
    const form = { item_type: "PRODUCT_ITEM", requests: JSON.stringify([{ method: "DELETE", data: { id: "SKU-2" } }]) };
    const res = await h.call("POST", `/${V}/${catalog}/items_batch`, { token, form });
    expect(res.status).toBe(200);
    const unknown = await h.call("GET", `/${V}/${catalog}/check_batch_request_status?handle=nope`, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(100);
  });
});
