import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { messagesWebhookBody, signWebhookBody, unreachableChannels } from "../../../test/support/channels.js";
import { seedConnectedNumber } from "../../../test/support/seed-connected-number.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { createEventBus, type RecordedEvent } from "../../platform/events.js";
import { createJobs } from "../../platform/jobs/index.js";
import { eventsOutModule } from "../events-out/index.js";
import { metaInboundModule } from "./index.js";

const SECRET = "test-app-secret";
const WABA = "111000222";
const PN = "222000333";

/** Counts the statements that read the endpoints table. */
function endpointReads(): KyselyPlugin & { n: number } {
  const plugin = {
    n: 0,
    transformQuery(args: PluginTransformQueryArgs) {
      if (args.node.kind === "SelectQueryNode" && JSON.stringify(args.node.from).includes('"webhook_endpoints"'))
        plugin.n++;
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs) => args.result,
  };
  return plugin;
}

// The webhook hot path: recording an event per status must cost no query per status. The
// endpoints are read once per processing transaction and workspace, as before the catalog.
describeEachDialect("events on the webhook hot path: one endpoints read per transaction, not per status", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 3, 1));
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    const now = clock.now();
    await seedConnectedNumber(tdb.db, { wabaId: WABA, metaPhoneNumberId: PN, now });
  });
  afterEach(() => tdb.cleanup());

  it("20 statuses in one webhook: every one published live after the commit, the endpoints read once", async () => {
    const reads = endpointReads();
    const db = tdb.db.withPlugin(reads);
    const events = createEventBus();
    const live: RecordedEvent[] = [];
    events.subscribeAll((_ws, e) => live.push(e));
    const vault = createVault({ db, keyring: staticKeyring(generateMasterKey()), clock });
    const deps = {
      db,
      dialect: tdb.dialect,
      clock,
      events,
      vault,
      jobs: createJobs({ db, dialect: tdb.dialect, clock }).queue,
      channels: unreachableChannels(),
    };
    eventsOutModule({ ...deps, delivery: { pollMs: 1000 } });
    const m = metaInboundModule({
      ...deps,
      meta: { appSecret: SECRET, verifyToken: "v" },
      processing: { pollMs: 1000 },
    });
    const statuses = [];
    for (let i = 0; i < 20; i++) {
      await sql`insert into messages (id, workspace_id, direction, phone_number_id, wa_id, type, content, status, status_rank, wamid, business_initiated, created_at, updated_at) values (${`msg_c${i}`}, 'ws_a', 'outbound', 'pn_a', '155', 'text', '{}', 'sending', 1, ${`wamid.c${i}`}, 0, 1, 1)`.execute(
        tdb.db,
      );
      statuses.push({ id: `wamid.c${i}`, status: "delivered", timestamp: "1700000000", recipient_id: "155" });
    }
    const body = messagesWebhookBody(WABA, PN, { statuses });
    expect((await m.receiver.receive(Buffer.from(body), signWebhookBody(body, SECRET))).ok).toBe(true);
    reads.n = 0;
    await m.processor.runUntilIdle();
    expect(live.filter((e) => e.type === "message.status")).toHaveLength(20);
    expect(reads.n).toBe(1);
  });
});
