import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateOpenApiRequest, validateOpenApiWebhook } from "../support/openapi.js";
import { expectOnlyGap } from "../support/graph/conformance.js";
import { SEED_IDS, startHarness, textTo, V, type Harness } from "./support/harness.js";
import { expectSpecResponse, expectSpecWebhook } from "./support/spec.js";

/**
 * Business-scoped user ids and usernames (Meta, "Business-scoped user IDs", 2026): every messages
 * webhook carries the customer's BSUID (`contacts[].user_id`, `messages[].from_user_id`,
 * `statuses[].recipient_user_id`); a customer with a username has `contacts[].profile.username`,
 * and when Meta withholds their phone, `from` and `wa_id` are absent (not repurposed: nyaruka/
 * courier#1094 on Meta's payloads) and a send reaches them with `recipient` instead of `to`
 * (`to` wins when both are given). BSUID format: `CC.` and up to 128 alphanumerics.
 */

let h: Harness;
let token: string;
const phone = SEED_IDS.verifiedPhoneNumberId;
const path = `/${V}/${phone}/messages`;
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;

beforeAll(async () => {
  h = await startHarness({ statusDelaysMs: { sent: 0, delivered: 5, read: 10 } });
  token = await h.connected();
});
afterAll(() => h.close());

async function writes(body: Record<string, unknown>) {
  const res = await h.control("POST", "/inbound", { phoneNumberId: phone, text: "hi", name: "Ana", ...body });
  expect(res.status, res.text).toBe(200);
  await h.receiver.waitFor(() =>
    h.receiver.changes().some((c) => c.value.messages?.some((m: { id: string }) => m.id === res.body.wamid)),
  );
  const change = h.receiver.changes().find((c) => c.value.messages?.[0]?.id === res.body.wamid)!;
  return { wamid: res.body.wamid as string, value: change.value, body: h.receiver.received.at(-1)!.body };
}

/** The OpenAPI file predates BSUIDs: its Statuses object requires recipient_id. */
const STATUS_GAP = {
  why: "the file's Statuses require recipient_id, which Meta omits for a customer whose phone it withholds",
  require: [/\/statuses\/0: must have required property 'recipient_id'/],
  allow: [/^\/entry\/0\/changes\/\d+\/value/],
};

describe("business-scoped user ids in webhooks", () => {
  it("every inbound message carries the customer's BSUID next to the phone", async () => {
    const { value, body } = await writes({ from: "16505550301" });
    const userId = value.contacts[0].user_id as string;
    expect(userId).toMatch(BSUID);
    expect(value.contacts[0]).toMatchObject({ wa_id: "16505550301", profile: { name: "Ana" } });
    expect(value.contacts[0].profile.username).toBeUndefined();
    expect(value.messages[0]).toMatchObject({ from: "16505550301", from_user_id: userId });
    expectSpecWebhook(body);
    // Stable for the same customer and business.
    expect((await writes({ from: "16505550301" })).value.contacts[0].user_id).toBe(userId);
  });

  it("a username customer whose phone is withheld arrives without from and wa_id", async () => {
    const { value, body } = await writes({ from: "16505550302", username: "@ana.s", phoneWithheld: true });
    const contact = value.contacts[0];
    expect(contact).toMatchObject({ profile: { name: "Ana", username: "@ana.s" } });
    expect(contact.user_id).toMatch(BSUID);
    expect(contact).not.toHaveProperty("wa_id");
    expect(value.messages[0]).not.toHaveProperty("from");
    expect(value.messages[0].from_user_id).toBe(contact.user_id);
    expectOnlyGap(validateOpenApiWebhook(body), {
      why: "the file's inbound messages require from, which Meta omits when it withholds the phone",
      require: [/\/messages\/0: must have required property 'from'/],
      allow: [/^\/entry\/0\/changes\/0\/value/],
    });
  });

  it("only a customer with a username can have the phone withheld", async () => {
    const res = await h.control("POST", "/inbound", {
      phoneNumberId: phone,
      from: "16505550303",
      text: "hi",
      phoneWithheld: true,
    });
    expect(res.status).toBe(400);
  });
});

describe("sending with recipient (BSUID)", () => {
  it("reaches a withheld customer by recipient; statuses carry recipient_user_id and no recipient_id", async () => {
    const { value } = await writes({ from: "16505550304", username: "@bo", phoneWithheld: true });
    const userId = value.contacts[0].user_id as string;
    const { to: _to, ...noTo } = textTo("+16505550304");
    const body = { ...noTo, recipient: userId };
    // The OpenAPI file still requires `to`: Meta's `recipient` is newer than the file.
    expectOnlyGap(validateOpenApiRequest("POST", path, body), {
      why: "the file's BaseMessageProperties require to; a BSUID send has recipient instead",
      require: [/must have required property 'to'/, /unevaluatedProperty\\?":\\?"recipient/],
    });
    const res = await h.call("POST", path, { token, json: body });
    expect(res.status, res.text).toBe(200);
    expectSpecResponse("POST", path, res);
    expect(res.body.contacts).toEqual([{ input: userId, user_id: userId }]);
    const id = res.body.messages[0].id as string;
    await h.receiver.waitFor(() => h.receiver.statuses().some((s) => s.id === id && s.status === "read"));
    const mine = h.receiver.statuses().filter((s) => s.id === id);
    expect(mine.map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    for (const s of mine) {
      expect(s.recipient_user_id).toBe(userId);
      expect(s).not.toHaveProperty("recipient_id");
    }
    const webhook = h.receiver.received.find((w) => JSON.stringify(w.body).includes(id))!;
    expectOnlyGap(validateOpenApiWebhook(webhook.body), STATUS_GAP);
  });

  it("to wins over recipient, and a phone send's statuses carry both ids", async () => {
    const a = (await writes({ from: "16505550305" })).value.contacts[0].user_id as string;
    await writes({ from: "16505550306" });
    const res = await h.call("POST", path, { token, json: { ...textTo("+16505550306"), recipient: a } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.contacts[0]).toMatchObject({ input: "+16505550306", wa_id: "16505550306" });
    const id = res.body.messages[0].id as string;
    await h.receiver.waitFor(() => h.receiver.statuses().some((s) => s.id === id));
    const s = h.receiver.statuses().find((x) => x.id === id)!;
    expect(s.recipient_id).toBe("16505550306");
    expect(s.recipient_user_id).toMatch(BSUID);
    expect(s.recipient_user_id).not.toBe(a);
  });

  it("refuses a BSUID this business never met, and neither to nor recipient", async () => {
    const { to: _to, ...noTo } = textTo("+16505550307");
    const unknown = await h.call("POST", path, { token, json: { ...noTo, recipient: "US.1234567890123" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(131009);
    const none = await h.call("POST", path, { token, json: noTo });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe(100);
  });
});

// Meta, "Business-scoped user IDs": where parent BSUIDs are enabled (portfolios linked under one
// parent), messages webhooks also carry the parent BSUID (`contacts[].parent_user_id`,
// `messages[].from_parent_user_id`, `statuses[].recipient_parent_user_id`), the same across the
// linked portfolios and written `CC.ENT.<digits>` (platform-facts: `US.ENT.11815799212886844830`).
describe("parent BSUIDs (linked portfolios, issue 14 item 5)", () => {
  const PARENT = /^[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}$/;

  it("carries the parent BSUID only while the portfolio is linked, shared across the linked portfolios", async () => {
    const plain = await writes({ from: "16505550401" });
    expect(plain.value.contacts[0]).not.toHaveProperty("parent_user_id");
    expect(plain.value.messages[0]).not.toHaveProperty("from_parent_user_id");

    const linked = await h.control("PATCH", `/businesses/${SEED_IDS.businessId}`, { parentId: "900000000000001" });
    expect(linked.status, linked.text).toBe(200);
    expect(linked.body.parentId).toBe("900000000000001");
    const { value, body } = await writes({ from: "16505550401" });
    const parent = value.contacts[0].parent_user_id as string;
    expect(parent).toMatch(PARENT);
    expect(value.contacts[0].user_id).toBe(plain.value.contacts[0].user_id);
    expect(value.messages[0].from_parent_user_id).toBe(parent);
    expectSpecWebhook(body);

    // A send's statuses name the parent too.
    const res = await h.call("POST", path, { token, json: textTo("+16505550401") });
    expect(res.status, res.text).toBe(200);
    const id = res.body.messages[0].id as string;
    const sent = await h.receiver.waitFor(() => h.receiver.statuses().find((s) => s.id === id));
    expect(sent.recipient_parent_user_id).toBe(parent);

    // Another portfolio linked under the same parent: its own BSUID, the same parent BSUID.
    const other = await h.control("POST", "/wabas", { name: "Sister shop" });
    await h.control("PATCH", `/businesses/${other.body.businessId}`, { parentId: "900000000000001" });
    const otherToken = await h.login();
    const number = other.body.phoneNumbers[0];
    await h.call("POST", `/${V}/${number.id}/register`, {
      token: otherToken,
      json: { messaging_product: "whatsapp", pin: number.pin },
    });
    await h.call("POST", `/${V}/${other.body.wabaId}/subscribed_apps`, { token: otherToken });
    const there = await h.control("POST", "/inbound", { phoneNumberId: number.id, from: "16505550401", text: "hi" });
    expect(there.body.webhook).toBe("queued");
    const change = await h.receiver.waitFor(() =>
      h.receiver.changes().find((c) => c.value.messages?.[0]?.id === there.body.wamid),
    );
    expect(change.value.contacts[0].parent_user_id).toBe(parent);
    expect(change.value.contacts[0].user_id).not.toBe(value.contacts[0].user_id);

    // Unlinked again: no parent BSUID.
    await h.control("PATCH", `/businesses/${SEED_IDS.businessId}`, { parentId: null });
    const after = await writes({ from: "16505550401" });
    expect(after.value.contacts[0]).not.toHaveProperty("parent_user_id");
    expect((await h.control("PATCH", `/businesses/${SEED_IDS.businessId}`, { parentId: "x" })).status).toBe(400);
  });
});
