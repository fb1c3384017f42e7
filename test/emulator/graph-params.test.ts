import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
import { approvedTemplate, orderSend, orderTemplate } from "./support/templates.js";

/**
 * Graph reads a call's parameters from the query string or the body, JSON or form-encoded, and
 * public client libraries use all three: facebook-python-business-sdk (facebook_business/api.py,
 * `_top_level_param_json_encode`) posts form fields with objects, lists and booleans JSON-encoded;
 * Facebook's PHP SDK posts form fields. Meta's own template examples write enums in lower case
 * (`"category": "authentication"` in "Copy code authentication templates", `"category": "marketing"`
 * in "Limited-time offer templates"); its answers are upper case.
 */
let h: Harness;
let token: string;
const templates = `/${V}/${SEED_IDS.wabaId}/message_templates`;
const messages = `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`;

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(async () => {
  await h.control("POST", "/reset");
  token = await h.connected();
});
afterAll(() => h.close());

const otpComponents = [
  { type: "body", add_security_recommendation: true },
  { type: "footer", code_expiration_minutes: 10 },
  { type: "buttons", buttons: [{ type: "otp", otp_type: "copy_code", text: "Copy code" }] },
];

describe("template create: form fields, query string and lower-case enums", () => {
  it('takes a form-encoded create as the Python SDK sends it, with "category": "authentication"', async () => {
    const res = await h.call("POST", templates, {
      token,
      form: {
        name: "login_code",
        language: "en_US",
        category: "authentication",
        message_send_ttl_seconds: "60",
        components: JSON.stringify(otpComponents),
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.category).toBe("AUTHENTICATION");
    const read = await h.call("GET", `/${V}/${res.body.id}?fields=category,components`, { token });
    expect(read.body.category).toBe("AUTHENTICATION");
    expect(read.body.components[0].type).toBe("BODY");
  });

  it("takes every parameter in the query string of a POST with no body", async () => {
    const q = new URLSearchParams({
      name: "order_update",
      language: "en_US",
      category: "utility",
      components: JSON.stringify(orderTemplate().components),
    });
    const res = await h.call("POST", `${templates}?${q}`, { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "PENDING", category: "UTILITY" });
  });

  it("refuses what Meta refuses (100): an unknown category, components that are not JSON, a ttl that is not a number", async () => {
    const form = {
      name: "order_update",
      language: "en_US",
      category: "UTILITY",
      components: JSON.stringify(orderTemplate().components),
    };
    for (const bad of [
      { ...form, category: "promo" },
      { ...form, components: "[{type: BODY" },
      { ...form, message_send_ttl_seconds: "soon" },
    ]) {
      const res = await h.call("POST", templates, { token, form: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe(100);
    }
  });

  it("keeps a template created with lower-case types in upper case, so a send still needs its parameters (132000)", async () => {
    const lower = {
      ...orderTemplate(),
      category: "utility",
      components: [
        { type: "body", text: "Hi {{1}}, your order {{2}} has shipped.", example: { body_text: [["Ana", "A-1"]] } },
        { type: "footer", text: "Jasper's Market" },
      ],
    };
    const id = await approvedTemplate(h, token, lower);
    const read = await h.call("GET", `/${V}/${id}?fields=components,category`, { token });
    expect(read.body.components.map((c: { type: string }) => c.type)).toEqual(["BODY", "FOOTER"]);
    const bare = orderSend("+16505550101");
    const none = await h.call("POST", messages, {
      token,
      json: { ...bare, template: { name: "order_update", language: { code: "en_US" } } },
    });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe(132000);
    expect((await h.call("POST", messages, { token, json: orderSend("+16505550101") })).status).toBe(200);
  });
});

describe("messages: form fields and query string", () => {
  it("sends a text message posted as form fields, its object JSON-encoded", async () => {
    const res = await h.call("POST", messages, {
      token,
      form: { messaging_product: "whatsapp", to: "+16505550102", type: "text", text: JSON.stringify({ body: "hi" }) },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.messages[0].id).toMatch(/^wamid\./);
  });

  it("sends a template message given entirely in the query string", async () => {
    await approvedTemplate(h, token);
    const send = orderSend("+16505550103");
    const q = new URLSearchParams({
      messaging_product: "whatsapp",
      to: "+16505550103",
      type: "template",
      template: JSON.stringify(send["template"]),
    });
    const res = await h.call("POST", `${messages}?${q}`, { token });
    expect(res.status, res.text).toBe(200);
  });

  it("refuses a form send whose object is not JSON, and an unknown field (100)", async () => {
    const text = await h.call("POST", messages, {
      token,
      form: { messaging_product: "whatsapp", to: "+16505550104", type: "text", text: "hi" },
    });
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe(100);
    const extra = await h.call("POST", messages, {
      token,
      form: { messaging_product: "whatsapp", to: "+16505550104", type: "text", text: '{"body":"hi"}', colour: "red" },
    });
    expect(extra.body.error.code).toBe(100);
  });
});
