import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";
import { eventually, inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

/**
 * Business-scoped user ids (Meta, "Business-scoped user IDs", 2026): a customer who adopted a
 * username may write with their phone withheld (no `from`, no `contacts[].wa_id`, only
 * `from_user_id` / `contacts[].user_id`). Wharf stores such a message under the BSUID, replies
 * with `recipient`, and folds the BSUID contact into the phone one once Meta shows the phone
 * (the same customer, nyaruka/courier#1094 and open-chat-studio#3322 describe the same need).
 */

let w: StartedWharf;
const h = inboxHarness(() => w);
let ids: Awaited<ReturnType<typeof h.connect>>;
const key = () => w.demo.apiKey;

describeEachDialect("BSUID customers end to end", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect });
    ids = await h.connect(key());
    const pin = (await h.emulator("/state")).wabas[0].phoneNumbers[0].pin as string;
    const activated = await h.api("POST", `/v1/phone-numbers/${ids.phoneNumberId}/activate`, key(), { pin });
    expect(activated.status).toBe(200);
  }, 60_000);
  afterAll(() => w?.close());

  const inbound = (from: string, extra: Record<string, unknown>) =>
    h.emulator("/inbound", { phoneNumberId: ids.metaPhoneNumberId, from, name: "Lina", ...extra });
  const conversations = async (waId: string) =>
    (await h.api("GET", `/v1/conversations?waId=${encodeURIComponent(waId)}`, key())).body.data as Json[];
  const thread = async (id: string) =>
    (await h.api("GET", `/v1/conversations/${id}/messages`, key())).body.data as Json[];

  describe("a username customer whose phone Meta withholds", () => {
    it("is stored under the BSUID, answered with recipient, and merged into the phone once it shows", async () => {
      await inbound("15550301001", { text: "hello, no phone", username: "@lina", phoneWithheld: true });
      const webhook = (await h.emulator("/inbound")).data.at(-1).message;
      expect(webhook.from).toBeUndefined();
      const bsuid = webhook.from_user_id as string;
      expect(bsuid).toMatch(/^[A-Z]{2}\.\d+$/);

      // Stored (before: flagged invalid_message and dropped), keyed by the BSUID.
      const [c] = await eventually(
        () => conversations(bsuid),
        (x) => x.length === 1,
      );
      expect(c).toMatchObject({
        contact: { waId: bsuid, name: "Lina", username: "@lina" },
        unreadCount: 1,
        windowOpen: true,
      });
      const contact = (await h.api("GET", `/v1/contacts/${bsuid}`, key())).body;
      expect(contact).toMatchObject({ waId: bsuid, userId: bsuid, username: "@lina" });

      // The agent's reply reaches the customer with `recipient`, not `to`.
      const reply = await h.api("POST", `/v1/conversations/${c!.id}/messages`, key(), {
        type: "text",
        text: { body: "Hi Lina" },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(202);
      const sent = await eventually(
        async () =>
          ((await h.emulator(`/messages?phoneNumberId=${ids.metaPhoneNumberId}`)).data as Json[]).find(
            (m) => m.body.recipient === bsuid,
          ),
        (m) => m !== undefined,
      );
      expect(sent.body).not.toHaveProperty("to");
      await eventually(
        async () => (await h.api("GET", `/v1/messages/${reply.body.id}`, key())).body.status,
        (s) => s === "read",
      );

      // The same customer writes again, Meta now showing the phone: one contact, one conversation.
      await inbound("15550301001", { text: "here is my number", phoneWithheld: false });
      const [merged] = await eventually(
        () => conversations("15550301001"),
        (x) => x.length === 1,
      );
      expect(await conversations(bsuid)).toEqual([]);
      expect(merged).toMatchObject({ contact: { waId: "15550301001", name: "Lina" }, unreadCount: 2 });
      const messages = await thread(merged!.id);
      expect(messages.map((m) => m.direction)).toEqual(["inbound", "outbound", "inbound"]);
      expect((await h.api("GET", "/v1/contacts/15550301001", key())).body).toMatchObject({
        waId: "15550301001",
        userId: bsuid,
        username: "@lina",
      });
      expect((await h.api("GET", `/v1/contacts/${bsuid}`, key())).status).toBe(404);

      // Phone withheld again later: the message joins the phone's conversation (found by BSUID).
      await inbound("15550301001", { text: "withheld again", phoneWithheld: true });
      await eventually(
        async () => (await conversations("15550301001"))[0]?.unreadCount,
        (n) => n === 3,
      );
      expect(await conversations(bsuid)).toEqual([]);
    });
  });

  // Meta, "Business-scoped user IDs": where parent BSUIDs are enabled, messages webhooks also carry
  // `contacts[].parent_user_id` / `messages[].from_parent_user_id`; Wharf keeps it on the contact.
  describe("a customer of a portfolio linked under a parent", () => {
    it("keeps Meta's parent BSUID on the contact beside the BSUID", async () => {
      const state = await h.emulator("/state");
      const linked = await fetch(`${w.url}/_meta/_emulator/businesses/${state.businesses[0].id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ parentId: "900000000000001" }),
      });
      expect(linked.status).toBe(200);
      try {
        await inbound("15550301002", { text: "from a linked portfolio" });
        const webhook = (await h.emulator("/inbound")).data.at(-1).message;
        const parent = webhook.from_parent_user_id as string;
        expect(parent).toMatch(/^[A-Z]{2}\.ENT\.\d+$/);
        await eventually(
          () => conversations("15550301002"),
          (x) => x.length === 1,
        );
        const rows = await w.wharf.database.db
          .selectFrom("contacts" as never)
          .select(["user_id", "parent_user_id"] as never[])
          .where("wa_id" as never, "=", "15550301002" as never)
          .execute();
        expect(rows).toEqual([{ user_id: webhook.from_user_id, parent_user_id: parent }]);
      } finally {
        await fetch(`${w.url}/_meta/_emulator/businesses/${state.businesses[0].id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ parentId: null }),
        });
      }
    });
  });
});
