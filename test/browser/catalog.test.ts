// Issue 16 in the dashboard: the Catalog page after a sync (products synced, one refused by Meta
// with Meta's message and what to fix), the inbox's product picker sending product messages that
// reach Meta, and a customer's order shown as an order.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually } from "../support/api-client.js";
import { connectCatalogToken, productBody, SEED_CATALOG_ID } from "../support/catalog.js";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";
import { acceptedByMeta, connectedWorkspace, type Workspace } from "./workspace-setup.js";

const CUSTOMER = "15550003456";

describe("Catalog page and product messages in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    await connectCatalogToken(wharf, wharf.demo.apiKey);
    // Meta will refuse this item once it processes it (its default message: an image it could not download).
    await ws.api.emulator("POST", `/catalogs/${SEED_CATALOG_ID}/rejections`, { retailerId: "SKU-TEA" });
    const products = [
      ["SKU-TEA", productBody(1, { title: "Green tea", price: 450 })],
      ["SKU-CUP", productBody(2, { title: "Clay cup", price: 1200 })],
      ["SKU-POT", productBody(3, { title: "Tea pot", price: 3900, salePrice: 2900 })],
      ["SKU-OLD", productBody(4, { title: "Old kettle", price: 1500, availability: "out of stock" })],
    ] as const;
    for (const [id, body] of products) {
      const res = await ws.api.call("PUT", `/v1/catalog/products/${id}`, body);
      if (res.status !== 201) throw new Error(`PUT ${id}: ${JSON.stringify(res.body)}`);
    }
  });

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/wharf-catalog-${name}.png`, fullPage: true });

  async function open(route: string, heading: string): Promise<Page> {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/${route}`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    return page;
  }
  const row = (page: Page, retailerId: string) => page.locator(`tr[data-retailer-id="${retailerId}"]`);
  const settled = () =>
    eventually(
      async () => {
        const c = (await ws.api.call("GET", "/v1/catalog")).body;
        return c.products.pending + c.products.syncing === 0 && c.lastSync ? c : null;
      },
      30_000,
      "the catalog sync settled",
    );

  it("after Sync now shows the products synced and the one Meta refused with Meta's message and what to fix", async () => {
    const page = await open("catalog", "Catalog");
    await page.getByRole("region", { name: "Meta Catalog" }).getByText("Connected").waitFor();
    await page.getByRole("button", { name: "Sync now" }).click();
    await settled();

    const table = page.getByRole("table", { name: "Products" });
    await row(page, "SKU-CUP").getByText("Synced").waitFor({ timeout: 15_000 });
    await row(page, "SKU-POT").getByText("Synced").waitFor();
    expect(await row(page, "SKU-POT").textContent()).toContain("$29.00");
    expect(await row(page, "SKU-CUP").textContent()).toContain("$12.00");
    const refused = row(page, "SKU-TEA");
    await refused.getByText("Error", { exact: true }).waitFor();
    expect(await refused.textContent()).toMatch(/Meta: .*image/i);
    expect(await refused.textContent()).toContain("To fix: Give the product an image link Meta can download");
    // Each row has its picture (the store's image, or an empty square when it does not load, as here).
    expect(await table.locator(".product-image").count()).toBe(4);
    await shoot(page, "1-after-sync");

    // The Error filter shows only the refused product.
    await page
      .getByRole("navigation", { name: "Filter by sync status" })
      .getByRole("link", { name: /^Error/ })
      .click();
    await expect.poll(() => page.locator("tr[data-retailer-id]").count()).toBe(1);
    await row(page, "SKU-TEA").waitFor();

    // Catalog → product: its status, Meta's message and the last sync.
    await row(page, "SKU-TEA").getByRole("link", { name: "Green tea" }).click();
    const detail = page.getByRole("region", { name: "Green tea" });
    await detail.getByText("Sync with Meta").waitFor();
    expect(await detail.textContent()).toMatch(/Meta: .*image/i);
    await page.getByRole("link", { name: "← All products" }).click();
    await row(page, "SKU-CUP").getByRole("link", { name: "Clay cup" }).click();
    await page.getByRole("region", { name: "Clay cup" }).getByText("Last synced").waitFor();
    expect(await page.getByRole("region", { name: "Clay cup" }).textContent()).not.toContain("not yet");
    await shoot(page, "2-product");
  });

  const picked = attemptCounter();
  it("sends one product, then several, from the inbox's product picker; Meta gets them", async () => {
    // A retried attempt's messages are told apart from the first attempt's, in the thread and at Meta.
    const attempt = picked();
    const note = apart(attempt, "This one goes well with tea");
    const heading = apart(attempt, "Teaware");
    await settled();
    const sentBefore = (await acceptedByMeta(ws, ws.numbers.verified.metaPhoneNumberId)).length;
    await ws.api.emulator("POST", "/inbound", {
      phoneNumberId: ws.numbers.verified.metaPhoneNumberId,
      from: CUSTOMER,
      text: "What teaware do you have?",
      name: "Lin",
    });
    const page = await open("inbox", "Inbox");
    await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: /Lin/ }).click();
    const reply = page.getByRole("region", { name: "Reply" });
    await reply.getByRole("button", { name: "Send products" }).click();
    const picker = page.getByRole("form", { name: "Send products" });
    const products = picker.getByRole("list", { name: "Products" });
    await products.getByText("Clay cup").waitFor();
    // Only synced products are offered; the out-of-stock one cannot be picked.
    expect(await products.getByText("Green tea").count()).toBe(0);
    expect(
      await products.getByRole("listitem").filter({ hasText: "Old kettle" }).getByRole("checkbox").isDisabled(),
    ).toBe(true);
    await products.getByRole("listitem").filter({ hasText: "Clay cup" }).getByRole("checkbox").check();
    await picker.getByLabel("Message").fill(note);
    await picker.getByRole("button", { name: "Send product" }).click();
    const thread = page.getByRole("list", { name: "Messages with Lin" });
    await thread.getByText(`[product SKU-CUP] ${note}`).waitFor();

    await reply.getByRole("button", { name: "Send products" }).click();
    for (const name of ["Clay cup", "Tea pot"])
      await products.getByRole("listitem").filter({ hasText: name }).getByRole("checkbox").check();
    await picker.getByLabel(/Heading/).fill(heading);
    await picker.getByRole("button", { name: "Send 2 products" }).click();
    await thread.getByText(`[2 products] ${heading}`).waitFor();
    await shoot(page, "3-picker-sent");

    const atMeta = await eventually(
      async () => {
        const sent = (await acceptedByMeta(ws, ws.numbers.verified.metaPhoneNumberId)).slice(sentBefore);
        return sent.length >= 2 ? sent : null;
      },
      15_000,
      "both product messages at Meta",
    );
    expect(atMeta.map((m) => m.body["interactive"])).toEqual([
      {
        type: "product",
        body: { text: note },
        action: { catalog_id: SEED_CATALOG_ID, product_retailer_id: "SKU-CUP" },
      },
      {
        type: "product_list",
        header: { type: "text", text: heading },
        body: { text: "Have a look" },
        action: {
          catalog_id: SEED_CATALOG_ID,
          sections: [{ product_items: [{ product_retailer_id: "SKU-CUP" }, { product_retailer_id: "SKU-POT" }] }],
        },
      },
    ]);
    // Both reach read at Meta, and the thread's ticks say so.
    for (const text of [`[product SKU-CUP] ${note}`, `[2 products] ${heading}`])
      await thread
        .getByRole("listitem")
        .filter({ hasText: text })
        .getByRole("link", { name: "Read: message details" })
        .waitFor({ timeout: 15_000 });
  });

  const ordered = attemptCounter();
  it("shows a customer's order as an order: items, quantities, prices and the total", async () => {
    // A retry's order is told apart by its note: the first attempt's order is in the same thread.
    const wish = apart(ordered(), "Gift wrap, please");
    const page = await open("inbox", "Inbox");
    const entry = page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: /Lin/ });
    await entry.waitFor();
    await ws.api.emulator("POST", "/inbound", {
      phoneNumberId: ws.numbers.verified.metaPhoneNumberId,
      from: CUSTOMER,
      name: "Lin",
      message: {
        type: "order",
        order: {
          catalog_id: SEED_CATALOG_ID,
          text: wish,
          product_items: [
            { product_retailer_id: "SKU-CUP", quantity: 3, item_price: 12, currency: "USD" },
            { product_retailer_id: "SKU-POT", quantity: 1, item_price: 29, currency: "USD" },
          ],
        },
      },
    });
    await entry.getByText("Order: 4 items, $65.00").waitFor();
    await entry.click();
    const order = page.getByRole("figure", { name: "Order" }).filter({ hasText: `“${wish}”` });
    await order.waitFor();
    // The products' titles come from the catalog.
    await order.getByText("Clay cup").waitFor();
    const rows = await order.getByRole("row").allTextContents();
    expect(rows).toEqual([
      "ProductQtyPriceSubtotal",
      "Clay cup SKU-CUP3$12.00$36.00",
      "Tea pot SKU-POT1$29.00$29.00",
      "Total$65.00",
    ]);
    await order.getByText(`“${wish}”`).waitFor();
    await shoot(page, "4-order");
  });
  const imported = attemptCounter();
  it("imports a store export from the page, with the line it could not take", async () => {
    // A retry imports a product of its own: the first attempt's would be updated, not created.
    const sku = apart(imported(), "SKU-MAT", "-");
    const page = await open("catalog", "Catalog");
    const csv = [
      "id,title,description,price,availability,condition,link,image_link",
      `${sku},Bamboo mat,Rolls up,7.50 USD,in stock,new,https://shop.example/p/mat,https://shop.example/img/mat.jpg`,
      "SKU-BAD,No price,Missing its price,,in stock,new,https://shop.example/p/bad,https://shop.example/img/bad.jpg",
    ].join("\n");
    const form = page.getByRole("form", { name: "Import products" });
    await form
      .getByLabel("Import a store export (CSV or NDJSON)")
      .setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await form.getByRole("button", { name: "Import", exact: true }).click();
    const outcome = form.getByRole("status");
    await outcome.getByText(/^Import completed/).waitFor();
    expect(await outcome.textContent()).toMatch(/1 created.*1 failed/);
    expect(await outcome.textContent()).toMatch(/Line 3: .*price/i);
    await row(page, sku).getByRole("link", { name: "Bamboo mat" }).waitFor();
    expect(await row(page, sku).textContent()).toContain("$7.50");
    await shoot(page, "5-import");
  });
});
