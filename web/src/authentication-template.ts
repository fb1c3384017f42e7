import type { TemplateButton, TemplateComponent } from "./templates-api";

// Authentication (one-time code) templates: Meta writes their text. They are submitted with a BODY
// without text, an optional FOOTER with `code_expiration_minutes` and one OTP button; Meta shows the
// body as "{{1}} is your verification code." (plus "For your security, do not share this code."
// when asked) and the footer as "This code expires in N minutes." (Meta, authentication templates).

export type OtpKind = "COPY_CODE" | "ONE_TAP";

export interface OtpDraft {
  kind: OtpKind;
  buttonText: string;
  /** ONE_TAP: the autofill button's text and the Android app that receives the code. */
  autofillText: string;
  packageName: string;
  signatureHash: string;
  securityRecommendation: boolean;
  /** Minutes as typed; empty for no expiry notice. */
  expiryMinutes: string;
}

export const EMPTY_OTP: OtpDraft = {
  kind: "COPY_CODE",
  buttonText: "Copy code",
  autofillText: "Autofill",
  packageName: "",
  signatureHash: "",
  securityRecommendation: true,
  expiryMinutes: "10",
};

/** The components to submit to Meta for an authentication template. */
export function authenticationComponents(otp: OtpDraft): TemplateComponent[] {
  const minutes = otp.expiryMinutes.trim();
  const button: TemplateButton = {
    type: "OTP",
    otp_type: otp.kind,
    ...(otp.buttonText.trim() ? { text: otp.buttonText.trim() } : {}),
    ...(otp.kind === "ONE_TAP"
      ? {
          autofill_text: otp.autofillText.trim(),
          supported_apps: [{ package_name: otp.packageName.trim(), signature_hash: otp.signatureHash.trim() }],
        }
      : {}),
  };
  return [
    { type: "BODY", add_security_recommendation: otp.securityRecommendation },
    ...(minutes ? [{ type: "FOOTER", code_expiration_minutes: Number(minutes) }] : []),
    { type: "BUTTONS", buttons: [button] },
  ];
}

const SAMPLE_CODE = "123456";

/**
 * An authentication template as the customer sees it, from the components as submitted (a
 * body without text); components that already carry text (as Meta answers them) are unchanged.
 */
export function withPresetText(components: TemplateComponent[]): TemplateComponent[] {
  const isOtp = (b: TemplateButton) => b.type.toUpperCase() === "OTP";
  if (!components.some((c) => c.buttons?.some(isOtp))) return components;
  return components.map((c) => {
    const type = c.type.toUpperCase();
    if (type === "BODY" && c.text === undefined) {
      const security = c.add_security_recommendation ? " For your security, do not share this code." : "";
      return { ...c, text: `*{{1}}* is your verification code.${security}`, example: { body_text: [[SAMPLE_CODE]] } };
    }
    if (type === "FOOTER" && c.text === undefined && c.code_expiration_minutes !== undefined)
      return { ...c, text: `This code expires in ${c.code_expiration_minutes} minutes.` };
    if (type === "BUTTONS")
      return {
        ...c,
        buttons: (c.buttons ?? []).map((b) =>
          isOtp(b)
            ? { ...b, text: (b.otp_type?.toUpperCase() === "ONE_TAP" ? b.autofill_text : b.text) || "Copy code" }
            : b,
        ),
      };
    return c;
  });
}
