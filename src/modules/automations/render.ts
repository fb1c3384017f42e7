import { BUTTON_PARAMETER_TYPE, BUTTON_SUB_TYPE } from "../../channels/index.js";
import type { JourneyContext } from "./context.js";
import type { TemplateRef, ValueRef } from "./model.js";
import { readPath } from "./paths.js";

/** The value a path names in this context, as text; undefined when it has none. */
export function resolvePath(ctx: JourneyContext, path: string): string | undefined {
  const [root, ...rest] = path.split(".");
  const tail = rest.join(".");
  let v: unknown;
  if (root === "contact") {
    if (rest[0] === "attributes" && rest.length === 2) v = ctx.contact.attributes[rest[1]!];
    else if (tail === "firstName") v = ctx.contact.name?.trim().split(/\s+/)[0];
    else if (rest.length === 1 && ["id", "name", "phone", "email", "externalId", "language", "waId"].includes(tail))
      v = ctx.contact[tail as "id"];
  } else if (root === "event" && ctx.event) {
    v = tail === "type" ? ctx.event.type : tail === "id" ? ctx.event.id : readPath(ctx.event.data, tail);
  } else if (root === "message" && tail === "text") v = ctx.message?.text;
  else if (root === "trigger" && tail === "key") v = ctx.triggerKey;
  if (v === null || v === undefined || v === "") return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export type Rendered = { ok: true; text: string } | { ok: false; missing: string };

export function renderValue(ctx: JourneyContext, ref: ValueRef): Rendered {
  if ("value" in ref) return { ok: true, text: ref.value };
  const v = resolvePath(ctx, ref.path) ?? ref.fallback;
  return v === undefined ? { ok: false, missing: ref.path } : { ok: true, text: v };
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_.]*)\s*\}\}/g;

/** The `{{path}}` placeholders of a free-form text. */
export const placeholdersIn = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** Free-form text with its placeholders filled; a placeholder without a value makes the send skip. */
export function renderText(ctx: JourneyContext, text: string): Rendered {
  let missing: string | null = null;
  const out = text.replace(PLACEHOLDER, (_m, path: string) => {
    const v = resolvePath(ctx, path);
    if (v === undefined) missing ??= path;
    return v ?? "";
  });
  return missing !== null ? { ok: false, missing } : { ok: true, text: out };
}

/** What the send path needs of the template to build its components (TemplateForSend's shape). */
export interface TemplateShape {
  name: string;
  language: string;
  category: string;
  parameterFormat: "POSITIONAL" | "NAMED";
  headerFormat: string | null;
  buttonTypes: string[];
}

/**
 * The template body of a POST /v1/messages send: `{ name, language: { code }, components }` with
 * every mapped parameter filled. An authentication template's code (body[0]) also fills its OTP
 * button, as Meta requires. A value that cannot be filled answers `{ ok: false, missing }`.
 */
export function renderTemplate(
  ctx: JourneyContext,
  ref: TemplateRef,
  shape: TemplateShape,
): { ok: true; template: Record<string, unknown> } | { ok: false; missing: string } {
  const components: Record<string, unknown>[] = [];
  if (ref.header) {
    const v = renderValue(ctx, ref.header);
    if (!v.ok) return v;
    const format = (shape.headerFormat ?? "TEXT").toUpperCase();
    const kind = format.toLowerCase();
    const parameter = format === "TEXT" ? { type: "text", text: v.text } : { type: kind, [kind]: { link: v.text } };
    components.push({ type: "header", parameters: [parameter] });
  }
  const body: Record<string, unknown>[] = [];
  if (Array.isArray(ref.body)) {
    for (const r of ref.body) {
      const v = renderValue(ctx, r);
      if (!v.ok) return v;
      body.push({ type: "text", text: v.text });
    }
  } else {
    for (const [name, r] of Object.entries(ref.body)) {
      const v = renderValue(ctx, r);
      if (!v.ok) return v;
      body.push({ type: "text", parameter_name: name, text: v.text });
    }
  }
  if (body.length > 0) components.push({ type: "body", parameters: body });
  const buttons = [...ref.buttons];
  const otp = shape.buttonTypes.findIndex((t) => t === "OTP");
  if (shape.category === "AUTHENTICATION" && otp >= 0 && !buttons.some((b) => b.index === otp) && body[0])
    buttons.push({ index: otp, value: { value: String(body[0]["text"]) } });
  for (const b of buttons.sort((x, y) => x.index - y.index)) {
    const v = renderValue(ctx, b.value);
    if (!v.ok) return v;
    const subType = BUTTON_SUB_TYPE[shape.buttonTypes[b.index] ?? "URL"] ?? "url";
    const type = BUTTON_PARAMETER_TYPE[subType] ?? "text";
    const parameter = { type, [type]: v.text };
    components.push({ type: "button", sub_type: subType, index: String(b.index), parameters: [parameter] });
  }
  return { ok: true, template: { name: ref.name, language: { code: ref.language }, components } };
}
