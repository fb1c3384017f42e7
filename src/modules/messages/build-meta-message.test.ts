import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors/index.js";
import { checkParameters } from "./admission/rules/template-parameters.js";
import { buildMetaMessage, givenParameterCounts, normalizeRecipient } from "./build-meta-message.js";

const refusal = (f: () => unknown): AppError => {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
};

describe('business-scoped user ids (Meta, "Business-scoped user IDs", 2026)', () => {
  it("a BSUID is a customer key as given; a send to it uses recipient instead of to", () => {
    expect(normalizeRecipient("US.13491208655302741918")).toBe("US.13491208655302741918");
    expect(normalizeRecipient("US.ENT.11815799212886844830")).toBe("US.ENT.11815799212886844830");
    expect(normalizeRecipient("us.123")).toBeNull();
    const body = buildMetaMessage({ to: "BR.1502576394655843", type: "text", payload: { body: "hi" } });
    expect(body).toMatchObject({ recipient: "BR.1502576394655843", type: "text" });
    expect(body).not.toHaveProperty("to");
    expect(buildMetaMessage({ to: "+1 650 555 1234", type: "text", payload: { body: "hi" } })).toMatchObject({
      to: "+16505551234",
    });
  });
});

describe('interactive list headers (Meta, "Interactive list messages": text only)', () => {
  const list = (header: unknown) => ({
    type: "list",
    header,
    body: { text: "Pick" },
    action: { button: "Options", sections: [{ rows: [{ id: "a", title: "A" }] }] },
  });
  it("accepts a text header and refuses a media one, naming the field", () => {
    expect(
      buildMetaMessage({ to: "+16505551234", type: "interactive", payload: list({ type: "text", text: "Menu" }) }),
    ).toBeTruthy();
    const err = refusal(() =>
      buildMetaMessage({
        to: "+16505551234",
        type: "interactive",
        payload: list({ type: "image", image: { link: "https://example.com/a.png" } }),
      }),
    );
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toContain("interactive.header");
  });
});

describe('template button parameters (Meta, "Send message templates")', () => {
  const template = (components: unknown[]) => ({ name: "promo", language: "en_US", components });
  const build = (components: unknown[]) =>
    buildMetaMessage({ to: "+16505551234", type: "template", payload: template(components) });

  it("a url button takes text, a quick reply payload, a copy-code button coupon_code", () => {
    expect(
      build([
        { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "sale" }] },
        { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: "STOP" }] },
        {
          type: "button",
          sub_type: "copy_code",
          index: "2",
          parameters: [{ type: "coupon_code", coupon_code: "X25" }],
        },
      ]),
    ).toBeTruthy();
    for (const [subType, param] of [
      ["url", { type: "payload", payload: "sale" }],
      ["quick_reply", { type: "text", text: "STOP" }],
      ["copy_code", { type: "text", text: "X25" }],
    ] as const) {
      const err = refusal(() => build([{ type: "button", sub_type: subType, index: "0", parameters: [param] }]));
      expect(err.code, subType).toBe("VALIDATION_FAILED");
      expect(err.message).toContain(`a ${subType} button takes`);
    }
  });

  it("the sub_type must be the kind of the template's button at that index", () => {
    const t = {
      name: "promo",
      language: "en_US",
      bodyParameterCount: 0,
      headerParameterCount: 0,
      buttonParameterCounts: [1, 0],
      buttonTypes: ["URL", "QUICK_REPLY"],
    };
    const given = (sub: string) =>
      givenParameterCounts({
        name: "promo",
        language: { code: "en_US" },
        components: [
          { type: "button", sub_type: sub, index: "0", parameters: [{ type: "payload", payload: "x" }] },
        ] as never,
      });
    expect(() => checkParameters(t, given("url"))).not.toThrow();
    const err = refusal(() => checkParameters(t, given("quick_reply")));
    expect(err.code).toBe("TEMPLATE_PARAMETERS_MISMATCH");
    expect(err.message).toContain('button 0 is a URL button: send it with sub_type "url"');
  });
});
