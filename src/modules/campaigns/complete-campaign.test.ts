import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { campaignMessageRow } from "../../../test/support/message-rows.js";
import { manualClock } from "../../platform/clock.js";
import { openDatabase, type Database } from "../../platform/db/index.js";
import { createEventBus, type RecordedEvent } from "../../platform/events.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { recordOutcomes } from "../messages/dispatch/record-outcomes.js";
import { messagesMigrations } from "../messages/index.js";
import { insertMessages } from "../messages/messages.repo.js";
import { insertOutbox, type OutboxRow } from "../messages/outbox.repo.js";
import { campaignsMigrations } from "./campaigns.migrations.js";
import {
  appendRecipients,
  findCampaign,
  insertCampaign,
  markRecipients,
  toRecipientColumns,
} from "./campaigns.repo.js";
import { campaignSettlement, completeCampaignIfSettled, completeSettledCampaignsJob } from "./complete-campaign.js";

const A = asWorkspaceId("ws_a");

const messageRow = (id: string, campaignId: string) => campaignMessageRow(A, id, campaignId);

/** A running campaign whose recipients are all queued, each message claimed by its own dispatcher (`owners`). */
async function campaignInFlight(db: Database["db"], id: string, owners: string[], skipped = 0): Promise<OutboxRow[]> {
  const outbox = owners.map((owner, i): OutboxRow => ({
    message_id: `${id}_m${i}`,
    workspace_id: A,
    phone_number_id: "pn_1",
    wa_id: `1555${i}`,
    campaign_id: id,
    state: "inflight",
    run_at: 1,
    attempts: 1,
    lease_owner: owner,
    lease_until: 10_000_000,
    last_error: null,
  }));
  await db.transaction().execute(async (trx) => {
    await insertCampaign(trx, A, {
      id,
      name: id,
      phone_number_id: "pn_1",
      template_name: "t",
      template_language: "en_US",
      template_components: null,
      status: "running",
      scheduled_at: null,
      total: 0,
      created_at: 1,
      updated_at: 1,
    });
    const skippedTo = Array.from({ length: skipped }, (_, i) => ({ to: `+1666${i}` }));
    await appendRecipients(
      trx,
      A,
      id,
      toRecipientColumns([...owners.map((_, i) => ({ to: `+1555${i}` })), ...skippedTo]),
    );
    await markRecipients(
      trx,
      A,
      id,
      skippedTo.map((_, i) => ({
        seq: owners.length + i + 1,
        state: "skipped",
        skip_reason: "RECIPIENT_OPTED_OUT",
        message_id: null,
      })),
    );
    await markRecipients(
      trx,
      A,
      id,
      outbox.map((o, i) => ({ seq: i + 1, state: "queued", skip_reason: null, message_id: o.message_id })),
    );
    await insertMessages(
      trx,
      outbox.map((o) => messageRow(o.message_id, id)),
    );
    await insertOutbox(trx, outbox);
  });
  return outbox;
}

describeEachDialect("campaigns: completed when the last recipient settles, once", (dialect) => {
  let tdb: TestDatabase;
  // A second handle on the same storage: another process's connection pool, as far as the database can tell.
  let other: Database;
  const clock = manualClock(1_000_000);
  const events = createEventBus();
  const completions: RecordedEvent[] = [];
  events.subscribeAll((_ws, e) => {
    if (e.type === "campaign.status" && e.data.status === "completed") completions.push(e);
  });
  const settle = (db: Database["db"], owner: string, row: OutboxRow) =>
    recordOutcomes({ db, clock, events, campaigns: campaignSettlement({ events }) }, owner, [
      { kind: "accepted", row, wamid: `wamid.${row.message_id}` },
    ]);

  beforeEach(async () => {
    completions.length = 0;
    tdb = await openTestDatabase(dialect, [...campaignsMigrations, ...messagesMigrations]);
    // SQLite has one writer, and better-sqlite3 waits for a lock synchronously (a second handle in
    // this process would block the first): there the two settle on one handle, one after the other.
    other =
      dialect === "postgres"
        ? openDatabase({ url: tdb.url, dataDir: tdb.dataDir, schema: tdb.schema, poolSize: 5 })
        : tdb;
  });
  afterEach(async () => {
    if (other !== tdb) await other.close();
    await tdb.cleanup();
  });

  it("not while a message is still in the outbox; in the transaction that settles the last one", async () => {
    const [first, last] = await campaignInFlight(tdb.db, "cmp_1", ["o1", "o2"]);
    await settle(tdb.db, "o1", first!);
    expect((await findCampaign(tdb.db, A, "cmp_1"))!.status).toBe("running");
    expect(completions).toEqual([]);
    await settle(tdb.db, "o2", last!);
    expect((await findCampaign(tdb.db, A, "cmp_1"))!.status).toBe("completed");
    expect(completions.map((e) => e.data)).toEqual([{ id: "cmp_1", status: "completed", previous: "running" }]);
    // Nothing left to settle: asking again (the expansion's last look) records nothing more.
    expect(await completeCampaignIfSettled({ db: tdb.db, events }, A, "cmp_1", clock.now())).toBe(false);
    expect(completions).toHaveLength(1);
  });

  it("two connections settling a campaign's last two messages at once record its completion exactly once", async () => {
    const rounds = 12;
    for (let i = 0; i < rounds; i++) {
      const [a, b] = await campaignInFlight(tdb.db, `cmp_${i}`, ["o1", "o2"]);
      await Promise.all([settle(tdb.db, "o1", a!), settle(other.db, "o2", b!)]);
    }
    const byCampaign = new Map<string, number>();
    for (const e of completions) {
      const id = (e.data as { id: string }).id;
      byCampaign.set(id, (byCampaign.get(id) ?? 0) + 1);
    }
    expect([...byCampaign.values()]).toEqual(Array.from({ length: rounds }, () => 1));
    for (let i = 0; i < rounds; i++) expect((await findCampaign(tdb.db, A, `cmp_${i}`))!.status).toBe("completed");
  });

  it("the sweep completes a campaign that settled without being completed (an upgrade), once", async () => {
    const [a, b] = await campaignInFlight(tdb.db, "cmp_old", ["o1", "o2"]);
    // Settled the way an older version did: nothing recorded the completion.
    for (const [owner, row] of [
      ["o1", a!],
      ["o2", b!],
    ] as const)
      await recordOutcomes({ db: tdb.db, clock, events }, owner, [{ kind: "accepted", row, wamid: `w.${owner}` }]);
    await campaignInFlight(tdb.db, "cmp_busy", ["o3"]);
    expect((await findCampaign(tdb.db, A, "cmp_old"))!.status).toBe("running");
    const sweep = completeSettledCampaignsJob({ db: tdb.db, events, clock });
    await sweep.handler({}, {} as Parameters<typeof sweep.handler>[1]);
    await sweep.handler({}, {} as Parameters<typeof sweep.handler>[1]);
    expect((await findCampaign(tdb.db, A, "cmp_old"))!.status).toBe("completed");
    expect((await findCampaign(tdb.db, A, "cmp_busy"))!.status).toBe("running");
    expect(completions.map((e) => (e.data as { id: string }).id)).toEqual(["cmp_old"]);
  });

  it("ends completed_with_skips when some recipients were skipped, failed when all were: never a plain completed", async () => {
    const statuses: unknown[] = [];
    events.subscribeAll((_ws, e) => {
      if (e.type === "campaign.status") statuses.push(e.data);
    });
    const [only] = await campaignInFlight(tdb.db, "cmp_some", ["o1"], 2);
    await settle(tdb.db, "o1", only!);
    expect((await findCampaign(tdb.db, A, "cmp_some"))!.status).toBe("completed_with_skips");
    await campaignInFlight(tdb.db, "cmp_none", [], 3);
    expect(await completeCampaignIfSettled({ db: tdb.db, events }, A, "cmp_none", clock.now())).toBe(true);
    expect((await findCampaign(tdb.db, A, "cmp_none"))!.status).toBe("failed");
    expect(statuses).toEqual([
      { id: "cmp_some", status: "completed_with_skips", previous: "running" },
      { id: "cmp_none", status: "failed", previous: "running" },
    ]);
    expect(completions).toEqual([]);
  });
});
