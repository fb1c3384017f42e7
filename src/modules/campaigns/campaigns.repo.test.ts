import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { WS_A as A, WS_B as B } from "../../../test/support/tenants.js";
import { messagesMigrations } from "../messages/index.js";
import { campaignsMigrations } from "./campaigns.migrations.js";
import {
  appendRecipients,
  duplicateRecipients,
  recipientCounts,
  findCampaign,
  insertCampaign,
  markRecipients,
  pendingRecipients,
  settleStaged,
  skipAllPending,
  toRecipientColumns,
} from "./campaigns.repo.js";

const CAMPAIGN = "cmp_1";

describeEachDialect("campaigns: recipients appended, staged uploads settled, counts", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, [...campaignsMigrations, ...messagesMigrations]);
    await insertCampaign(tdb.db, A, {
      id: CAMPAIGN,
      name: "c",
      phone_number_id: "pn_1",
      template_name: "t",
      template_language: "en_US",
      template_components: null,
      status: "draft",
      scheduled_at: null,
      total: 0,
      created_at: 1,
      updated_at: 1,
    });
  });
  afterEach(() => tdb.cleanup());

  const append = (n: number, state: "pending" | "staged", from = 0) =>
    tdb.db.transaction().execute((trx) =>
      appendRecipients(
        trx,
        A,
        CAMPAIGN,
        toRecipientColumns(
          Array.from({ length: n }, (_, i) => ({
            to: `+1555${from + i}`,
            ...(i % 2 ? { parameters: [`p${from + i}`, from + i] } : {}),
          })),
        ),
        state,
      ),
    );
  const rows = () =>
    tdb.db.selectFrom("campaign_recipients").selectAll().where("campaign_id", "=", CAMPAIGN).orderBy("seq").execute();
  const total = async () => (await findCampaign(tdb.db, A, CAMPAIGN))!.total;

  it("appends in order after the last sequence number, parameters as JSON, the total kept", async () => {
    await append(3, "pending");
    await append(1203, "pending", 3);
    const all = await rows();
    expect(all.map((r) => Number(r.seq))).toEqual(Array.from({ length: 1206 }, (_, i) => i + 1));
    expect(all[1]).toMatchObject({
      to: "+15551",
      parameters: '["p1",1]',
      state: "pending",
      skip_reason: null,
      message_id: null,
    });
    expect(all[1205]).toMatchObject({ to: "+15551205", parameters: null });
    expect(await total()).toBe(1206);
  });

  it("a finished upload's staged rows all become pending, across several statements, and only those", async () => {
    await append(5, "pending");
    await append(23_456, "staged", 5);
    await tdb.db
      .transaction()
      .execute((trx) =>
        markRecipients(trx, A, CAMPAIGN, [{ seq: 1, state: "skipped", skip_reason: "NO_CONSENT", message_id: null }]),
      );
    expect(await tdb.db.transaction().execute((trx) => settleStaged(trx, A, CAMPAIGN, true))).toBe(23_456);
    const c = { recipients: await recipientCounts(tdb.db, A, CAMPAIGN) };
    expect(c.recipients).toEqual(
      expect.arrayContaining([
        { state: "pending", reason: null, n: 23_460 },
        { state: "skipped", reason: "NO_CONSENT", n: 1 },
      ]),
    );
    expect(c.recipients).toHaveLength(2);
    expect(await total()).toBe(23_461);
  });

  it("a failed upload's staged rows disappear and leave the total as it was", async () => {
    await append(2, "pending");
    await append(12_001, "staged", 2);
    expect(await total()).toBe(12_003);
    expect(await tdb.db.transaction().execute((trx) => settleStaged(trx, A, CAMPAIGN, false))).toBe(12_001);
    expect((await rows()).map((r) => r.state)).toEqual(["pending", "pending"]);
    expect(await total()).toBe(2);
    expect(await tdb.db.transaction().execute((trx) => settleStaged(trx, A, CAMPAIGN, false))).toBe(0);
  });

  it("counts each state once and skipped recipients by reason", async () => {
    await append(6, "pending");
    await tdb.db.transaction().execute((trx) =>
      markRecipients(trx, A, CAMPAIGN, [
        { seq: 1, state: "skipped", skip_reason: "NO_CONSENT", message_id: null },
        { seq: 2, state: "skipped", skip_reason: "NO_CONSENT", message_id: null },
        { seq: 3, state: "skipped", skip_reason: "MESSAGING_LIMIT_REACHED", message_id: null },
        { seq: 4, state: "queued", skip_reason: null, message_id: "msg_1" },
      ]),
    );
    const c = { recipients: await recipientCounts(tdb.db, A, CAMPAIGN) };
    expect([...c.recipients].sort((x, y) => `${x.state}${x.reason}`.localeCompare(`${y.state}${y.reason}`))).toEqual([
      { state: "pending", reason: null, n: 2 },
      { state: "queued", reason: null, n: 1 },
      { state: "skipped", reason: "MESSAGING_LIMIT_REACHED", n: 1 },
      { state: "skipped", reason: "NO_CONSENT", n: 2 },
    ]);
  });

  it("a repeated customer is a duplicate after its first row, however written, across chunks and uploads; staged rows do not count", async () => {
    const add = (tos: string[], state: "pending" | "staged" = "pending") =>
      tdb.db
        .transaction()
        .execute((trx) => appendRecipients(trx, A, CAMPAIGN, toRecipientColumns(tos.map((to) => ({ to }))), state));
    // seq 1..5: three spellings of one number, an invalid line twice, another number.
    await add(["+1 555 010 0001", "15550100001", "+1 (555) 010-0001", "not a number", "not a number"]);
    await add(["+15550100002"]); // seq 6
    await add(["15550100002", "+15550100009"], "staged"); // seq 7, 8: an upload still streaming
    const dupes = (limit: number) =>
      tdb.db.transaction().execute(async (trx) => {
        const chunk = await pendingRecipients(trx, A, CAMPAIGN, limit);
        return [...(await duplicateRecipients(trx, A, CAMPAIGN, chunk))].sort((x, y) => x - y);
      });
    expect((await rows()).map((r) => r.recipient_key)).toEqual([
      "15550100001",
      "15550100001",
      "15550100001",
      null,
      null,
      "15550100002",
      "15550100002",
      "15550100009",
    ]);
    // A chunk of two: the second spelling repeats the first, which is pending in the same chunk.
    expect(await dupes(2)).toEqual([2]);
    expect(await dupes(10)).toEqual([2, 3]);
    // The first is queued by an earlier chunk: every later row of that customer is a duplicate.
    await tdb.db.transaction().execute(async (trx) => {
      await markRecipients(trx, A, CAMPAIGN, [
        { seq: 1, state: "queued", skip_reason: null, message_id: "msg_1" },
        { seq: 6, state: "skipped", skip_reason: "RECIPIENT_OPTED_OUT", message_id: null },
      ]);
    });
    expect(await dupes(10)).toEqual([2, 3]);
    // The upload finishes: its repeat of seq 6 (skipped already) is a duplicate, its new number is not.
    await tdb.db.transaction().execute((trx) => settleStaged(trx, A, CAMPAIGN, true));
    expect(await dupes(10)).toEqual([2, 3, 7]);
    // Another workspace learns nothing.
    expect(
      await tdb.db
        .transaction()
        .execute(async (trx) => [
          ...(await duplicateRecipients(trx, B, CAMPAIGN, [{ seq: 2, recipient_key: "15550100001" }])),
        ]),
    ).toEqual([]);
  });

  it("another workspace's id reaches none of the campaign's recipients, whatever the campaign id", async () => {
    await append(3, "pending");
    await append(2, "staged", 3);
    const before = await rows();
    await expect(
      tdb.db
        .transaction()
        .execute((trx) => appendRecipients(trx, B, CAMPAIGN, toRecipientColumns([{ to: "+15550000" }]))),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await pendingRecipients(tdb.db, B, CAMPAIGN, 10)).toEqual([]);
    expect(await recipientCounts(tdb.db, B, CAMPAIGN)).toEqual([]);
    await tdb.db.transaction().execute(async (trx) => {
      await markRecipients(trx, B, CAMPAIGN, [{ seq: 1, state: "skipped", skip_reason: "X", message_id: null }]);
      await skipAllPending(trx, B, CAMPAIGN, "X");
      expect(await settleStaged(trx, B, CAMPAIGN, true)).toBe(0);
      expect(await settleStaged(trx, B, CAMPAIGN, false)).toBe(0);
    });
    expect(await rows()).toEqual(before);
    expect(await total()).toBe(5);
    // The same calls with the owner's id do reach them (the refusals above are the workspace's doing).
    expect(await pendingRecipients(tdb.db, A, CAMPAIGN, 10)).toHaveLength(3);
  });
});
