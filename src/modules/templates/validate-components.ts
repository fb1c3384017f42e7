import { checkText, isNonEmptyString, type RuleContext } from "./rule-context.js";
import { isObject, NAMED_NAME, POSITIONAL_NAME, tokensIn, variablesIn } from "./template-variables.js";

type Component = Record<string, unknown>;

const MEDIA_HEADERS = ["IMAGE", "VIDEO", "DOCUMENT"];
const HEADER_FORMATS = ["TEXT", ...MEDIA_HEADERS, "LOCATION"];

/** Variables of a text in the template's style: right syntax, numbered from 1 without gaps. */
function checkVariables(ctx: RuleContext, field: string, text: string): string[] {
  for (const token of new Set(tokensIn(text))) {
    if (ctx.format === "POSITIONAL" && !POSITIONAL_NAME.test(token)) {
      ctx.issue(
        field,
        NAMED_NAME.test(token)
          ? `{{${token}}} is a named variable: set parameterFormat to NAMED, or use {{1}}, {{2}}, ...`
          : `{{${token}}} is not a variable; use {{1}}, {{2}}, ...`,
      );
    }
    if (ctx.format === "NAMED" && !NAMED_NAME.test(token)) {
      ctx.issue(
        field,
        POSITIONAL_NAME.test(token)
          ? `{{${token}}} is positional but parameterFormat is NAMED; use names like {{first_name}}.`
          : `{{${token}}}: variable names use lowercase letters, digits and underscores.`,
      );
    }
  }
  const vars = variablesIn(text, ctx.format);
  if (ctx.format === "POSITIONAL") {
    const numbers = vars.map(Number).sort((a, b) => a - b);
    if (numbers.some((n, i) => n !== i + 1))
      ctx.issue(field, `Number the variables {{1}} to {{${numbers.length}}} without gaps.`);
  }
  return vars;
}

/** Every variable needs a sample value, in `example.<key>` (positional) or `example.<key>_named_params`. */
function checkSamples(
  ctx: RuleContext,
  at: string,
  c: Component,
  vars: string[],
  key: "header_text" | "body_text",
): void {
  if (vars.length === 0) return;
  const example = isObject(c["example"]) ? c["example"] : {};
  if (ctx.format === "NAMED") {
    const field = `${at}.example.${key}_named_params`;
    const given = Array.isArray(example[`${key}_named_params`]) ? (example[`${key}_named_params`] as unknown[]) : [];
    const names = given
      .filter((p) => isObject(p) && isNonEmptyString(p["example"]))
      .map((p) => (p as Component)["param_name"]);
    const missing = vars.filter((v) => !names.includes(v));
    if (missing.length > 0)
      ctx.issue(field, `Give a sample {param_name, example} for ${missing.map((m) => `{{${m}}}`).join(", ")}.`);
    if (given.length > vars.length) ctx.issue(field, `Has ${given.length} samples for ${vars.length} variable(s).`);
    return;
  }
  const field = `${at}.example.${key}`;
  const raw = example[key];
  // Meta nests body samples one level deeper than header samples: [["a", "b"]] vs ["a"].
  const samples: unknown = key === "body_text" ? (Array.isArray(raw) && raw.length === 1 ? raw[0] : undefined) : raw;
  const shape = key === "body_text" ? `[[${vars.map((v) => `"sample ${v}"`).join(", ")}]]` : `["sample"]`;
  if (!Array.isArray(samples) || samples.length !== vars.length || !samples.every(isNonEmptyString)) {
    ctx.issue(field, `The text has ${vars.length} variable(s); give one non-empty sample for each, as ${shape}.`);
  }
}

export function validateHeader(c: Component, at: string, ctx: RuleContext): void {
  const format = typeof c["format"] === "string" ? c["format"].toUpperCase() : "";
  if (!HEADER_FORMATS.includes(format))
    return ctx.issue(`${at}.format`, `Must be one of ${HEADER_FORMATS.join(", ")}.`);
  if (format === "TEXT") {
    if (!checkText(ctx, `${at}.text`, c["text"], 60, "Header text")) return;
    const vars = checkVariables(ctx, `${at}.text`, c["text"]);
    if (vars.length > 1)
      return ctx.issue(`${at}.text`, `A text header may have one variable; this one has ${vars.length}.`);
    return checkSamples(ctx, at, c, vars, "header_text");
  }
  if (c["text"] !== undefined) ctx.issue(`${at}.text`, `A ${format} header has no text.`);
  if (!MEDIA_HEADERS.includes(format)) return;
  const handles = isObject(c["example"]) ? c["example"]["header_handle"] : undefined;
  if (!Array.isArray(handles) || handles.length !== 1 || !isNonEmptyString(handles[0])) {
    ctx.issue(
      `${at}.example.header_handle`,
      `A ${format} header needs one sample file: upload it with POST /v1/media/uploads and put the returned handle here, as ["<handle>"].`,
    );
  }
}

/** The message body: at most 1024 characters, 600 in a limited-time offer, 160 on a carousel card. */
export function validateBody(c: Component, at: string, ctx: RuleContext, max = 1024): void {
  if (ctx.category === "AUTHENTICATION") {
    if (c["text"] !== undefined)
      ctx.issue(
        `${at}.text`,
        "Authentication templates use Meta's fixed body text; leave text out (add_security_recommendation is the only option).",
      );
    if (c["add_security_recommendation"] !== undefined && typeof c["add_security_recommendation"] !== "boolean")
      ctx.issue(`${at}.add_security_recommendation`, "Must be true or false.");
    return;
  }
  const field = `${at}.text`;
  if (!checkText(ctx, field, c["text"], max, "Body text")) return;
  const text = c["text"].trim();
  const vars = checkVariables(ctx, field, text);
  if (/^\{\{[^{}]*\}\}/.test(text) || /\{\{[^{}]*\}\}$/.test(text))
    ctx.issue(field, "The body can't start or end with a variable; put text before and after it.");
  if (/\}\}\s*\{\{/.test(text)) ctx.issue(field, "Two variables can't be next to each other; put text between them.");
  checkSamples(ctx, at, c, vars, "body_text");
}

export function validateFooter(c: Component, at: string, ctx: RuleContext): void {
  if (ctx.category === "AUTHENTICATION") {
    if (c["text"] !== undefined)
      ctx.issue(`${at}.text`, "Authentication templates have no footer text; use code_expiration_minutes.");
    const minutes = c["code_expiration_minutes"];
    if (
      minutes !== undefined &&
      !(Number.isInteger(minutes) && (minutes as number) >= 1 && (minutes as number) <= 90)
    ) {
      ctx.issue(`${at}.code_expiration_minutes`, "Must be a whole number of minutes from 1 to 90.");
    }
    return;
  }
  if (!checkText(ctx, `${at}.text`, c["text"], 60, "Footer text")) return;
  if (tokensIn(c["text"]).length > 0) ctx.issue(`${at}.text`, "The footer can't contain variables.");
}
