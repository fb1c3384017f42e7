import type { EmulatorState } from "../state/emulator-state.js";
import { validateAuthentication } from "./authentication-template.js";
import { validateCarousel, validateLimitedTimeOffer } from "./marketing-templates.js";
import { templateErrors } from "./template-errors.js";
import { variablesIn } from "./template-variables.js";

type Component = Record<string, unknown>;
type Format = "POSITIONAL" | "NAMED";

/** Locale codes like `en`, `en_US`, `pt_BR`, `zh_CN` (Meta's supported-languages list). */
export const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2,3})?$/;

function checkVariables(
  where: string,
  text: string | undefined,
  format: Format,
  example: unknown,
  exampleKey: string,
): void {
  const vars = variablesIn(text, format);
  if (vars.length === 0) return;
  if (format === "POSITIONAL") {
    const numbers = vars.map(Number).sort((a, b) => a - b);
    if (numbers.some((n, i) => n !== i + 1)) {
      throw templateErrors.formatError(
        `${where}: variables must be numbered {{1}} to {{${numbers.length}}} in sequence.`,
      );
    }
  }
  const trimmed = (text ?? "").trim();
  if (where.endsWith("BODY") && (/^\{\{[^}]+\}\}/.test(trimmed) || /\{\{[^}]+\}\}$/.test(trimmed)))
    throw templateErrors.edgeVariables();
  const examples = (example ?? {}) as Record<string, unknown>;
  const named = examples[`${exampleKey}_named_params`] as { param_name: string }[] | undefined;
  const positional = examples[exampleKey] as unknown[] | undefined;
  const given =
    format === "NAMED"
      ? (named ?? []).map((p) => p.param_name)
      : (((Array.isArray(positional?.[0]) ? positional?.[0] : positional) as unknown[] | undefined) ?? []);
  const complete =
    format === "NAMED" ? vars.every((v) => (given as string[]).includes(v)) : given.length === vars.length;
  if (!complete) {
    throw templateErrors.invalid(
      `${where} has ${vars.length} variable(s); example.${exampleKey}${format === "NAMED" ? "_named_params" : ""} must give one sample for each.`,
      "Missing sample values",
    );
  }
}

/**
 * Meta's rules on a template definition beyond its shape: a BODY with free text (authentication
 * templates have their own rules, `validateAuthentication`), sequential positional variables with samples, no variable at the
 * very start or end of the body (2388299), a text header with at most one variable, a media
 * header with an uploaded file handle, and at most 2 URL and 1 phone-number buttons.
 */
export function validateTemplateRules(
  state: EmulatorState,
  category: string,
  format: Format,
  components: Component[],
): void {
  const byType = (type: string) => components.filter((c) => String(c["type"]).toUpperCase() === type);
  for (const type of ["HEADER", "BODY", "FOOTER", "BUTTONS", "LIMITED_TIME_OFFER", "CAROUSEL"]) {
    if (byType(type).length > 1) throw templateErrors.formatError(`Only one ${type} component is allowed.`);
  }
  const body = byType("BODY")[0];
  if (!body) throw templateErrors.invalid("components: a BODY component is required.");
  if (category === "AUTHENTICATION") return validateAuthentication(components);
  if (typeof body["text"] !== "string" || body["text"].trim() === "")
    throw templateErrors.invalid("BODY text is required.");
  checkVariables("BODY", body["text"], format, body["example"], "body_text");
  const checkMedia = (where: string, header: Component) => {
    const handles = ((header["example"] as Record<string, unknown> | undefined)?.["header_handle"] ?? []) as string[];
    const known = new Set([...state.uploads.values()].map((u) => u.handle).filter(Boolean));
    if (handles.length !== 1 || !known.has(handles[0])) {
      throw templateErrors.invalid(
        `${where} ${String(header["format"])} needs example.header_handle with one handle from the Resumable Upload API.`,
        "Invalid media handle",
      );
    }
  };
  if (byType("CAROUSEL")[0])
    validateCarousel(category, components, checkMedia, (where, card) => {
      if (typeof card["text"] !== "string" || card["text"].trim() === "")
        throw templateErrors.invalid(`${where}: BODY text is required.`);
      checkVariables(`${where} BODY`, card["text"], format, card["example"], "body_text");
    });
  if (byType("LIMITED_TIME_OFFER")[0]) validateLimitedTimeOffer(category, components);
  const header = byType("HEADER")[0];
  if (header) {
    const fmt = String(header["format"]);
    if (fmt === "TEXT") {
      if (variablesIn(header["text"] as string | undefined, format).length > 1) {
        throw templateErrors.formatError("HEADER text may contain at most one variable.");
      }
      checkVariables("HEADER", header["text"] as string | undefined, format, header["example"], "header_text");
    } else if (["IMAGE", "VIDEO", "DOCUMENT", "GIF"].includes(fmt)) checkMedia("HEADER", header);
  }
  const buttons = (byType("BUTTONS")[0]?.["buttons"] ?? []) as Component[];
  const count = (type: string) => buttons.filter((b) => b["type"] === type).length;
  if (count("URL") > 2) throw templateErrors.formatError("A template can have at most 2 URL buttons.");
  if (count("PHONE_NUMBER") > 1) throw templateErrors.formatError("A template can have at most 1 phone number button.");
}
