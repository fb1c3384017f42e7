import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";

let h: Harness;
let token: string;
const phone = SEED_IDS.verifiedPhoneNumberId;
const catalog = SEED_IDS.catalogId;
const path = `/${V}/${phone}/messages`;
const customer = "16505550177";

beforeAll(async () => {
  h = await startHarness({ statusDelaysMs: { sent: 0, delivered: 5, read: 10 } });
  token = await h.connected();
  for (const retailerId of ["SKU-A", "SKU-B"]) {
    const created = await h.call("POST", `/${V}/${catalog}/products`, {
      token,
      json: {
        retailer_id: retailerId,
        name: retailerId,
        price: 500,
        currency: "USD",
        image_url: "https://e.test/a.jpg",
      },
    });
    expect(created.status).toBe(200);
  }
  expect((await h.control("POST", "/inbound", { phoneNumberId: phone, from: customer, text: "hi" })).status).toBe(200);
});
afterAll(() => h.close());

const send = (interactive: unknown) =>
  h.call("POST", path, {
    token,
    json: { messaging_product: "whatsapp", to: `+${customer}`, type: "interactive", interactive },
  });

const single = (retailerId: string, catalogId: string = catalog) => ({
  type: "product",
  body: { text: "Have a look" },
  action: { catalog_id: catalogId, product_retailer_id: retailerId },
});
const multi = (retailerIds: string[]) => ({
  type: "product_list",
  header: { type: "text", text: "Our picks" },
  body: { text: "Two of them" },
  action: {
    catalog_id: catalog,
    sections: [{ title: "Picks", product_items: retailerIds.map((id) => ({ product_retailer_id: id })) }],
  },
});
const catalogMessage = (thumbnail: string) => ({
  type: "catalog_message",
  body: { text: "Browse" },
  action: { name: "catalog_message", parameters: { thumbnail_product_retailer_id: thumbnail } },
});

describe("product messages are checked against the catalog", () => {
  it("accepts single, multi-product and catalog messages naming products in the catalog", async () => {
    for (const interactive of [single("SKU-A"), multi(["SKU-A", "SKU-B"]), catalogMessage("SKU-B")]) {
      const res = await send(interactive);
      expect(res.status).toBe(200);
      expect(res.body.messages[0].id).toMatch(/^wamid\./);
    }
  });

  it("refuses an unknown product with 131009 naming it, in each kind of product message", async () => {
    for (const interactive of [single("SKU-NOPE"), multi(["SKU-A", "SKU-NOPE"]), catalogMessage("SKU-NOPE")]) {
      const res = await send(interactive);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 131009, message: "(#131009) Parameter value is not valid" });
      expect(res.body.error.error_data.details).toContain("SKU-NOPE");
    }
  });

  it("refuses a catalog the business does not have with 131009", async () => {
    const res = await send(single("SKU-A", "999999999"));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(131009);
    expect(res.body.error.error_data.details).toContain("999999999");
  });
});
