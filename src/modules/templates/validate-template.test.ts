import { describe, expect, it } from "vitest";
import type { Json } from "../../../test/support/json.js";
import { AppError } from "../../platform/errors/index.js";
import { assertValidTemplate, templateIssues, type TemplateDefinition } from "./validate-template.js";

// Components as JSON the cases below edit in place (a sample removed, a button changed).
type Def = TemplateDefinition & { components: Record<string, Json>[] };

const utility = (): Def => ({
  name: "order_update",
  language: "en_US",
  category: "UTILITY",
  parameterFormat: "POSITIONAL",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["A-17"] } },
    { type: "BODY", text: "Hi {{1}}, your order {{2}} has shipped.", example: { body_text: [["Ana", "860198"]] } },
    { type: "FOOTER", text: "Reply STOP to opt out" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "QUICK_REPLY", text: "Stop updates" },
        {
          type: "URL",
          text: "Track",
          url: "https://shop.example/track/{{1}}",
          example: ["https://shop.example/track/A17"],
        },
        { type: "PHONE_NUMBER", text: "Call us", phone_number: "+15550051310" },
      ],
    },
  ],
});
const named = (): Def => ({
  ...utility(),
  parameterFormat: "NAMED",
  components: [
    {
      type: "BODY",
      text: "Thanks, {{first_name}}! See you soon.",
      example: { body_text_named_params: [{ param_name: "first_name", example: "Ana" }] },
    },
  ],
});
const media = (): Def => ({
  ...utility(),
  category: "MARKETING",
  components: [
    { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1hZ2U="] } },
    { type: "BODY", text: "New arrivals are in." },
  ],
});
const coupon = (): Def => ({
  ...media(),
  components: [
    { type: "BODY", text: "Take 25% off." },
    { type: "BUTTONS", buttons: [{ type: "COPY_CODE", example: "SAVE25" }] },
  ],
});
const auth = (): Def => ({
  ...utility(),
  name: "login_code",
  category: "AUTHENTICATION",
  components: [
    { type: "BODY", add_security_recommendation: true },
    { type: "FOOTER", code_expiration_minutes: 10 },
    { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] },
  ],
});

/** Each rule: a valid template broken in one way, the field the error must name, and what it says. */
const rules: [string, () => Def, (d: Def) => void, string, RegExp][] = [
  ["name: lowercase letters, digits, underscores", utility, (d) => void (d.name = "Order-Update"), "name", /lowercase/],
  ["name: at most 512 characters", utility, (d) => void (d.name = "a".repeat(513)), "name", /512/],
  ["language: a Meta language code", utility, (d) => void (d.language = "english"), "language", /language code/],
  [
    "time-to-live within the category's range",
    utility,
    (d) => void (d.messageSendTtlSeconds = 50_000),
    "messageSendTtlSeconds",
    /30 to 43200/,
  ],
  [
    "marketing time-to-live is 12 h to 30 days",
    media,
    (d) => void (d.messageSendTtlSeconds = 600),
    "messageSendTtlSeconds",
    /43200 to 2592000/,
  ],
  ["components: not empty", utility, (d) => void (d.components = []), "components", /BODY/],
  [
    "component type is known",
    utility,
    (d) => void (d.components[2]!.type = "SIGNATURE"),
    "components.2.type",
    /HEADER, BODY, FOOTER, BUTTONS/,
  ],
  [
    "one component of each type",
    utility,
    (d) => void d.components.push({ type: "FOOTER", text: "again" }),
    "components.4",
    /Only one FOOTER/,
  ],
  ["a BODY is required", utility, (d) => void d.components.splice(1, 1), "components", /BODY component is required/],
  [
    "header format is known",
    utility,
    (d) => void (d.components[0]!.format = "AUDIO"),
    "components.0.format",
    /TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION/,
  ],
  [
    "header text: at most 60 characters",
    utility,
    (d) => void (d.components[0] = { type: "HEADER", format: "TEXT", text: "x".repeat(61) }),
    "components.0.text",
    /at most 60/,
  ],
  [
    "header text: at most one variable",
    utility,
    (d) => void (d.components[0]!.text = "{{1}} and {{2}}"),
    "components.0.text",
    /one variable/,
  ],
  [
    "header variable needs a sample",
    utility,
    (d) => void delete d.components[0]!.example,
    "components.0.example.header_text",
    /sample/,
  ],
  [
    "media header needs one upload handle",
    media,
    (d) => void (d.components[0]!.example = { header_handle: [] }),
    "components.0.example.header_handle",
    /POST \/v1\/media\/uploads/,
  ],
  [
    "media and location headers have no text",
    media,
    (d) => void (d.components[0] = { type: "HEADER", format: "LOCATION", text: "Here" }),
    "components.0.text",
    /LOCATION header has no text/,
  ],
  ["body text is required", utility, (d) => void delete d.components[1]!.text, "components.1.text", /required/],
  [
    "body text: at most 1024 characters",
    utility,
    (d) => void (d.components[1]!.text = "Hi " + "x".repeat(1030) + " there"),
    "components.1.text",
    /at most 1024/,
  ],
  [
    "positional variables numbered from 1 without gaps",
    utility,
    (d) => void (d.components[1]!.text = "Hi {{1}}, order {{3}} shipped."),
    "components.1.text",
    /\{\{1\}\} to \{\{2\}\}/,
  ],
  [
    "variable style matches parameterFormat",
    utility,
    (d) => void (d.components[1]!.text = "Hi {{name}}, order {{1}} shipped."),
    "components.1.text",
    /set parameterFormat to NAMED/,
  ],
  [
    "named templates use named variables",
    named,
    (d) => void (d.components[0]!.text = "Thanks, {{1}}! See you."),
    "components.0.text",
    /positional but parameterFormat is NAMED/,
  ],
  [
    "body does not start or end with a variable",
    utility,
    (d) => void (d.components[1]!.text = "Hi there, order {{1}} for {{2}}"),
    "components.1.text",
    /start or end/,
  ],
  [
    "no two variables side by side",
    utility,
    (d) => void (d.components[1]!.text = "Hi {{1}} {{2}} shipped."),
    "components.1.text",
    /next to each other/,
  ],
  [
    "every body variable has a sample",
    utility,
    (d) => void (d.components[1]!.example = { body_text: [["Ana"]] }),
    "components.1.example.body_text",
    /2 variable\(s\)/,
  ],
  [
    "named variables have named samples",
    named,
    (d) =>
      void (d.components[0]!.example = { body_text_named_params: [{ param_name: "last_name", example: "Silva" }] }),
    "components.0.example.body_text_named_params",
    /\{\{first_name\}\}/,
  ],
  [
    "footer text: at most 60 characters, no variables",
    utility,
    (d) => void (d.components[2]!.text = "Reply {{1}}"),
    "components.2.text",
    /can't contain variables/,
  ],
  [
    "buttons: 1 to 10",
    utility,
    (d) =>
      void (d.components[3]!.buttons = Array.from({ length: 11 }, (_, i) => ({
        type: "QUICK_REPLY",
        text: `Option ${i}`,
      }))),
    "components.3.buttons",
    /1 to 10/,
  ],
  [
    "button type is known",
    utility,
    (d) => void (d.components[3]!.buttons[0].type = "CALENDAR"),
    "components.3.buttons.0.type",
    /QUICK_REPLY/,
  ],
  [
    "button text: required, at most 25 characters",
    utility,
    (d) => void (d.components[3]!.buttons[0].text = "x".repeat(26)),
    "components.3.buttons.0.text",
    /at most 25/,
  ],
  [
    "URL: variable only at the end",
    utility,
    (d) => void (d.components[3]!.buttons[1].url = "https://shop.example/{{1}}/track"),
    "components.3.buttons.1.url",
    /only at its end/,
  ],
  [
    "URL: http(s) only",
    utility,
    (d) => void (d.components[3]!.buttons[1] = { type: "URL", text: "Open", url: "ftp://shop.example/file" }),
    "components.3.buttons.1.url",
    /http\(s\)/,
  ],
  [
    "URL variable needs a sample URL",
    utility,
    (d) => void delete d.components[3]!.buttons[1].example,
    "components.3.buttons.1.example",
    /sample URL/,
  ],
  [
    "phone number: country code and digits",
    utility,
    (d) => void (d.components[3]!.buttons[2].phone_number = "call me"),
    "components.3.buttons.2.phone_number",
    /country code/,
  ],
  [
    "at most 2 URL buttons",
    utility,
    (d) =>
      void d.components[3]!.buttons.push(
        { type: "URL", text: "A", url: "https://a.example" },
        { type: "URL", text: "B", url: "https://b.example" },
      ),
    "components.3.buttons",
    /At most 2 URL/,
  ],
  [
    "at most 1 phone button",
    utility,
    (d) => void d.components[3]!.buttons.push({ type: "PHONE_NUMBER", text: "Other", phone_number: "+15550000000" }),
    "components.3.buttons",
    /At most 1 PHONE_NUMBER/,
  ],
  [
    "quick replies grouped together",
    utility,
    (d) => void d.components[3]!.buttons.push({ type: "QUICK_REPLY", text: "More" }),
    "components.3.buttons",
    /together/,
  ],
  [
    "copy-code sample of 1 to 15 characters",
    coupon,
    (d) => void (d.components[1]!.buttons[0].example = "THIS-CODE-IS-TOO-LONG"),
    "components.1.buttons.0.example",
    /1 to 15/,
  ],
  [
    "copy-code buttons only in marketing",
    coupon,
    (d) => void (d.category = "UTILITY"),
    "components.1.buttons.0.type",
    /MARKETING/,
  ],
  [
    "FLOW buttons name their flow",
    utility,
    (d) => void (d.components[3]!.buttons = [{ type: "FLOW", text: "Book" }]),
    "components.3.buttons.0.flow_id",
    /flow_id/,
  ],
  [
    "OTP buttons only in authentication",
    utility,
    (d) => void (d.components[3]!.buttons = [{ type: "OTP", otp_type: "COPY_CODE" }]),
    "components.3.buttons.0.type",
    /AUTHENTICATION/,
  ],
  [
    "authentication: no body text",
    auth,
    (d) => void (d.components[0]!.text = "Your code is {{1}}"),
    "components.0.text",
    /fixed body/,
  ],
  [
    "authentication: no header",
    auth,
    (d) => void d.components.unshift({ type: "HEADER", format: "TEXT", text: "Code" }),
    "components.0",
    /no header/,
  ],
  ["authentication: one OTP button", auth, (d) => void d.components.pop(), "components", /OTP button/],
  [
    "authentication: only the OTP button",
    auth,
    (d) => void d.components[2]!.buttons.push({ type: "QUICK_REPLY", text: "Help" }),
    "components.2.buttons.1.type",
    /only an OTP/,
  ],
  [
    "OTP type is known",
    auth,
    (d) => void (d.components[2]!.buttons[0].otp_type = "MAGIC"),
    "components.2.buttons.0.otp_type",
    /COPY_CODE, ONE_TAP, ZERO_TAP/,
  ],
  [
    "one-tap names the Android app",
    auth,
    (d) => void (d.components[2]!.buttons[0].otp_type = "ONE_TAP"),
    "components.2.buttons.0.supported_apps",
    /package_name/,
  ],
  [
    "zero-tap needs Meta's terms accepted",
    auth,
    (d) =>
      void (d.components[2]!.buttons[0] = {
        type: "OTP",
        otp_type: "ZERO_TAP",
        supported_apps: [{ package_name: "com.x", signature_hash: "K8a/AINcGX7" }],
      }),
    "components.2.buttons.0.zero_tap_terms_accepted",
    /terms/,
  ],
  [
    "code expiry: 1 to 90 minutes",
    auth,
    (d) => void (d.components[1]!.code_expiration_minutes = 120),
    "components.1.code_expiration_minutes",
    /1 to 90/,
  ],
];

describe("template rules: the valid starting points pass", () => {
  it.each([
    ["utility", utility],
    ["named", named],
    ["media header", media],
    ["coupon", coupon],
    ["authentication", auth],
    // Meta's copy-code request example writes the types in lower case ("otp", "copy_code").
    [
      "authentication as Meta's example writes it",
      (): Def => ({
        ...auth(),
        components: [
          { type: "body", add_security_recommendation: true },
          { type: "footer", code_expiration_minutes: 10 },
          { type: "buttons", buttons: [{ type: "otp", otp_type: "copy_code", text: "Copy code" }] },
        ],
      }),
    ],
  ])("%s", (_name, make) => {
    expect(templateIssues(make())).toEqual([]);
  });
});

describe("template rules: each broken rule names its field", () => {
  it.each(rules)("%s", (_rule, make, breakIt, field, message) => {
    const def = structuredClone(make());
    breakIt(def);
    const issues = templateIssues(def);
    expect(issues.map((i) => i.field)).toContain(field);
    expect(issues.find((i) => i.field === field)!.message).toMatch(message);
  });
});

describe("template rules: the error", () => {
  it("is TEMPLATE_INVALID (422) with every issue in details", () => {
    const def = utility();
    def.name = "Bad Name";
    def.components[2]!.text = "x".repeat(61);
    const err = (() => {
      try {
        assertValidTemplate(def);
      } catch (e) {
        return e as AppError;
      }
      throw new Error("no error");
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "TEMPLATE_INVALID", status: 422 });
    expect(err.extra.details).toEqual([
      expect.objectContaining({ field: "name" }),
      expect.objectContaining({ field: "components.2.text" }),
    ]);
    expect(err.message).toContain("name:");
  });
});
