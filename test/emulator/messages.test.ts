import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, textTo, V, type Harness } from "./support/harness.js";
import { expectSpecRequest, expectSpecResponse, expectSpecWebhook } from "./support/spec.js";
import { approvedTemplate } from "./support/templates.js";

let h: Harness;
let token: string;
const phone = SEED_IDS.verifiedPhoneNumberId;
const path = `/${V}/${phone}/messages`;

beforeAll(async () => {
  h = await startHarness({ statusDelaysMs: { sent: 0, delivered: 10, read: 20 } });
  token = await h.connected();
});
afterAll(() => h.close());

async function customerWrites(from: string, text = "hi") {
  const res = await h.control("POST", "/inbound", { phoneNumberId: phone, from, text, name: "Ana" });
  expect(res.status).toBe(200);
  return res.body.wamid as string;
}

describe("sending", () => {
  it("accepts a text inside the window with Meta's answer, valid against the OpenAPI file", async () => {
    await customerWrites("16505550101");
    const body = textTo("+1 (650) 555-0101");
    expectSpecRequest("POST", path, body);
    const res = await h.call("POST", path, { token, json: body });
    expect(res.status).toBe(200);
    expectSpecResponse("POST", path, res);
    expect(res.body).toMatchObject({
      messaging_product: "whatsapp",
      contacts: [{ input: "+1 (650) 555-0101", wa_id: "16505550101" }],
    });
    expect(res.body.messages[0].id).toMatch(/^wamid\.[A-Za-z0-9+/_-]+$/);
    const log = await h.control("GET", `/messages?phoneNumberId=${phone}`);
    expect(log.body.data.at(-1)).toMatchObject({ wamid: res.body.messages[0].id, body, type: "text" });
  });

  it("posts signed sent → delivered → read status webhooks in Meta's shape", async () => {
    await customerWrites("16505550102");
    const res = await h.call("POST", path, {
      token,
      json: { ...textTo("+16505550102"), biz_opaque_callback_data: "order-7" },
    });
    const id = res.body.messages[0].id;
    await h.receiver.waitFor(() => h.receiver.statuses().some((s) => s.id === id && s.status === "read"));
    const mine = h.receiver.statuses().filter((s) => s.id === id);
    expect(mine.map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    expect(mine[0]).toMatchObject({
      recipient_id: "16505550102",
      biz_opaque_callback_data: "order-7",
      pricing: { pricing_model: "PMP", category: "service", billable: false },
    });
    expect(mine[0].conversation.expiration_timestamp).toMatch(/^\d+$/);
    for (const w of h.receiver.received) {
      expect(w.signatureOk).toBe(true);
      expectSpecWebhook(w.body);
    }
    const change = h.receiver.changes().find((c) => c.value.statuses?.[0]?.id === id)!;
    expect(change.entryId).toBe(SEED_IDS.wabaId);
    expect(change.value.metadata).toEqual({ display_phone_number: "15550783881", phone_number_id: phone });
  });

  // Meta's status webhook reference: `pricing.type` ("regular", "free_customer_service",
  // "free_entry_point") exists in webhooks v24.0 and later; the app's webhook version decides.
  it("adds pricing.type only when the app's webhooks are v24.0 or later", async () => {
    await customerWrites("16505550109");
    const sentWith = async () => {
      const id = (await h.call("POST", path, { token, json: textTo("+16505550109") })).body.messages[0].id;
      await h.receiver.waitFor(() => h.receiver.statuses().some((s) => s.id === id && s.status === "delivered"));
      return h.receiver.statuses().find((s) => s.id === id && s.status === "sent");
    };
    expect((await sentWith()).pricing).not.toHaveProperty("type");
    expect((await h.control("PATCH", "/app", { webhookVersion: "v24.0" })).body).toMatchObject({
      webhookVersion: "v24.0",
    });
    expect((await sentWith()).pricing).toEqual({
      billable: false,
      pricing_model: "PMP",
      category: "service",
      type: "free_customer_service",
    });
  });

  it("answers 100 for a malformed body, naming the parameter the way Meta does", async () => {
    const missing = await h.call("POST", path, {
      token,
      json: { messaging_product: "whatsapp", to: "16505550101", type: "text" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 100, message: "(#100) The parameter text is required." });
    const unexpected = await h.call("POST", path, {
      token,
      json: { ...textTo("16505550101"), text: { body: "x", colour: "red" } },
    });
    expect(unexpected.body.error.message).toBe('(#100) Unexpected key "colour" on param "text".');
    const noProduct = await h.call("POST", path, {
      token,
      json: { to: "16505550101", type: "text", text: { body: "x" } },
    });
    expect(noProduct.body.error.message).toBe("(#100) The parameter messaging_product is required.");
  });

  it("refuses sending to itself (131021) and from an unregistered number (133010)", async () => {
    const self = await h.call("POST", path, { token, json: textTo("+1 555-078-3881") });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe(131021);
    await h.control("PATCH", `/phone-numbers/${phone}`, { registered: false });
    const off = await h.call("POST", path, { token, json: textTo("16505550101") });
    expect(off.status).toBe(400);
    expect(off.body.error.code).toBe(133010);
    await h.control("PATCH", `/phone-numbers/${phone}`, { registered: true });
  });

  it("refuses a token without whatsapp_business_messaging with code 10 (HTTP 403)", async () => {
    const limited = await h.login({ declined: ["whatsapp_business_messaging"] });
    const res = await h.call("POST", path, { token: limited, json: textTo("16505550101") });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(10);
  });
});

describe("modelled recipients", () => {
  it("fails numbers ending in 9999 with a failed status carrying 131026", async () => {
    await customerWrites("16505559999");
    const res = await h.call("POST", path, { token, json: textTo("16505559999") });
    expect(res.status).toBe(200);
    const id = res.body.messages[0].id;
    const failed = await h.receiver.waitFor(() => h.receiver.statuses().find((s) => s.id === id));
    expect(failed.status).toBe("failed");
    expect(failed.errors[0]).toMatchObject({ code: 131026, title: "Message undeliverable" });
    await new Promise((r) => setTimeout(r, 60));
    expect(h.receiver.statuses().filter((s) => s.id === id)).toHaveLength(1);
  });

  it("never reports read for numbers ending in 8888 (read receipts off)", async () => {
    await customerWrites("16505558888");
    const id = (await h.call("POST", path, { token, json: textTo("16505558888") })).body.messages[0].id;
    await h.receiver.waitFor(() => h.receiver.statuses().some((s) => s.id === id && s.status === "delivered"));
    await new Promise((r) => setTimeout(r, 60));
    expect(
      h.receiver
        .statuses()
        .filter((s) => s.id === id)
        .map((s) => s.status),
    ).toEqual(["sent", "delivered"]);
  });

  it("exposes the rules in /_emulator/state", async () => {
    const state = await h.control("GET", "/state");
    expect(state.body.rules.recipientRules).toEqual([
      { suffix: "9999", outcome: "undeliverable" },
      { suffix: "8888", outcome: "no_read_receipts" },
    ]);
  });
});

describe("mark as read", () => {
  it("marks an inbound message read and refuses unknown ids", async () => {
    const wamid = await customerWrites("16505550103");
    const ok = await h.call("POST", path, {
      token,
      json: { messaging_product: "whatsapp", status: "read", message_id: wamid, typing_indicator: { type: "text" } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    const unknown = await h.call("POST", path, {
      token,
      json: { messaging_product: "whatsapp", status: "read", message_id: "wamid.nope" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(100);
  });
});

describe("send fields Meta checks (issue 14, item 11)", () => {
  const list = (header: unknown) => ({
    messaging_product: "whatsapp",
    to: "+16505550110",
    type: "interactive",
    interactive: {
      type: "list",
      header,
      body: { text: "Pick one" },
      action: { button: "Options", sections: [{ title: "A", rows: [{ id: "a", title: "A" }] }] },
    },
  });

  // Meta, "Interactive list messages": "header ... type: text" only; media headers are for buttons.
  it("a list message's header is text only", async () => {
    await customerWrites("16505550110");
    const text = await h.call("POST", path, { token, json: list({ type: "text", text: "Menu" }) });
    expect(text.status, text.text).toBe(200);
    const image = await h.call("POST", path, {
      token,
      json: list({ type: "image", image: { link: "https://example.com/a.png" } }),
    });
    expect(image.status).toBe(400);
    expect(image.body.error.code).toBe(100);
  });

  // Meta, "Send message templates": url buttons take text, quick replies payload, copy-code coupon_code.
  it("a button's parameter fits its kind, and the sub_type fits the template's button (132012)", async () => {
    await approvedTemplate(h, token, {
      name: "promo_buttons",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "BODY", text: "Our sale is on." },
        {
          type: "BUTTONS",
          buttons: [
            {
              type: "URL",
              text: "Shop",
              url: "https://shop.example.com/{{1}}",
              example: ["https://shop.example.com/a"],
            },
            { type: "QUICK_REPLY", text: "Stop promotions" },
          ],
        },
      ],
    });
    const send = (buttons: unknown[]) =>
      h.call("POST", path, {
        token,
        json: {
          messaging_product: "whatsapp",
          to: "+16505550111",
          type: "template",
          template: { name: "promo_buttons", language: { code: "en_US" }, components: buttons },
        },
      });
    const url = { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "sale" }] };
    const reply = {
      type: "button",
      sub_type: "quick_reply",
      index: "1",
      parameters: [{ type: "payload", payload: "STOP" }],
    };
    const ok = await send([url, reply]);
    expect(ok.status, ok.text).toBe(200);
    const payloadOnUrl = await send([{ ...url, parameters: [{ type: "payload", payload: "sale" }] }, reply]);
    expect(payloadOnUrl.status).toBe(400);
    expect(payloadOnUrl.body.error.code).toBe(100);
    const textOnReply = await send([url, { ...reply, parameters: [{ type: "text", text: "STOP" }] }]);
    expect(textOnReply.body.error.code).toBe(100);
    const wrongKind = await send([
      { ...url, sub_type: "quick_reply", parameters: [{ type: "payload", payload: "x" }] },
    ]);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.code).toBe(132012);
  });

  // meta-cloud-api.md §4 (user identity change): with the identity check on, a send carries it.
  it("accepts recipient_identity_key_hash", async () => {
    await customerWrites("16505550112");
    const res = await h.call("POST", path, {
      token,
      json: { ...textTo("+16505550112"), recipient_identity_key_hash: "DF2lS5v2W6x=" },
    });
    expect(res.status, res.text).toBe(200);
  });
});
