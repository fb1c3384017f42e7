import { sql } from "kysely";
import { t, type WharfMigration } from "../../platform/db/index.js";

export const messagesMigrations: WharfMigration[] = [
  {
    name: "20261123-30-messages",
    async up(db) {
      await db.schema
        .createTable("messages")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("direction", t.text, (c) => c.notNull()) // inbound | outbound
        .addColumn("phone_number_id", t.id, (c) => c.notNull()) // ours (pn_...)
        .addColumn("wa_id", t.text, (c) => c.notNull()) // the customer
        .addColumn("type", t.text, (c) => c.notNull())
        .addColumn("content", t.json, (c) => c.notNull())
        .addColumn("status", t.text, (c) => c.notNull())
        // queued 0 < sending 1 < sent 2 < delivered 3 < read 4; failed 9 and received 9 are terminal.
        .addColumn("status_rank", t.int, (c) => c.notNull())
        .addColumn("wamid", t.text)
        .addColumn("context_wamid", t.text)
        .addColumn("campaign_id", t.id)
        .addColumn("template_name", t.text)
        .addColumn("template_language", t.text)
        .addColumn("template_category", t.text)
        // Business-initiated (a template outside the 24-hour window): what the messaging limit counts.
        .addColumn("business_initiated", t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn("idempotency_key", t.text)
        .addColumn("request_hash", t.text)
        .addColumn("error_code", t.text)
        .addColumn("error_message", t.text)
        .addColumn("meta_error_code", t.int)
        .addColumn("meta_error_title", t.text)
        .addColumn("fbtrace_id", t.text)
        .addColumn("meta_timestamp", t.millis)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("messages_wamid", ["workspace_id", "wamid"])
        .addUniqueConstraint("messages_idempotency", ["workspace_id", "idempotency_key"])
        .execute();
      await db.schema
        .createIndex("messages_thread")
        .on("messages")
        .columns(["workspace_id", "phone_number_id", "wa_id", "id"])
        .execute();
      await db.schema.createIndex("messages_campaign").on("messages").columns(["campaign_id", "status"]).execute();
      await db.schema.createIndex("messages_wamid_lookup").on("messages").column("wamid").execute();
      // The messaging limit: unique customers a number reached business-initiated in 24 hours.
      await db.schema
        .createIndex("messages_reach")
        .on("messages")
        .columns(["workspace_id", "phone_number_id", "business_initiated", "created_at", "wa_id", "error_code"])
        .execute();
      await db.schema
        .createTable("message_events")
        .addColumn("message_id", t.id, (c) => c.notNull())
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("at", t.millis, (c) => c.notNull())
        .addColumn("detail", t.json)
        // One row per status per message: repeated status webhooks are absorbed here.
        .addPrimaryKeyConstraint("message_events_pk", ["message_id", "status"])
        .execute();
    },
  },
  {
    name: "20261123-31-outbox",
    async up(db) {
      // The dispatch row of an outbound message, written in the same transaction as the message.
      await db.schema
        .createTable("outbox")
        .addColumn("message_id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("phone_number_id", t.id, (c) => c.notNull())
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("campaign_id", t.id)
        .addColumn("state", t.text, (c) => c.notNull()) // ready | inflight | held
        .addColumn("run_at", t.millis, (c) => c.notNull())
        .addColumn("attempts", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("lease_owner", t.text)
        .addColumn("lease_until", t.millis)
        .addColumn("last_error", t.text)
        .execute();
      await db.schema.createIndex("outbox_due").on("outbox").columns(["phone_number_id", "state", "run_at"]).execute();
      await db.schema.createIndex("outbox_campaign").on("outbox").columns(["campaign_id", "state"]).execute();
      // The dispatcher's two questions: what is due, and what did a dead process leave in flight.
      await db.schema
        .createIndex("outbox_ready")
        .on("outbox")
        .columns(["state", "run_at", "phone_number_id"])
        .execute();
      await db.schema.createIndex("outbox_lease").on("outbox").columns(["state", "lease_until"]).execute();
      // One dispatcher owns a phone number at a time, across processes.
      await db.schema
        .createTable("dispatch_leases")
        .addColumn("phone_number_id", t.id, (c) => c.primaryKey())
        .addColumn("owner", t.text, (c) => c.notNull())
        .addColumn("lease_until", t.millis, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: "20261201-32-messaging-reach",
    async up(db) {
      // Has this customer been reached business-initiated today? One customer's few rows, not the day's.
      await db.schema
        .createIndex("messages_reach_customer")
        .on("messages")
        .columns(["workspace_id", "phone_number_id", "wa_id", "business_initiated", "created_at"])
        .execute();
      // Per number, an upper bound of the unique customers reached in the rolling day (messaging-limit.ts).
      await db.schema
        .createTable("messaging_reach")
        .addColumn("phone_number_id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("reached", t.int, (c) => c.notNull())
        .addColumn("recount_at", t.millis, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: "20261215-41-dispatch-workers",
    async up(db) {
      // Each running dispatcher's heartbeat: a worker takes at most its share of the numbers, the
      // number of live dispatchers says what a share is (number-leases.repo.ts).
      await db.schema
        .createTable("dispatch_workers")
        .addColumn("owner", t.text, (c) => c.primaryKey())
        .addColumn("seen_until", t.millis, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: "20261221-01-dispatch-pair-rates",
    async up(db) {
      // Pair rate state handed from a number's owner to the next (number-leases.repo.ts, PairRate).
      await db.schema
        .createTable("dispatch_pair_rates")
        .addColumn("phone_number_id", t.id, (c) => c.notNull())
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("tat", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("dispatch_pair_rates_pk", ["phone_number_id", "wa_id"])
        .execute();
    },
  },
  {
    // Issue 14: Meta's messaging limit belongs to the business portfolio (since 2025-10-07), shared by
    // all its numbers, in whichever workspace: the count is taken by number across the portfolio's
    // numbers (no workspace in front), and its upper bound is kept per portfolio.
    name: "20261223-02-portfolio-reach",
    async up(db) {
      await db.schema
        .createIndex("messages_portfolio_reach")
        .on("messages")
        .columns(["phone_number_id", "business_initiated", "created_at", "wa_id", "error_code"])
        .execute();
      await db.schema
        .createIndex("messages_portfolio_reach_customer")
        .on("messages")
        .columns(["phone_number_id", "wa_id", "business_initiated", "created_at"])
        .execute();
      await db.schema.dropIndex("messages_reach").execute();
      await db.schema.dropIndex("messages_reach_customer").execute();
      await db.schema.dropTable("messaging_reach").execute();
      await db.schema
        .createTable("portfolio_reach")
        .addColumn("portfolio_key", t.text, (c) => c.primaryKey())
        .addColumn("reached", t.int, (c) => c.notNull())
        .addColumn("recount_at", t.millis, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: "20261225-01-unknown-sends",
    async up(db) {
      // Sends held as `unknown` (no answer from Meta), oldest first, for the sweep that settles them
      // after their window (settle-unknown-sends.ts); only those rows are in the index.
      await db.schema
        .createIndex("messages_unknown")
        .on("messages")
        .column("updated_at")
        .where(sql.ref("status"), "=", "unknown")
        .execute();
    },
  },
  {
    name: "20261228-01-portfolio-reach-customer-covering",
    async up(db) {
      // The per-customer reach query (messaging-limit.ts) also reads error_code. Without it in this
      // index, SQLite's planner preferred messages_portfolio_reach, which covers the query but not its
      // customers: it scanned the number's whole day of messages for every writer batch (816 µs a
      // batch after 7,000 messages in bench/dispatch, growing with the day). With it, each customer's
      // few rows are found directly (~180 µs a batch of 40, whatever the day holds).
      await db.schema.dropIndex("messages_portfolio_reach_customer").execute();
      await db.schema
        .createIndex("messages_portfolio_reach_customer")
        .on("messages")
        .columns(["phone_number_id", "wa_id", "business_initiated", "created_at", "error_code"])
        .execute();
    },
  },
  {
    name: "20261228-02-messages-last-inbound",
    async up(db) {
      // The 24-hour window of a send: the customer's last inbound message. messages_thread found
      // the customer's rows but not their direction or time, so every send read all of them (a
      // customer with years of messages, thousands of rows, on every send). Inbound rows only: a
      // status update, which rewrites an outbound row's meta_timestamp, does not touch it
      // (last-inbound.test.ts checks SQLite's plan).
      await db.schema
        .createIndex("messages_last_inbound")
        .on("messages")
        .columns(["workspace_id", "phone_number_id", "wa_id", "meta_timestamp"])
        .where(sql.ref("direction"), "=", "inbound")
        .execute();
    },
  },
  {
    name: "20261229-01-drop-messages-wamid-lookup",
    async up(db) {
      // Every lookup by wamid names the workspace too (a status batch, an inbound duplicate), which
      // the unique (workspace_id, wamid) serves. The wamid-only index was read by nothing, and
      // Meta's ids are random: each sent message cost a leaf page of it written to the WAL.
      await db.schema.dropIndex("messages_wamid_lookup").ifExists().execute();
    },
  },
];
