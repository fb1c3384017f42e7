import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/support/databases.js";
import {
  createDedicatedDatabase,
  settledDeadlocks,
  type DedicatedDatabase,
} from "../../../test/support/pg-database.js";
import { messagesWebhookBody, signWebhookBody, unreachableChannels } from "../../../test/support/channels.js";
import { seedConnectedNumber } from "../../../test/support/seed-connected-number.js";
import { allMigrations } from "../../main.js";
import { systemClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { migrate, openDatabase, type Database } from "../../platform/db/index.js";
import { createEventBus } from "../../platform/events.js";
import { createJobs } from "../../platform/jobs/index.js";
import { createLogger } from "../../platform/observability/index.js";
import { metaInboundModule, type MetaInboundModule } from "./index.js";

const SECRET = "test-app-secret";
const WABA = "111000111";
const PN = "222000222";
const MESSAGES = 60;
const UNKNOWN = 10;
const BODIES = 40;

const run = testDialects.includes("postgres") ? describe : describe.skip;

// Issue 13, item 4: two worker processes applying statuses of the same messages deadlocked on
// PostgreSQL (each deadlock a 1 s wait, then a retry). Two processors on two connection pools,
// each with several batches side by side, over bodies whose statuses name the same messages in
// opposite orders: PostgreSQL must detect no deadlock in the test's own database.
run("status processing takes its row locks in one order [postgres]", () => {
  let pgdb: DedicatedDatabase;
  let handles: Database[] = [];
  const logged: string[] = [];

  beforeEach(async () => {
    pgdb = await createDedicatedDatabase();
    handles = [
      openDatabase({ url: pgdb.url, dataDir: "", poolSize: 6 }),
      openDatabase({ url: pgdb.url, dataDir: "", poolSize: 6 }),
    ];
    const db = handles[0]!.db;
    await migrate(db, "postgres", allMigrations);
    const now = systemClock.now();
    await seedConnectedNumber(db, { wabaId: WABA, metaPhoneNumberId: PN, now });
    for (let i = 0; i < MESSAGES; i++)
      await sql`insert into messages (id, workspace_id, direction, phone_number_id, wa_id, type, content, status, status_rank, wamid, business_initiated, created_at, updated_at) values (${`msg_${pad(i)}`}, 'ws_a', 'outbound', 'pn_a', '155', 'text', '{}', 'sending', 1, ${`wamid.${pad(i)}`}, 0, 1, 1)`.execute(
        db,
      );
  });
  afterEach(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await pgdb.drop();
  });

  const make = (database: Database): MetaInboundModule => {
    const events = createEventBus();
    const logger = createLogger({ level: "warn", destination: { write: (line: string) => void logged.push(line) } });
    return metaInboundModule({
      db: database.db,
      dialect: "postgres",
      clock: systemClock,
      events,
      logger,
      vault: createVault({ db: database.db, keyring: staticKeyring(generateMasterKey()), clock: systemClock }),
      jobs: createJobs({ db: database.db, dialect: "postgres", clock: systemClock }).queue,
      channels: unreachableChannels(),
      meta: { appSecret: SECRET, verifyToken: "verify-me" },
      processing: { pollMs: 1000, batchSize: 4, concurrency: 4 },
    });
  };

  /** Every message's statuses, known ones and ones for wamids we never sent, in the given order. */
  const body = (round: number) => {
    const status = (["sent", "delivered", "read"] as const)[round % 3]!;
    const ids = [
      ...Array.from({ length: MESSAGES }, (_, i) => `wamid.${pad(i)}`),
      ...Array.from({ length: UNKNOWN }, (_, i) => `wamid.unknown.${pad(i)}`),
    ];
    if (round % 2 === 1) ids.reverse();
    else ids.push(...ids.splice(0, round % ids.length));
    const statuses = ids.map((id) => ({ id, status, timestamp: String(1_700_000_000 + round), recipient_id: "155" }));
    return messagesWebhookBody(WABA, PN, { statuses });
  };

  it("two processors over interleaved statuses of the same messages: no deadlock, every status applied", async () => {
    const [a, b] = handles.map(make) as [MetaInboundModule, MetaInboundModule];
    for (let round = 0; round < BODIES; round++) {
      const raw = body(round);
      const stored = await (round % 2 === 0 ? a : b).receiver.receive(Buffer.from(raw), signWebhookBody(raw, SECRET));
      expect(stored.ok).toBe(true);
    }
    const before = await pgdb.deadlocks();
    const count = async (q: string) => Number((await sql.raw<{ n: string }>(q).execute(handles[0]!.db)).rows[0]!.n);
    const deadline = Date.now() + 60_000;
    while ((await count("select count(*) as n from webhook_events where state <> 'done'")) > 0) {
      expect(Date.now(), "every event processed within a minute").toBeLessThan(deadline);
      await Promise.all([a.processor.runUntilIdle(), b.processor.runUntilIdle()]);
      await new Promise((r) => setTimeout(r, 50));
    }

    expect(await count("select count(*) as n from messages where status = 'read'")).toBe(MESSAGES);
    expect(await count("select count(*) as n from message_events")).toBe(MESSAGES * 3);
    expect(await count("select count(*) as n from unmatched_statuses")).toBe(UNKNOWN * 3);
    await Promise.all([a.receiver.drain(), b.receiver.drain()]);
    await Promise.all(handles.map((h) => h.close()));
    handles = [];
    const failures = logged.filter((l) => l.includes("webhook event processing failed"));
    const deadlocks = (await settledDeadlocks(pgdb)) - before;
    console.log(`status lock order: ${deadlocks} deadlocks, ${failures.length} failed batches retried`);
    expect({ deadlocks, failures: failures.filter((l) => l.includes("deadlock")).length }).toEqual({
      deadlocks: 0,
      failures: 0,
    });
  }, 120_000);
});

const pad = (i: number) => String(i).padStart(3, "0");
