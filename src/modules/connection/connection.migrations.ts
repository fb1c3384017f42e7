import { sql } from "kysely";
import { t, type WharfMigration } from "../../platform/db/index.js";

export const connectionMigrations: WharfMigration[] = [
  {
    name: "20261123-20-connection",
    async up(db) {
      await db.schema
        .createTable("connections")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("waba_id", t.text)
        .addColumn("waba_name", t.text)
        .addColumn("business_id", t.text)
        .addColumn("scopes", t.json, (c) => c.notNull().defaultTo("[]"))
        .addColumn("token_expires_at", t.millis)
        .addColumn("last_checked_at", t.millis)
        .addColumn("last_error", t.text)
        .addColumn("connected_at", t.millis)
        .addColumn("catalog_id", t.text)
        .addColumn("catalog_status", t.text, (c) => c.notNull().defaultTo("none"))
        .addColumn("catalog_checked_at", t.millis)
        .addColumn("catalog_last_error", t.text)
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("connections_waba").on("connections").column("waba_id").execute();
      await db.schema
        .createTable("oauth_states")
        // Only the hash: a leaked database row cannot be replayed as a state.
        .addColumn("state_hash", t.text, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("redirect_uri", t.text, (c) => c.notNull())
        // Set when a dashboard session started the flow: only that browser may complete it.
        .addColumn("session_id", t.id)
        .addColumn("expires_at", t.millis, (c) => c.notNull())
        .addColumn("used_at", t.millis)
        .execute();
      await db.schema
        .createTable("phone_numbers")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("meta_phone_number_id", t.text, (c) => c.notNull())
        .addColumn("waba_id", t.text, (c) => c.notNull())
        .addColumn("display_phone_number", t.text, (c) => c.notNull())
        .addColumn("verified_name", t.text)
        .addColumn("quality_rating", t.text)
        .addColumn("messaging_limit", t.text)
        .addColumn("throughput_mps", t.int, (c) => c.notNull().defaultTo(80))
        .addColumn("status", t.text)
        .addColumn("code_verification_status", t.text)
        .addColumn("active", t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn("registered_at", t.millis)
        .addColumn("last_synced_at", t.millis)
        .addColumn("last_error", t.text)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("phone_numbers_ws_meta", ["workspace_id", "meta_phone_number_id"])
        .execute();
      await db.schema.createIndex("phone_numbers_meta").on("phone_numbers").column("meta_phone_number_id").execute();
    },
  },
  {
    // Issue 11: a WABA and each number belong to one workspace at a time, enforced by a primary
    // key so two processes racing to connect the same account cannot both win. OAuth states also
    // record the API key that made them, and may be bound to one browser by a one-time link.
    name: "20261204-20-meta-claims",
    async up(db) {
      await db.schema
        .createTable("meta_claims")
        .addColumn("kind", t.text, (c) => c.notNull())
        .addColumn("meta_id", t.text, (c) => c.notNull())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("claimed_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("meta_claims_pk", ["kind", "meta_id"])
        .execute();
      await db.schema.createIndex("meta_claims_workspace").on("meta_claims").column("workspace_id").execute();
      await db.schema.alterTable("oauth_states").addColumn("api_key_id", t.id).execute();
      await db.schema
        .alterTable("oauth_states")
        .addColumn("browser_link", t.flag, (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("oauth_states").addColumn("browser_hash", t.text).execute();

      // Existing data may already hold one WABA in two workspaces: the earliest connection keeps
      // it; the others must reconnect (and will be refused until the owner disconnects).
      const connections = await sql<{ workspace_id: string; waba_id: string; connected_at: number | null }>`
        select workspace_id, waba_id, connected_at from connections
        where waba_id is not null and status <> 'disconnected'
        order by connected_at asc, workspace_id asc`.execute(db);
      const owner = new Map<string, string>();
      for (const c of connections.rows) {
        if (!owner.has(c.waba_id)) {
          owner.set(c.waba_id, c.workspace_id);
          await sql`insert into meta_claims (kind, meta_id, workspace_id, claimed_at) values ('waba', ${c.waba_id}, ${c.workspace_id}, ${Number(c.connected_at ?? 0)})`.execute(
            db,
          );
        } else {
          await sql`update connections set status = 'needs_reconnect', last_error = ${TAKEN_MESSAGE} where workspace_id = ${c.workspace_id}`.execute(
            db,
          );
        }
      }
      const numbers = await sql<{
        id: string;
        workspace_id: string;
        meta_phone_number_id: string;
        registered_at: number | null;
      }>`
        select id, workspace_id, meta_phone_number_id, registered_at from phone_numbers where active = 1 order by registered_at asc, id asc`.execute(
        db,
      );
      const numberOwner = new Map<string, string>();
      for (const n of numbers.rows) {
        const wabaOwned = [...owner.values()].includes(n.workspace_id);
        if (!numberOwner.has(n.meta_phone_number_id) && wabaOwned) {
          numberOwner.set(n.meta_phone_number_id, n.workspace_id);
          await sql`insert into meta_claims (kind, meta_id, workspace_id, claimed_at) values ('phone_number', ${n.meta_phone_number_id}, ${n.workspace_id}, ${Number(n.registered_at ?? 0)})`.execute(
            db,
          );
        } else {
          await sql`update phone_numbers set active = 0, last_error = ${TAKEN_MESSAGE} where id = ${n.id}`.execute(db);
        }
      }
    },
  },
  {
    // Issue 14: a token that expires is announced once per expiry (connection.token_expiring);
    // the expiry it was announced for is kept, so a reconnect's new expiry is announced again.
    name: "20261205-20-token-expiry-warning",
    async up(db) {
      await db.schema.alterTable("connections").addColumn("token_expiry_warned_for", t.millis).execute();
    },
  },
  {
    // Issue 14: Meta sets the messaging limit on the business portfolio (since 2025-10-07), shared by
    // every number of its WABAs. A number carries its portfolio (the WABA's owner business), so the
    // limit can be counted across the portfolio's numbers, whichever workspace holds them.
    name: "20261223-01-number-portfolio",
    async up(db) {
      await db.schema.alterTable("phone_numbers").addColumn("business_id", t.text).execute();
      await db.schema.createIndex("phone_numbers_business").on("phone_numbers").column("business_id").execute();
      await db.schema.createIndex("phone_numbers_waba").on("phone_numbers").column("waba_id").execute();
    },
  },
  {
    // Issue 14 item 13: the WABA's state as Meta's account_update and business_capability_update
    // webhooks last told it (ban/restriction, the business's limits), shown with the connection.
    name: "20261227-01-account-state",
    async up(db) {
      await db.schema.alterTable("connections").addColumn("account_event", t.text).execute();
      await db.schema.alterTable("connections").addColumn("account_detail", t.text).execute();
      await db.schema.alterTable("connections").addColumn("account_event_at", t.millis).execute();
      await db.schema.alterTable("connections").addColumn("capabilities", t.text).execute();
    },
  },
  {
    // Issue 19: a number over its life. Meta's health_status (can it send, and the errors that stop
    // it) and name status as last read; the deletion lifecycle ("deletion_scheduled", "deleted");
    // and the register/deregister calls of the last 72 hours, which Meta caps at 10 (133016).
    name: "20270125-01-number-lifecycle",
    async up(db) {
      await db.schema.alterTable("phone_numbers").addColumn("name_status", t.text).execute();
      await db.schema.alterTable("phone_numbers").addColumn("can_send", t.text).execute();
      await db.schema.alterTable("phone_numbers").addColumn("health_reasons", t.json).execute();
      await db.schema.alterTable("phone_numbers").addColumn("lifecycle", t.text).execute();
      await db.schema
        .alterTable("phone_numbers")
        .addColumn("registration_calls", t.json, (c) => c.notNull().defaultTo("[]"))
        .execute();
    },
  },
  {
    // Issue 19: a code that grants several WABAs (and came without Embedded Signup's waba_id) waits
    // for the user's pick: the accounts offered, as JSON [{id, name}]; the token waits in the vault.
    name: "20270201-01-waba-choice",
    async up(db) {
      await db.schema.alterTable("oauth_states").addColumn("waba_choices", t.text).execute();
    },
  },
  {
    // Issue 15: each connection names the channel adapter it goes through (docs/channels.md); every
    // connection made before went through Meta's own app.
    name: "20270321-01-connection-channel",
    async up(db) {
      await db.schema
        .alterTable("connections")
        .addColumn("channel", t.text, (c) => c.notNull().defaultTo("meta"))
        .execute();
    },
  },
];

const TAKEN_MESSAGE =
  "This WhatsApp account or number is connected to another workspace of this Wharf; disconnect it there first, then reconnect here.";
