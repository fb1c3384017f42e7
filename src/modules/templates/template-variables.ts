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

/** The parameters of the message's own header, body and buttons, or of one carousel card's. */
export interface PartShape {
  bodyParameterCount: number;
  headerFormat: string | null;
  /** TEXT: its variables; a media or location header takes exactly one parameter of its format. */
  headerParameterCount: number;
  /** One entry per button, by Meta's 0-based button index; 0 for buttons that take no parameter. */
  buttonParameterCounts: number[];
  /** Quick-reply buttons, by index: their one parameter (a payload) may be given or left out. */
  optionalButtons: number[];
  /** Each button's kind (URL, QUICK_REPLY, COPY_CODE, OTP, FLOW...), by the same index. */
  buttonTypes: string[];
}

export interface SendShape extends PartShape {
  parameterFormat: ParameterFormat;
  /** A limited-time offer with `has_expiration` takes its expiry (`expiration_time_ms`) at send time. */
  offerExpiration: boolean;
  /** A carousel template's cards (a send gives every one of them, by card_index); null otherwise. */
  cards: PartShape[] | null;
}

function partShape(components: Component[], format: ParameterFormat, presetBody: boolean): PartShape {
  const header = components.find((c) => typeOf(c) === "HEADER");
  const body = components.find((c) => typeOf(c) === "BODY");
  const buttons = (components.find((c) => typeOf(c) === "BUTTONS")?.["buttons"] ?? []) as Component[];
  const headerFormat = header ? upper(typeof header["format"] === "string" ? header["format"] : "TEXT") : null;
  return {
    bodyParameterCount: presetBody ? 1 : variablesIn(body?.["text"], format).length,
    headerFormat,
    headerParameterCount:
      headerFormat === null ? 0 : headerFormat === "TEXT" ? variablesIn(header?.["text"], format).length : 1,
    buttonParameterCounts: buttons.map((b) => {
      const type = typeOf(b);
      if (type === "URL") return variablesIn(b["url"], "POSITIONAL").length;
      // A multi-product button's action lists the products to show (Meta, "Multi-product message templates").
      return type === "COPY_CODE" || type === "OTP" || type === "MPM" ? 1 : 0;
    }),
    // A quick reply's payload, and a catalog button's action (its thumbnail product; without one
    // Meta shows the catalog's first item: "Catalog templates"), may be given or left out.
    optionalButtons: buttons.flatMap((b, i) => (typeOf(b) === "QUICK_REPLY" || typeOf(b) === "CATALOG" ? [i] : [])),
    buttonTypes: buttons.map(typeOf),
  };
}

/**
 * What a send of this template must supply, mirroring Meta's send-time checks. An authentication
 * template takes its code twice, whether its components are as Wharf submitted them (a BODY
 * without text, an OTP button) or as Meta answers them (the preset body "{{1}} is your
 * verification code", the button as a URL ending in {{1}}): one body parameter and one parameter
 * for button 0 (Meta, "Copy code authentication templates", sending). A limited-time offer with
 * `has_expiration` takes its expiry (Meta, "Limited-time offer templates", sending); a carousel
 * takes every card's header, body and button parameters (Meta, "Sending media card carousel
 * templates").
 */
export function sendShape(components: Component[], format: ParameterFormat, category?: string): SendShape {
  const body = components.find((c) => typeOf(c) === "BODY");
  const presetBody = category === "AUTHENTICATION" && typeof body?.["text"] !== "string";
  const offer = components.find((c) => typeOf(c) === "LIMITED_TIME_OFFER")?.["limited_time_offer"];
  const carousel = components.find((c) => typeOf(c) === "CAROUSEL");
  const cards = carousel && Array.isArray(carousel["cards"]) ? (carousel["cards"] as unknown[]) : null;
  return {
    parameterFormat: format,
    ...partShape(components, format, presetBody),
    offerExpiration: isObject(offer) && offer["has_expiration"] === true,
    cards:
      cards?.map((card) =>
        partShape(
          isObject(card) && Array.isArray(card["components"]) ? (card["components"] as Component[]) : [],
          format,
          false,
        ),
      ) ?? null,
  };
}

/**
 * Meta accepts lower-case component, format, button and OTP types (its own OTP, carousel and
 * limited-time-offer examples use them); they are stored upper-case, carousel cards' included.
 */
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
    if (Array.isArray(c["cards"]))
      out["cards"] = (c["cards"] as unknown[]).map((card) =>
        isObject(card) && Array.isArray(card["components"])
          ? { ...card, components: normalizeComponents(card["components"] as Component[]) }
          : card,
      );
    return out;
  });
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
