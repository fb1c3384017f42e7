import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
import { expectSpecResponse } from "./support/spec.js";
import { approvedTemplate, orderTemplate } from "./support/templates.js";

let h: Harness;
let token: string;
const path = `/${V}/${SEED_IDS.wabaId}/message_templates`;
const create = (json: unknown) => h.call("POST", path, { token, json });

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(async () => {
  await h.control("POST", "/reset");
  token = await h.connected();
});
afterAll(() => h.close());

describe("creating templates", () => {
  it("answers {id, status: PENDING, category} and lists the template as PENDING", async () => {
    const res = await create(orderTemplate());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), status: "PENDING", category: "UTILITY" });
    expectSpecResponse("POST", path, res);
    const list = await h.call("GET", `${path}?fields=name,status,language,category,components`, { token });
    expect(list.body.data[0]).toMatchObject({
      id: res.body.id,
      name: "order_update",
      status: "PENDING",
      language: "en_US",
    });
  });

  it("refuses a second template with the same name and language (100/2388024)", async () => {
    await create(orderTemplate());
    const again = await create(orderTemplate());
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      code: 100,
      error_subcode: 2388024,
      error_user_title: "Content in This Language Already Exists",
    });
    expect((await create(orderTemplate("order_update", "pt_BR"))).status).toBe(200);
  });

  it("applies Meta's rules: name format, samples for variables, no variable at the edges", async () => {
    const badName = await create({ ...orderTemplate(), name: "Order Update" });
    expect(badName.status).toBe(400);
    expect(badName.body.error.code).toBe(100);
    const noSamples = await create({
      ...orderTemplate("no_samples"),
      components: [{ type: "BODY", text: "Hi {{1}}, order {{2}} shipped." }],
    });
    expect(noSamples.body.error).toMatchObject({ code: 100, error_user_title: "Missing sample values" });
    const edge = await create({
      ...orderTemplate("edge"),
      components: [{ type: "BODY", text: "{{1}} shipped", example: { body_text: [["A"]] } }],
    });
    expect(edge.body.error).toMatchObject({ code: 100, error_subcode: 2388299 });
    const gap = await create({
      ...orderTemplate("gap"),
      components: [{ type: "BODY", text: "Hi {{1}} and {{3}}.", example: { body_text: [["a", "b"]] } }],
    });
    expect(gap.body.error.error_subcode).toBe(2388047);
  });
});

describe("review", () => {
  it("sends a message_template_status_update webhook when the review decides", async () => {
    const id = (await create(orderTemplate())).body.id;
    await h.control("POST", `/templates/${id}/review`, { status: "REJECTED", reason: "INVALID_FORMAT" });
    const change = await h.receiver.waitFor(() =>
      h.receiver
        .changes()
        .find((c) => c.field === "message_template_status_update" && c.value.message_template_id === Number(id)),
    );
    expect(change.value).toMatchObject({
      event: "REJECTED",
      message_template_name: "order_update",
      message_template_language: "en_US",
      reason: "INVALID_FORMAT",
      message_template_category: "UTILITY",
      rejection_info: { reason: "INVALID_FORMAT" },
    });
    const webhook = h.receiver.received.find((w) =>
      w.body.entry.some(
        (e: { changes: { field: string }[] }) => e.changes[0]!.field === "message_template_status_update",
      ),
    )!;
    expect(webhook.signatureOk).toBe(true);
    expect(webhook.body.entry[0].time).toBeTypeOf("number");
    const node = await h.call("GET", `/${V}/${id}?fields=status,rejected_reason`, { token });
    expect(node.body).toMatchObject({ status: "REJECTED", rejected_reason: "INVALID_FORMAT" });
  });

  it("approves automatically after templateAutoApproveMs when configured", async () => {
    const auto = await startHarness({ templateAutoApproveMs: 20 });
    try {
      const t = await auto.connected();
      const id = (await auto.call("POST", path, { token: t, json: orderTemplate() })).body.id;
      const change = await auto.receiver.waitFor(() =>
        auto.receiver.changes().find((c) => c.value.message_template_id === Number(id)),
      );
      expect(change.value.event).toBe("APPROVED");
    } finally {
      await auto.close();
    }
  });
});

describe("listing with cursor paging", () => {
  it("pages with limit and paging.cursors.after/before, newest first", async () => {
    for (let i = 0; i < 5; i++) await create(orderTemplate(`t${i}`));
    const first = await h.call("GET", `${path}?limit=2`, { token });
    expect(first.body.data.map((t: { name: string }) => t.name)).toEqual(["t4", "t3"]);
    expect(first.body.paging.next).toContain("after=");
    const second = await h.call("GET", `${path}?limit=2&after=${first.body.paging.cursors.after}`, { token });
    expect(second.body.data.map((t: { name: string }) => t.name)).toEqual(["t2", "t1"]);
    const back = await h.call("GET", `${path}?limit=2&before=${second.body.paging.cursors.before}`, { token });
    expect(back.body.data.map((t: { name: string }) => t.name)).toEqual(["t4", "t3"]);
    const last = await h.call("GET", `${path}?limit=2&after=${second.body.paging.cursors.after}`, { token });
    expect(last.body.data.map((t: { name: string }) => t.name)).toEqual(["t0"]);
    expect(last.body.paging.next).toBeUndefined();
    const filtered = await h.call("GET", `${path}?status=PENDING&name=t3`, { token });
    expect(filtered.body.data.map((t: { name: string }) => t.name)).toEqual(["t3"]);
  });
});

describe("editing and deleting", () => {
  it("edits approved templates back into review, once per 24 hours, never changing category", async () => {
    const id = (await create(orderTemplate())).body.id;
    const pending = await h.call("POST", `/${V}/${id}`, { token, json: { components: orderTemplate().components } });
    expect(pending.body.error).toMatchObject({ code: 100, error_subcode: 2388039 });
    await h.control("POST", `/templates/${id}/review`, { status: "APPROVED" });
    const category = await h.call("POST", `/${V}/${id}`, { token, json: { category: "MARKETING" } });
    expect(category.body.error.code).toBe(100);
    const ok = await h.call("POST", `/${V}/${id}`, {
      token,
      json: { components: [{ type: "BODY", text: "Order {{1}} is on its way.", example: { body_text: [["A-1"]] } }] },
    });
    expect(ok.body).toEqual({ success: true });
    expect((await h.call("GET", `/${V}/${id}?fields=status`, { token })).body.status).toBe("PENDING");
    await h.control("POST", `/templates/${id}/review`, { status: "APPROVED" });
    const tooSoon = await h.call("POST", `/${V}/${id}`, {
      token,
      json: { components: [{ type: "BODY", text: "Again" }] },
    });
    expect(tooSoon.body.error.error_subcode).toBe(2388039);
  });

  it("deletes one language by hsm_id + name, or every language by name", async () => {
    const en = (await create(orderTemplate())).body.id;
    await create(orderTemplate("order_update", "es"));
    await create(orderTemplate("other"));
    expect((await h.call("DELETE", `${path}?hsm_id=${en}&name=order_update`, { token })).body).toEqual({
      success: true,
    });
    const names = async () =>
      (await h.call("GET", path, { token })).body.data
        .map((t: { name: string; language: string }) => `${t.name}/${t.language}`)
        .sort();
    expect(await names()).toEqual(["order_update/es", "other/en_US"]);
    expect((await h.call("DELETE", `${path}?name=order_update`, { token })).body).toEqual({ success: true });
    expect(await names()).toEqual(["other/en_US"]);
    const missing = await h.call("DELETE", `${path}?name=order_update`, { token });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe(100);
  });
});

/**
 * Meta, "Copy code authentication templates" (developers.facebook.com/documentation/business-messaging/
 * whatsapp/templates/authentication-templates/copy-code-button-authentication-templates): created with
 * a text-less BODY and an OTP button, stored with the preset body "{{1}} is your verification code"
 * and the button as URL; a send gives the code as a body parameter and as a url button parameter.
 */
describe("authentication templates (Meta: copy code authentication templates)", () => {
  const otpTemplate = {
    name: "login_code",
    language: "en_US",
    category: "AUTHENTICATION",
    message_send_ttl_seconds: 60,
    components: [
      { type: "body", add_security_recommendation: true },
      { type: "footer", code_expiration_minutes: 10 },
      { type: "buttons", buttons: [{ type: "otp", otp_type: "copy_code", text: "Copy code" }] },
    ],
  };
  const otpSend = (to: string, components: unknown[]) => ({
    messaging_product: "whatsapp",
    to,
    type: "template",
    template: { name: "login_code", language: { code: "en_US" }, components },
  });
  const bodyParam = { type: "body", parameters: [{ type: "text", text: "482913" }] };
  const buttonParam = { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "482913" }] };
  const send = (json: unknown) => h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { token, json });

  it("stores the OTP button as URL and gives the body the preset text, the footer the expiry", async () => {
    const id = await approvedTemplate(h, token, otpTemplate);
    const read = await h.call("GET", `/${V}/${id}?fields=components,category`, { token });
    expect(read.body.category).toBe("AUTHENTICATION");
    expect(read.body.components).toEqual([
      {
        type: "BODY",
        text: "*{{1}}* is your verification code. For your security, do not share this code.",
        add_security_recommendation: true,
      },
      { type: "FOOTER", text: "This code expires in 10 minutes.", code_expiration_minutes: 10 },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Copy code",
            url: expect.stringMatching(/\{\{1\}\}$/),
            example: [expect.stringMatching(/^https:\/\//)],
          },
        ],
      },
    ]);
  });

  it("accepts Meta's documented send (code in body and in url button 0) and refuses the code in only one", async () => {
    await approvedTemplate(h, token, otpTemplate);
    const documented = otpSend("+16505550177", [bodyParam, buttonParam]);
    const ok = await send(documented);
    expect(ok.status, ok.text).toBe(200);
    const buttonOnly = await send(otpSend("+16505550177", [buttonParam]));
    expect(buttonOnly.status).toBe(400);
    expect(buttonOnly.body.error.code).toBe(132000);
    const bodyOnly = await send(otpSend("+16505550177", [bodyParam]));
    expect(bodyOnly.body.error.code).toBe(132000);
  });

  it("refuses body text, a header and a second button on an authentication template", async () => {
    const withText = await create({
      ...otpTemplate,
      components: [{ type: "BODY", text: "Your code is {{1}}." }, otpTemplate.components[2]],
    });
    expect(withText.body.error.code).toBe(100);
    const withHeader = await create({
      ...otpTemplate,
      components: [{ type: "HEADER", format: "TEXT", text: "Code" }, ...otpTemplate.components],
    });
    expect(withHeader.body.error.code).toBe(100);
    const twoButtons = await create({
      ...otpTemplate,
      components: [
        otpTemplate.components[0],
        {
          type: "BUTTONS",
          buttons: [
            { type: "OTP", otp_type: "COPY_CODE" },
            { type: "QUICK_REPLY", text: "No" },
          ],
        },
      ],
    });
    expect(twoButtons.body.error.code).toBe(100);
  });

  // Meta, "Zero-tap authentication templates": `zero_tap_terms_accepted` must be true, or the
  // template is not created; one-tap and zero-tap name the Android app in `supported_apps`.
  it("refuses zero-tap without the accepted terms, and app handoff buttons without supported_apps", async () => {
    const app = { package_name: "com.example.shop", signature_hash: "K8a/AINcGX7" };
    const zeroTap = (extra: Record<string, unknown>) =>
      create({
        ...otpTemplate,
        name: "zero_tap_code",
        components: [
          otpTemplate.components[0],
          { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "ZERO_TAP", supported_apps: [app], ...extra }] },
        ],
      });
    const noTerms = await zeroTap({});
    expect(noTerms.status).toBe(400);
    expect(noTerms.body.error.code).toBe(100);
    expect(noTerms.body.error.error_user_msg).toMatch(/zero_tap_terms_accepted/);
    expect((await zeroTap({ zero_tap_terms_accepted: false })).body.error.code).toBe(100);
    const accepted = await zeroTap({ zero_tap_terms_accepted: true });
    expect(accepted.status, accepted.text).toBe(200);
    const oneTapWithoutApps = await create({
      ...otpTemplate,
      name: "one_tap_code",
      components: [otpTemplate.components[0], { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "ONE_TAP" }] }],
    });
    expect(oneTapWithoutApps.body.error.code).toBe(100);
  });
});
