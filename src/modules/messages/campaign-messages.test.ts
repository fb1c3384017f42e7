import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { WS_A as A, WS_B as B } from "../../../test/support/tenants.js";
import { campaignMessageRow } from "../../../test/support/message-rows.js";
import { campaignMessageCounts, withdrawCampaignMessages } from "./campaign-messages.js";
import { messagesMigrations } from "./messages.migrations.js";
import { insertMessages, type MessageRow } from "./messages.repo.js";
import { holdCampaignOutbox, insertOutbox } from "./outbox.repo.js";

const CAMPAIGN = "cmp_1";

const message = (id: string, status: MessageRow["status"]) =>
  campaignMessageRow(A, id, CAMPAIGN, { status, template_category: "MARKETING" });

describeEachDialect("messages: what campaigns ask of a campaign's messages, by workspace", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, messagesMigrations);
    await tdb.db.transaction().execute(async (trx) => {
      await insertMessages(trx, [message("m1", "queued"), message("m2", "queued"), message("m3", "sent")]);
      await insertOutbox(
        trx,
        ["m1", "m2"].map((id) => ({
          message_id: id,
          workspace_id: A,
          phone_number_id: "pn_1",
          wa_id: `1555${id}`,
          campaign_id: CAMPAIGN,
          state: "ready" as const,
          run_at: 1,
          attempts: 0,
          lease_owner: null,
          lease_until: null,
          last_error: null,
        })),
      );
    });
  });
  afterEach(() => tdb.cleanup());

  it("counts, holds and withdraws the owner's campaign messages", async () => {
    expect(await campaignMessageCounts(tdb.db, A, CAMPAIGN)).toEqual({ byStatus: { queued: 2, sent: 1 }, outbox: 2 });
    expect(await tdb.db.transaction().execute((trx) => holdCampaignOutbox(trx, A, CAMPAIGN, true))).toBe(2);
    await tdb.db.transaction().execute((trx) => withdrawCampaignMessages(trx, A, CAMPAIGN, 5));
    expect(await campaignMessageCounts(tdb.db, A, CAMPAIGN)).toEqual({ byStatus: { failed: 2, sent: 1 }, outbox: 0 });
  });

  it("another workspace's id counts nothing, holds nothing and withdraws nothing", async () => {
    expect(await campaignMessageCounts(tdb.db, B, CAMPAIGN)).toEqual({ byStatus: {}, outbox: 0 });
    expect(await tdb.db.transaction().execute((trx) => holdCampaignOutbox(trx, B, CAMPAIGN, true))).toBe(0);
    await tdb.db.transaction().execute((trx) => withdrawCampaignMessages(trx, B, CAMPAIGN, 5));
    expect(await campaignMessageCounts(tdb.db, A, CAMPAIGN)).toEqual({ byStatus: { queued: 2, sent: 1 }, outbox: 2 });
  });
});
