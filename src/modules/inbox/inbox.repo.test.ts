import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { WS_A as A, WS_B as B } from "../../../test/support/tenants.js";
import { manualClock } from "../../platform/clock.js";
import { inboxMigrations } from "./inbox.migrations.js";
import {
  getContact,
  getConversation,
  listConversations,
  markConversationRead,
  marketingConsent,
  noteInboundMessages,
  type InboundActivity,
  noteOutboundMessage,
  updateContact,
  WINDOW_MS,
} from "./index.js";

const text = (body: string) => ({ type: "text", text: { body } });

describeEachDialect("inbox: conversations, window, unread counts, consent", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 2, 1));
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, inboxMigrations);
  });
  afterEach(() => tdb.cleanup());

  const inbound = (workspaceId = A, over: Partial<InboundActivity> = {}) =>
    tdb.db.transaction().execute(
      async (trx) =>
        (
          await noteInboundMessages(trx, { clock }, [
            {
              workspaceId,
              phoneNumberId: "pn_1",
              metaPhoneNumberId: "1065",
              waId: "15550001111",
              profileName: "Ana",
              wamid: "wamid.1",
              type: "text",
              content: text("hi"),
              timestamp: 1_000_000,
              ...over,
            },
          ])
        )[0]!,
    );

  it("keeps the window and last message at the latest Meta timestamp whatever the processing order", async () => {
    const { conversationId } = await inbound(A, { timestamp: 5_000_000, wamid: "w2" });
    await inbound(A, { timestamp: 1_000_000, wamid: "w1", profileName: "Old name" });
    const c = await getConversation(tdb.db, A, conversationId);
    expect(c).toMatchObject({
      waId: "15550001111",
      phoneNumberId: "pn_1",
      lastMessageAt: 5_000_000,
      windowExpiresAt: 5_000_000 + WINDOW_MS,
      unreadCount: 2,
      contactName: "Ana",
    });
    // A system notice does not open the window; an outbound message only moves lastMessageAt.
    await inbound(A, {
      timestamp: 9_000_000,
      wamid: "w3",
      type: "system",
      content: { type: "system", system: { body: "changed" } },
    });
    await noteOutboundMessage(tdb.db, A, { phoneNumberId: "pn_1", waId: "15550001111", at: 9_500_000 });
    await noteOutboundMessage(tdb.db, A, { phoneNumberId: "pn_1", waId: "15550001111", at: 2_000_000 });
    expect(await getConversation(tdb.db, A, conversationId)).toMatchObject({
      lastMessageAt: 9_500_000,
      windowExpiresAt: 5_000_000 + WINDOW_MS,
      unreadCount: 3,
    });
    await markConversationRead(tdb.db, A, conversationId, clock.now());
    expect((await getConversation(tdb.db, A, conversationId)).unreadCount).toBe(0);
  });

  it("an outbound message to a new customer starts a conversation without a window", async () => {
    await noteOutboundMessage(tdb.db, A, { phoneNumberId: "pn_1", waId: "15550002222", at: 7 });
    const page = await listConversations(tdb.db, A, { limit: 10 });
    expect(page.data).toEqual([
      expect.objectContaining({ waId: "15550002222", windowExpiresAt: null, unreadCount: 0, lastMessageAt: 7 }),
    ]);
  });

  it("pages most recent first with a stable cursor", async () => {
    for (let i = 0; i < 5; i++) await inbound(A, { waId: `1555000${i}000`, wamid: `w${i}`, timestamp: 1000 * (i % 3) });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConversations(tdb.db, A, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((c) => `${c.lastMessageAt}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["2000", "1000", "1000", "0", "0"]);
    await expect(listConversations(tdb.db, A, { limit: 2, cursor: "bm9wZQ" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("STOP opts the contact out; a later opt-in wins over a STOP processed late, an older one does not", async () => {
    expect((await marketingConsent(tdb.db, A, ["15550001111", "15559999999"])).get("15550001111")).toBeNull();
    const first = await inbound(A, { content: text("  Stop! "), timestamp: clock.now() - 60_000 });
    expect(first.optedOut).toBe(true);
    expect(await getContact(tdb.db, A, "15550001111")).toMatchObject({
      marketingOptIn: false,
      consentSource: "stop_keyword",
    });
    await updateContact({ db: tdb.db, clock }, A, "15550001111", { marketingOptIn: true });
    // The same STOP re-processed (Meta's retry) is older than the opt-in: it changes nothing.
    expect(
      (await inbound(A, { content: text("STOP"), wamid: "again", timestamp: clock.now() - 60_000 })).optedOut,
    ).toBe(false);
    expect((await marketingConsent(tdb.db, A, ["15550001111", "15559999999"])).get("15550001111")).toBe(true);
    expect((await inbound(A, { content: text("please stop calling me at night"), wamid: "x" })).optedOut).toBe(false);
  });

  it("never shows one workspace's conversations or contacts to another", async () => {
    const { conversationId } = await inbound(A);
    await expect(getConversation(tdb.db, B, conversationId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markConversationRead(tdb.db, B, conversationId, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getContact(tdb.db, B, "15550001111")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listConversations(tdb.db, B, { limit: 10 })).data).toEqual([]);
    expect((await marketingConsent(tdb.db, B, ["15550001111"])).get("15550001111")).toBeNull();
    expect((await getConversation(tdb.db, A, conversationId)).unreadCount).toBe(1);
  });
});
