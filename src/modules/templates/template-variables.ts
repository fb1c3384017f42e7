/**
 * Variables in template text: `{{1}}`, `{{2}}` for POSITIONAL templates and `{{first_name}}` for
 * NAMED ones. The same counting serves validation (samples for every variable) and the send
 * path (how many parameters each component takes, which Meta checks with 132000).
 */

export type ParameterFormat = "POSITIONAL" | "NAMED";

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
export const POSITIONAL_NAME = /^[1-9]\d*$/;
export const NAMED_NAME = /^[a-z_][a-z0-9_]*$/;

/** Every `{{...}}` in the text, in order, with duplicates, as written inside the braces. */
export function tokensIn(text: unknown): string[] {
  return typeof text === "string" ? [...text.matchAll(TOKEN)].map((m) => m[1]!) : [];
}

/** The distinct variables of the text in the given format (other tokens are not variables). */
export function variablesIn(text: unknown, format: ParameterFormat): string[] {
  const valid = format === "NAMED" ? NAMED_NAME : POSITIONAL_NAME;
  return [...new Set(tokensIn(text).filter((t) => valid.test(t)))];
}

type Component = Record<string, unknown>;

const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : "");
const typeOf = (c: Component) => upper(c["type"]);

export interface SendShape {
  parameterFormat: ParameterFormat;
  bodyParameterCount: number;
  headerFormat: string | null;
  /** TEXT: its variables; a media or location header takes exactly one parameter of its format. */
  headerParameterCount: number;
  /** One entry per button, by Meta's 0-based button index; 0 for buttons that take no parameter. */
  buttonParameterCounts: number[];
}

/**
 * What a send of this template must supply, mirroring Meta's send-time checks. An authentication
 * template takes its code twice, whether its components are as Wharf submitted them (a BODY
 * without text, an OTP button) or as Meta answers them (the preset body "{{1}} is your
 * verification code", the button as a URL ending in {{1}}): one body parameter and one parameter
 * for button 0 (Meta, "Copy code authentication templates", sending).
 */
export function sendShape(components: Component[], format: ParameterFormat, category?: string): SendShape {
  const header = components.find((c) => typeOf(c) === "HEADER");
  const body = components.find((c) => typeOf(c) === "BODY");
  const buttons = (components.find((c) => typeOf(c) === "BUTTONS")?.["buttons"] ?? []) as Component[];
  const headerFormat = header ? upper(typeof header["format"] === "string" ? header["format"] : "TEXT") : null;
  const presetBody = category === "AUTHENTICATION" && typeof body?.["text"] !== "string";
  return {
    parameterFormat: format,
    bodyParameterCount: presetBody ? 1 : variablesIn(body?.["text"], format).length,
    headerFormat,
    headerParameterCount:
      headerFormat === null ? 0 : headerFormat === "TEXT" ? variablesIn(header?.["text"], format).length : 1,
    buttonParameterCounts: buttons.map((b) => {
      const type = typeOf(b);
      if (type === "URL") return variablesIn(b["url"], "POSITIONAL").length;
      return type === "COPY_CODE" || type === "OTP" ? 1 : 0;
    }),
  };
}

/** Meta accepts lower-case component, format, button and OTP types (its own OTP examples use them); they are stored upper-case. */
export function normalizeComponents(components: Component[]): Component[] {
  const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : v);
  return components.map((c) => {
    const out: Component = { ...c, type: upper(c["type"]) };
    if (c["format"] !== undefined) out["format"] = upper(c["format"]);
    if (Array.isArray(c["buttons"]))
      out["buttons"] = (c["buttons"] as unknown[]).map((b) =>
        isObject(b)
          ? { ...b, type: upper(b["type"]), ...(b["otp_type"] !== undefined ? { otp_type: upper(b["otp_type"]) } : {}) }
          : b,
      );
    return out;
  });
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
