import { checkText, isNonEmptyString, type RuleContext } from "./rule-context.js";
import { isObject, tokensIn } from "./template-variables.js";

type Button = Record<string, unknown>;

const BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "FLOW", "CATALOG", "MPM"];
const OTP_TYPES = ["COPY_CODE", "ONE_TAP", "ZERO_TAP"];
/** Per template (Meta, template components): 10 buttons, of which at most 2 URL, 1 phone, 1 copy-code. */
const MAX_OF: Record<string, number> = { URL: 2, PHONE_NUMBER: 1, COPY_CODE: 1 };
const PHONE = /^\+?[0-9]{6,19}$/;

function checkUrl(b: Button, at: string, ctx: RuleContext): void {
  const url = b["url"];
  if (!checkText(ctx, `${at}.url`, url, 2000, "The button's url")) return;
  const tokens = tokensIn(url);
  if (tokens.length > 1 || (tokens.length === 1 && (tokens[0] !== "1" || !/\{\{\s*1\s*\}\}$/.test(url)))) {
    return ctx.issue(
      `${at}.url`,
      "A URL may have one variable, {{1}}, and only at its end (https://example.com/track/{{1}}).",
    );
  }
  const parsed = URL.canParse(url.replace(/\{\{\s*1\s*\}\}$/, "x"))
    ? new URL(url.replace(/\{\{\s*1\s*\}\}$/, "x"))
    : null;
  if (!parsed || !["http:", "https:"].includes(parsed.protocol))
    return ctx.issue(`${at}.url`, "Must be an http(s) URL.");
  if (tokens.length === 1) {
    const example: unknown = Array.isArray(b["example"]) ? (b["example"] as unknown[])[0] : b["example"];
    if (!isNonEmptyString(example) || !/^https?:\/\//.test(example))
      ctx.issue(
        `${at}.example`,
        `The URL has a variable: give a full sample URL, as ["${url.replace(/\{\{\s*1\s*\}\}$/, "ABC123")}"].`,
      );
  }
}

function checkOtp(b: Button, at: string, ctx: RuleContext): void {
  // Meta's own examples write otp_type in lower case ("copy_code"); both are accepted.
  const otpType = typeof b["otp_type"] === "string" ? b["otp_type"].toUpperCase() : undefined;
  if (otpType === undefined || !OTP_TYPES.includes(otpType))
    return ctx.issue(`${at}.otp_type`, `Must be one of ${OTP_TYPES.join(", ")}.`);
  if (otpType === "COPY_CODE") return;
  const apps = b["supported_apps"];
  if (
    !Array.isArray(apps) ||
    apps.length === 0 ||
    !apps.every((a) => isObject(a) && isNonEmptyString(a["package_name"]) && isNonEmptyString(a["signature_hash"]))
  ) {
    ctx.issue(
      `${at}.supported_apps`,
      `${otpType} needs supported_apps: [{package_name, signature_hash}] of your Android app.`,
    );
  }
  if (otpType === "ZERO_TAP" && b["zero_tap_terms_accepted"] !== true)
    ctx.issue(`${at}.zero_tap_terms_accepted`, "Zero-tap needs zero_tap_terms_accepted: true (Meta's zero-tap terms).");
}

function checkButton(b: Button, type: string, at: string, ctx: RuleContext): void {
  if (type === "OTP" && ctx.category !== "AUTHENTICATION")
    return ctx.issue(`${at}.type`, "OTP buttons belong to AUTHENTICATION templates.");
  if (type !== "OTP" && ctx.category === "AUTHENTICATION")
    return ctx.issue(`${at}.type`, "Authentication templates take only an OTP button.");
  if (type === "COPY_CODE" && ctx.category !== "MARKETING")
    return ctx.issue(`${at}.type`, "Copy-code (coupon) buttons belong to MARKETING templates.");
  if (type === "OTP") {
    if (b["text"] !== undefined) checkText(ctx, `${at}.text`, b["text"], 25, "Button text");
    return checkOtp(b, at, ctx);
  }
  if (type === "COPY_CODE") {
    const code = b["example"];
    if (!isNonEmptyString(code) || code.length > 15)
      ctx.issue(`${at}.example`, "A copy-code button needs a sample code of 1 to 15 characters.");
    return;
  }
  checkText(ctx, `${at}.text`, b["text"], 25, "Button text");
  if (type === "URL") checkUrl(b, at, ctx);
  if (type === "PHONE_NUMBER" && !(typeof b["phone_number"] === "string" && PHONE.test(b["phone_number"]))) {
    ctx.issue(
      `${at}.phone_number`,
      "Must be a phone number with country code, digits only, at most 20 characters (e.g. +15550051310).",
    );
  }
  if (type === "FLOW" && ![b["flow_id"], b["flow_name"], b["flow_json"]].some(isNonEmptyString))
    ctx.issue(`${at}.flow_id`, "A FLOW button needs flow_id, flow_name or flow_json.");
}

export function validateButtons(c: Record<string, unknown>, at: string, ctx: RuleContext): void {
  const buttons = c["buttons"];
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 10)
    return ctx.issue(`${at}.buttons`, "Give 1 to 10 buttons.");
  const types: string[] = [];
  buttons.forEach((b, j) => {
    const field = `${at}.buttons.${j}`;
    const type = isObject(b) && typeof b["type"] === "string" ? b["type"].toUpperCase() : "";
    types.push(type);
    if (!isObject(b) || !BUTTON_TYPES.includes(type))
      return ctx.issue(`${field}.type`, `Must be one of ${BUTTON_TYPES.join(", ")}.`);
    checkButton(b, type, field, ctx);
  });
  for (const [type, max] of Object.entries(MAX_OF)) {
    const n = types.filter((t) => t === type).length;
    if (n > max) ctx.issue(`${at}.buttons`, `At most ${max} ${type} button(s) per template; this one has ${n}.`);
  }
  if (ctx.category === "AUTHENTICATION" && types.filter((t) => t === "OTP").length !== 1)
    ctx.issue(`${at}.buttons`, "Authentication templates take exactly one OTP button.");
  // Meta renders quick replies and the other buttons as two groups: they may not interleave.
  const switches = types.slice(1).filter((t, j) => (t === "QUICK_REPLY") !== (types[j] === "QUICK_REPLY")).length;
  if (switches > 1)
    ctx.issue(`${at}.buttons`, "Keep the QUICK_REPLY buttons together, before or after all the other buttons.");
}
