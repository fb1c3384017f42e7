import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../../test/support/databases.js";
import { senderPhone } from "../../../../test/support/sender-phone.js";
import { allMigrations } from "../../../main.js";
import type { SendMessageRequest } from "../../../channels/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { claimPendingProducts, settleBatch } from "../../catalog/catalog.repo.js";
import { ProductFields } from "../../catalog/product-fields.js";
import { upsertProducts } from "../../catalog/upsert-product.js";
import { upsertConnection } from "../../connection/connection.repo.js";
import { insertMessages, newMessageRow } from "../messages.repo.js";
import { admitOutbound, type OutboundIntent } from "./index.js";

const WS = "ws_prd" as WorkspaceId;
const CATALOG = "1537700000000001";
const PHONE = senderPhone("prd");
const T0 = Date.UTC(2026, 11, 1);
const WA_ID = "15550000001";

const product = (availability: string) =>
  ProductFields.parse({
    title: "Mug",
    description: "A mug",
    price: 1200,
    currency: "USD",
    availability,
    link: "https://shop.example/mug",
    imageLink: "https://shop.example/mug.jpg",
  });

function intent(interactive: Record<string, unknown>): OutboundIntent {
  return {
    workspaceId: WS,
    phone: PHONE,
    to: `+${WA_ID}`,
    waId: WA_ID,
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: `+${WA_ID}`,
      type: "interactive",
      interactive,
    } as unknown as SendMessageRequest,
    template: null,
    campaignId: null,
    contextWamid: null,
    idempotencyKey: null,
    requestHash: null,
    now: T0,
  };
}
const single = (sku: string, catalogId = CATALOG) =>
  intent({ type: "product", body: { text: "Look" }, action: { catalog_id: catalogId, product_retailer_id: sku } });
const list = (...skus: string[]) =>
  intent({
    type: "product_list",
    header: { type: "text", text: "Ours" },
    body: { text: "Pick" },
    action: {
      catalog_id: CATALOG,
      sections: [{ title: "All", product_items: skus.map((s) => ({ product_retailer_id: s })) }],
    },
  });

/** A multi-product template's button: it shows the WABA's catalog, the workspace's. */
function mpmTemplate(thumbnail: string, ...skus: string[]): OutboundIntent {
  return {
    ...intent({}),
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: `+${WA_ID}`,
      type: "template",
      template: {
        name: "spring",
        language: { code: "en_US" },
        components: [
          {
            type: "button",
            sub_type: "mpm",
            index: "0",
            parameters: [
              {
                type: "action",
                action: {
                  thumbnail_product_retailer_id: thumbnail,
                  sections: [{ title: "New", product_items: skus.map((s) => ({ product_retailer_id: s })) }],
                },
              },
            ],
          },
        ],
      },
    } as unknown as SendMessageRequest,
  };
}

describeEachDialect("the product send rule: only synced, orderable products of the catalog", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    await insertMessages(tdb.db, [
      newMessageRow({
        id: "msg_in1",
        workspace_id: WS,
        direction: "inbound",
        phone_number_id: PHONE.id,
        wa_id: WA_ID,
        type: "text",
        content: "{}",
        status: "received",
        status_rank: 9,
        wamid: "wamid.in1",
        meta_timestamp: T0 - 60_000,
        created_at: T0 - 60_000,
      }),
    ]);
    await upsertConnection(tdb.db, WS, {
      status: "connected",
      catalog_id: CATALOG,
      catalog_status: "connected",
      updated_at: T0,
    });
    await tdb.db.transaction().execute(async (trx) => {
      await upsertProducts(
        trx,
        WS,
        [
          { retailerId: "SYNCED", fields: product("in stock") },
          { retailerId: "SOLD-OUT", fields: product("out of stock") },
        ],
        T0,
      );
      // Both reach Meta (one batch, confirmed), then a third is added and not synced yet.
      await claimPendingProducts(trx, WS, "h1", 10, T0);
      await settleBatch(trx, WS, "h1", new Map(), T0);
      await upsertProducts(trx, WS, [{ retailerId: "NEW", fields: product("in stock") }], T0);
    });
  });
  afterEach(() => tdb.cleanup());

  const admit = (intents: OutboundIntent[]) =>
    tdb.db.transaction().execute((trx) => admitOutbound(trx, { dialect }, intents));

  it("admits synced products in stock and refuses unknown, unsynced and sold-out ones with PRODUCT_NOT_AVAILABLE", async () => {
    const results = await admit([
      single("SYNCED"),
      single("NOPE"),
      single("NEW"),
      single("SOLD-OUT"),
      list("SYNCED", "SOLD-OUT", "NOPE"),
      list("SYNCED"),
      // Another catalog's products are Meta's to judge.
      single("NOPE", "999"),
      mpmTemplate("SYNCED", "NEW"),
    ]);
    const view = results.map((r) =>
      r.kind === "refused" ? [r.error.code, (r.error.extra.details as { products: unknown }).products] : r.kind,
    );
    expect(view).toEqual([
      "admitted",
      ["PRODUCT_NOT_AVAILABLE", [{ retailerId: "NOPE", problem: "unknown" }]],
      ["PRODUCT_NOT_AVAILABLE", [{ retailerId: "NEW", problem: "not_synced" }]],
      ["PRODUCT_NOT_AVAILABLE", [{ retailerId: "SOLD-OUT", problem: "not_available" }]],
      [
        "PRODUCT_NOT_AVAILABLE",
        [
          { retailerId: "SOLD-OUT", problem: "not_available" },
          { retailerId: "NOPE", problem: "unknown" },
        ],
      ],
      "admitted",
      "admitted",
      ["PRODUCT_NOT_AVAILABLE", [{ retailerId: "NEW", problem: "not_synced" }]],
    ]);
    const refused = results[1]!;
    expect(refused.kind === "refused" && refused.error.status).toBe(422);
    const written = await tdb.db.selectFrom("messages").select("id").where("direction", "=", "outbound").execute();
    expect(written).toHaveLength(3);
  });
});
