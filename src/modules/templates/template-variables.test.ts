import { describe, expect, it } from "vitest";
import { normalizeComponents, sendShape } from "./template-variables.js";

/**
 * Meta, "Copy code authentication templates" (developers.facebook.com/documentation/business-messaging/
 * whatsapp/templates/authentication-templates/copy-code-button-authentication-templates): the body is
 * Meta's preset "{{1}} is your verification code" and the OTP button is stored as URL; a send gives the
 * code as one body parameter and as the parameter of button 0 (sub_type "url").
 */
describe("what a send of an authentication template must give (Meta: copy code authentication templates)", () => {
  it("counts the code twice for the components as Wharf submitted them", () => {
    const submitted = normalizeComponents([
      { type: "body", add_security_recommendation: true },
      { type: "footer", code_expiration_minutes: 10 },
      { type: "buttons", buttons: [{ type: "otp", otp_type: "copy_code", text: "Copy code" }] },
    ]);
    expect(submitted[2]).toEqual({
      type: "BUTTONS",
      buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }],
    });
    const shape = sendShape(submitted, "POSITIONAL", "AUTHENTICATION");
    expect(shape).toMatchObject({ bodyParameterCount: 1, headerParameterCount: 0, buttonParameterCounts: [1] });
  });

  it("counts the same for the components as Meta answers them after creation", () => {
    const stored = [
      { type: "BODY", text: "*{{1}}* is your verification code.", add_security_recommendation: false },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Copy code",
            url: "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}",
          },
        ],
      },
    ];
    expect(sendShape(stored, "POSITIONAL", "AUTHENTICATION")).toMatchObject({
      bodyParameterCount: 1,
      buttonParameterCounts: [1],
    });
  });

  it("a text-less body of another category still takes nothing", () => {
    expect(sendShape([{ type: "BODY" }], "POSITIONAL", "UTILITY").bodyParameterCount).toBe(0);
  });
});

// Meta, "Catalog templates" and "Multi-product message templates" (sending): the catalog button's
// action (a thumbnail product) may be left out; the multi-product button's action lists the products.
describe("what a send of a catalog or multi-product template must give", () => {
  it("a catalog button takes an optional action, a multi-product button one action", () => {
    const shape = sendShape(
      [
        { type: "BODY", text: "New in" },
        { type: "BUTTONS", buttons: [{ type: "CATALOG", text: "View catalog" }] },
      ],
      "POSITIONAL",
      "MARKETING",
    );
    expect(shape).toMatchObject({ buttonParameterCounts: [0], optionalButtons: [0], buttonTypes: ["CATALOG"] });
    const mpm = sendShape(
      [
        { type: "HEADER", format: "TEXT", text: "Picks" },
        { type: "BODY", text: "Two favourites" },
        { type: "BUTTONS", buttons: [{ type: "MPM", text: "View items" }] },
      ],
      "POSITIONAL",
      "MARKETING",
    );
    expect(mpm).toMatchObject({ buttonParameterCounts: [1], optionalButtons: [] });
  });
});
