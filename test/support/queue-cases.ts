// The four leased queues, each seen through the same small interface, for the queue conformance
// suite and its child process: rows are added and claimed with each queue's own production code.
import type { AnyDb, DialectName, WharfMigration } from "../../src/platform/db/index.js";
import { typed } from "../../src/platform/db/index.js";
import { jobLeases, jobsMigrations, jobStore, type JobTables } from "../../src/platform/jobs/index.js";
import type { LeasedQueue } from "../../src/platform/queue/index.js";
import { claimOutbox, insertOutbox, markInDoubt, outboxLeases } from "../../src/modules/messages/outbox.repo.js";
import { messagesMigrations } from "../../src/modules/messages/index.js";
import { claimEvents, insertEvents, webhookEventLeases } from "../../src/modules/meta-inbound/webhook-events.repo.js";
import { metaInboundMigrations } from "../../src/modules/meta-inbound/index.js";
import { claimDeliveries, deliveryLeases, insertDeliveries } from "../../src/modules/events-out/deliveries.repo.js";
import { eventsOutMigrations } from "../../src/modules/events-out/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";

export interface Claimed {
  id: string;
  attempts: number;
}

export interface QueueCase {
  name: string;
  add(db: AnyDb, ids: string[], now: number): Promise<void>;
  claim(
    db: AnyDb,
    dialect: DialectName,
    owner: string,
    now: number,
    leaseMs: number,
    limit: number,
  ): Promise<Claimed[]>;
  leases(dialect: DialectName): LeasedQueue<unknown>;
}

export const queueMigrations: WharfMigration[] = [
  ...jobsMigrations,
  ...messagesMigrations,
  ...metaInboundMigrations,
  ...eventsOutMigrations,
];

const MAX_ATTEMPTS = 5;
const PHONE = "pn_conformance";

export const queueCases: QueueCase[] = [
  {
    name: "jobs",
    async add(db, ids, now) {
      const rows = ids.map((id) => ({
        id,
        name: "conformance",
        payload: "{}",
        status: "queued" as const,
        run_at: now,
        attempts: 0,
        max_attempts: MAX_ATTEMPTS,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        dedupe_key: null,
        workspace_id: null,
        created_at: now,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 100)
        await typed<JobTables>(db)
          .insertInto("jobs")
          .values(rows.slice(i, i + 100))
          .execute();
    },
    claim: async (db, dialect, owner, now, leaseMs, limit) =>
      (await jobStore(db, dialect).claim(["conformance"], owner, now, leaseMs, limit)).map(pick),
    leases: jobLeases,
  },
  {
    name: "outbox",
    add: (db, ids, now) =>
      insertOutbox(
        db,
        ids.map((id) => ({
          message_id: id,
          workspace_id: "ws_c",
          phone_number_id: PHONE,
          wa_id: "15550001",
          campaign_id: null,
          state: "ready",
          run_at: now,
          attempts: 0,
          lease_owner: null,
          lease_until: null,
          last_error: null,
        })),
      ),
    // The dispatcher's way back to rows a dead owner left in flight: in doubt first, then claimed
    // once the grace is over (none here, so the queue's contract is checked as for the others).
    claim: async (db, dialect, owner, now, leaseMs, limit) => {
      await markInDoubt(db, PHONE, now, 0);
      return (await claimOutbox(db, dialect, PHONE, owner, now, leaseMs, limit)).map((r) => ({
        id: r.message_id,
        attempts: Number(r.attempts),
      }));
    },
    leases: outboxLeases,
  },
  {
    name: "webhook events",
    add: (db, ids, now) =>
      insertEvents(
        db,
        ids.map((id) => ({ id, received_at: now, body: "{}" })),
      ),
    claim: async (db, dialect, owner, now, leaseMs, limit) =>
      (await claimEvents(db, dialect, { owner, now, leaseMs, limit }, MAX_ATTEMPTS)).map(pick),
    leases: (dialect) => webhookEventLeases(dialect, MAX_ATTEMPTS),
  },
  {
    name: "webhook deliveries",
    add: (db, ids, now) =>
      insertDeliveries(
        db,
        asWorkspaceId("ws_c"),
        ids.map((id) => ({
          id,
          endpoint_id: "whe_c",
          event_id: `evt_${id}`,
          event_type: "message.status",
          payload: "{}",
          state: "pending",
          attempts: 0,
          run_at: now,
          lease_owner: null,
          lease_until: null,
          last_status: null,
          last_error: null,
          created_at: now,
          delivered_at: null,
        })),
      ),
    claim: async (db, dialect, owner, now, leaseMs, limit) =>
      (await claimDeliveries(db, dialect, { owner, now, leaseMs, limit })).map(pick),
    leases: deliveryLeases,
  },
];

function pick(r: { id: string; attempts: number }): Claimed {
  return { id: r.id, attempts: Number(r.attempts) };
}
