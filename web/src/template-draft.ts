import type { FieldIssue } from "./api";
import { authenticationComponents, EMPTY_OTP, type OtpDraft } from "./authentication-template";
import type {
  NamedExample,
  NewTemplate,
  ParameterFormat,
  TemplateButton,
  TemplateCategory,
  TemplateComponent,
} from "./templates-api";

// The template builder's state, and how it becomes Meta's components. Field errors from the
// server name components by index (`components.1.example.body_text`); `fieldOf` maps them back.

export type HeaderType = "NONE" | "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION";
export type ButtonType = "QUICK_REPLY" | "URL" | "PHONE_NUMBER";
export const MEDIA_HEADERS: HeaderType[] = ["IMAGE", "VIDEO", "DOCUMENT"];

export interface DraftButton {
  type: ButtonType;
  text: string;
  url: string;
  phone: string;
  /** A full sample URL when the URL ends in {{1}}. */
  example: string;
}

export interface Draft {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  headerType: HeaderType;
  headerText: string;
  /** The uploaded sample of a media header. */
  headerSample?: { handle: string; fileName: string };
  body: string;
  footer: string;
  buttons: DraftButton[];
  /** Sample values by variable name ("1", "first_name"); Meta numbers header and body apart. */
  headerExamples: Record<string, string>;
  bodyExamples: Record<string, string>;
  /** AUTHENTICATION templates take only these options: Meta writes their text. */
  otp: OtpDraft;
  /** A MARKETING template may be a limited-time offer (Meta, "Limited-time offer templates"). */
  offer: OfferDraft;
}

export interface OfferDraft {
  enabled: boolean;
  /** Offer details shown above the body, at most 16 characters. */
  text: string;
  /** Show the expiry countdown; the expiry itself is given with each send. */
  hasExpiration: boolean;
  /** A sample offer code for the copy-code button (first); required with the countdown. */
  code: string;
}

export const EMPTY_OFFER: OfferDraft = { enabled: false, text: "", hasExpiration: true, code: "" };

export const EMPTY_DRAFT: Draft = {
  name: "",
  language: "en_US",
  category: "UTILITY",
  parameterFormat: "POSITIONAL",
  headerType: "NONE",
  headerText: "",
  body: "",
  footer: "",
  buttons: [],
  headerExamples: {},
  bodyExamples: {},
  otp: EMPTY_OTP,
  offer: EMPTY_OFFER,
};

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID = { POSITIONAL: /^[1-9]\d*$/, NAMED: /^[a-z_][a-z0-9_]*$/ };

/** The distinct variables of a text in the template's style, in order of appearance. */
export function variablesIn(text: string | undefined, format: ParameterFormat): string[] {
  const tokens = [...(text ?? "").matchAll(TOKEN)].map((match) => match[1]!);
  return [...new Set(tokens.filter((token) => VALID[format].test(token)))];
}

function examplesFor(vars: string[], draft: Draft, key: "header_text" | "body_text"): TemplateComponent["example"] {
  if (vars.length === 0) return undefined;
  const samples = key === "header_text" ? draft.headerExamples : draft.bodyExamples;
  const values = vars.map((name) => samples[name] ?? "");
  if (draft.parameterFormat === "NAMED") {
    const named: NamedExample[] = vars.map((name, i) => ({ param_name: name, example: values[i]! }));
    return key === "header_text" ? { header_text_named_params: named } : { body_text_named_params: named };
  }
  return key === "header_text" ? { header_text: values } : { body_text: [values] };
}

function button(b: DraftButton): TemplateButton {
  if (b.type === "URL") {
    return {
      type: "URL",
      text: b.text,
      url: b.url,
      ...(variablesIn(b.url, "POSITIONAL").length ? { example: [b.example] } : {}),
    };
  }
  if (b.type === "PHONE_NUMBER") return { type: "PHONE_NUMBER", text: b.text, phone_number: b.phone };
  return { type: "QUICK_REPLY", text: b.text };
}

/** "offer-buttons": the buttons of a limited-time offer, whose first is the offer's copy-code button. */
export type Section = "header" | "offer" | "body" | "footer" | "buttons" | "offer-buttons";

/** Meta's components for the draft, and which builder section each index is. */
export function toTemplate(draft: Draft): { template: NewTemplate; fieldOf: Section[] } {
  const components: TemplateComponent[] = [];
  const fieldOf: Section[] = [];
  const add = (section: Section, component: TemplateComponent) => {
    components.push(component);
    fieldOf.push(section);
  };
  const { headerType: format, parameterFormat } = draft;
  if (draft.category === "AUTHENTICATION") {
    const sections: Record<string, Section> = { BODY: "body", FOOTER: "footer", BUTTONS: "buttons" };
    for (const c of authenticationComponents(draft.otp)) add(sections[c.type]!, c);
  } else if (format === "TEXT") {
    const example = examplesFor(variablesIn(draft.headerText, parameterFormat), draft, "header_text");
    add("header", { type: "HEADER", format, text: draft.headerText, ...(example ? { example } : {}) });
  } else if (MEDIA_HEADERS.includes(format)) {
    add("header", {
      type: "HEADER",
      format,
      ...(draft.headerSample ? { example: { header_handle: [draft.headerSample.handle] } } : {}),
    });
  } else if (format === "LOCATION") {
    add("header", { type: "HEADER", format });
  }
  // Meta, "Limited-time offer templates": MARKETING only, the offer after the header, no footer,
  // the copy-code button (if any) first.
  const offer = draft.category === "MARKETING" && draft.offer.enabled ? draft.offer : null;
  if (offer)
    add("offer", {
      type: "LIMITED_TIME_OFFER",
      limited_time_offer: { text: offer.text, has_expiration: offer.hasExpiration },
    });
  if (draft.category !== "AUTHENTICATION") {
    const bodyExample = examplesFor(variablesIn(draft.body, parameterFormat), draft, "body_text");
    add("body", { type: "BODY", text: draft.body, ...(bodyExample ? { example: bodyExample } : {}) });
    if (draft.footer.trim() && !offer) add("footer", { type: "FOOTER", text: draft.footer });
    const code: TemplateButton[] = offer?.code.trim() ? [{ type: "COPY_CODE", example: offer.code.trim() }] : [];
    const buttons = [...code, ...draft.buttons.map(button)];
    if (buttons.length) add(code.length ? "offer-buttons" : "buttons", { type: "BUTTONS", buttons });
  }
  const template = {
    name: draft.name.trim(),
    language: draft.language.trim(),
    category: draft.category,
    parameterFormat,
    components,
  };
  return { template, fieldOf };
}

/**
 * The builder field a server issue belongs to: name, language, category, header,
 * headerExamples, body, bodyExamples, footer, buttons, `button.{n}.{text|type|url|example|phone_number}`;
 * anything else is `form`.
 */
export function builderField(issue: FieldIssue, fieldOf: Section[]): string {
  const [head, index, ...rest] = issue.field.split(".");
  if (head === "name" || head === "language" || head === "category") return head;
  if (head !== "components" || index === undefined) return "form";
  const section = fieldOf[Number(index)];
  if (!section) return "body";
  if (section === "offer-buttons" && rest[0] === "buttons" && rest[1] !== undefined)
    return rest[1] === "0" ? "offer" : `button.${Number(rest[1]) - 1}.${rest[2] ?? "text"}`;
  if (section === "offer-buttons") return "buttons";
  if (section === "buttons" && rest[0] === "buttons" && rest[1] !== undefined)
    return `button.${rest[1]}.${rest[2] ?? "text"}`;
  if (rest[0] === "example" && section === "body") return "bodyExamples";
  if (rest[0] === "example" && rest[1]?.startsWith("header_text")) return "headerExamples";
  return section;
}

/** Issues grouped by builder field. */
export function groupIssues(issues: FieldIssue[], fieldOf: Section[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const issue of issues) (grouped[builderField(issue, fieldOf)] ??= []).push(issue.message);
  return grouped;
}
