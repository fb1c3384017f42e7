import { t, type WharfMigration } from "../../platform/db/index.js";

export const shopifyMigrations: WharfMigration[] = [
  {
    name: "20270117-01-shopify",
    async up(db) {
      // One shop per workspace; its webhook secret is in the vault (purpose shopify.webhook_secret).
      await db.schema
        .createTable("shopify_shops")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("shop_domain", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      // Every webhook Shopify delivered, by X-Shopify-Webhook-Id: a redelivery is recognised and dropped.
      await db.schema
        .createTable("shopify_webhooks")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("webhook_id", t.text, (c) => c.notNull())
        .addColumn("topic", t.text, (c) => c.notNull())
        .addColumn("outcome", t.text, (c) => c.notNull()) // recorded | ignored: <why>
        .addColumn("received_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("shopify_webhooks_pk", ["workspace_id", "webhook_id"])
        .execute();
    },
  },
];
