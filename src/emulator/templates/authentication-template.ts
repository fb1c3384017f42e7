import { templateErrors } from "./template-errors.js";

type Component = Record<string, unknown>;

const OTP_TYPES = ["COPY_CODE", "ONE_TAP", "ZERO_TAP"];
const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : "");
const ofType = (components: Component[], type: string) => components.find((c) => upper(c["type"]) === type);

/**
 * Meta's rules for an AUTHENTICATION template as created: no header, a BODY without text (its
 * only option is `add_security_recommendation`), an optional FOOTER with `code_expiration_minutes`
 * (1 to 90) and exactly one OTP button (`otp_type` COPY_CODE, ONE_TAP or ZERO_TAP; the app-handoff
 * kinds name the Android app in `supported_apps`; zero-tap also needs `zero_tap_terms_accepted: true`).
 * Meta's "Authentication templates" pages.
 */
export function validateAuthentication(components: Component[]): void {
  if (ofType(components, "HEADER")) throw templateErrors.formatError("Authentication templates can't have a header.");
  const body = ofType(components, "BODY");
  if (body?.["text"] !== undefined)
    throw templateErrors.formatError("Authentication templates use preset body text; BODY takes no text.");
  const footer = ofType(components, "FOOTER");
  const minutes = footer?.["code_expiration_minutes"];
  if (footer?.["text"] !== undefined)
    throw templateErrors.formatError("Authentication templates have no footer text; use code_expiration_minutes.");
  if (minutes !== undefined && !(Number.isInteger(minutes) && (minutes as number) >= 1 && (minutes as number) <= 90))
    throw templateErrors.invalid("code_expiration_minutes must be a whole number from 1 to 90.");
  const buttons = (ofType(components, "BUTTONS")?.["buttons"] ?? []) as Component[];
  const otp = buttons[0];
  if (buttons.length !== 1 || !otp || upper(otp["type"]) !== "OTP")
    throw templateErrors.formatError("Authentication templates need exactly one OTP button.");
  const otpType = upper(otp["otp_type"]);
  if (!OTP_TYPES.includes(otpType)) throw templateErrors.invalid(`otp_type must be one of ${OTP_TYPES.join(", ")}.`);
  if (otpType !== "COPY_CODE") {
    const apps = otp["supported_apps"];
    if (!Array.isArray(apps) || apps.length === 0)
      throw templateErrors.invalid(`${otpType} buttons need supported_apps with package_name and signature_hash.`);
  }
  // Meta, "Zero-tap authentication templates": without zero_tap_terms_accepted: true the template
  // is not created (the zero-tap terms must be accepted first).
  if (otpType === "ZERO_TAP" && otp["zero_tap_terms_accepted"] !== true)
    throw templateErrors.invalid("ZERO_TAP buttons need zero_tap_terms_accepted: true (Meta's zero-tap terms).");
}

/**
 * An authentication template the way Meta stores it and answers it on reads: the body gets the
 * preset text "*{{1}}* is your verification code." (plus the security recommendation), the
 * footer the expiry sentence, and the OTP button becomes a `URL` button whose URL ends in the
 * code variable. So a send gives the code twice: a `body` parameter and a `button` parameter
 * with `sub_type: "url"`, index 0 (Meta, "Copy code authentication templates": "in your template
 * creation request the button type is designated as OTP, but upon creation the button type will
 * be set to URL"). The emulator writes English text whatever the language.
 */
export function storedAuthentication(components: Component[]): Component[] {
  const body = ofType(components, "BODY") ?? {};
  const footer = ofType(components, "FOOTER");
  const otp = ((ofType(components, "BUTTONS")?.["buttons"] ?? []) as Component[])[0] ?? {};
  const security = body["add_security_recommendation"] === true;
  const minutes = footer?.["code_expiration_minutes"] as number | undefined;
  const otpType = upper(otp["otp_type"]);
  const url = `https://www.whatsapp.com/otp/code/?otp_type=${otpType}&code=otp{{1}}`;
  return [
    {
      type: "BODY",
      text: `*{{1}}* is your verification code.${security ? " For your security, do not share this code." : ""}`,
      ...(security ? { add_security_recommendation: true } : {}),
    },
    ...(minutes !== undefined
      ? [{ type: "FOOTER", text: `This code expires in ${minutes} minutes.`, code_expiration_minutes: minutes }]
      : []),
    {
      type: "BUTTONS",
      buttons: [
        {
          type: "URL",
          text: typeof otp["text"] === "string" ? otp["text"] : "Copy code",
          url,
          example: [url.replace("{{1}}", "123456")],
        },
      ],
    },
  ];
}
