import { conditionHolds, readPath, type Condition, type TemplateRef, type ValueRef } from "../automations/index.js";

/** What conditions and value paths read: `contact.*`, `event.*`, `message.text`, `trigger.key`. */
export interface EvalContext {
  contact: {
    id: string | null;
    waId: string;
    name: string | null;
    firstName: string | null;
    phone: string | null;
    email: string | null;
    externalId: string | null;
    language: string | null;
    tags: string[];
    attributes: Record<string, unknown>;
    consent: "opted_in" | "opted_out" | "unknown";
    lastInboundAt: number | null;
  };
  event: Record<string, unknown>;
  message: { text: string | null };
  trigger: { key: string };
  window: { open: boolean };
  /** Per send step id: its message's furthest status, and when it was sent. */
  steps: Record<string, { messageStatus: string | null; at: number }>;
}

/** A value ref's text; null when its path has no value and there is no fallback (the step is skipped). */
export function valueOf(ref: ValueRef, ctx: EvalContext): string | null {
  if ("value" in ref) return ref.value;
  const v = readPath(ctx, ref.path);
  if (v === undefined || v === null || v === "") return ref.fallback ?? null;
  return text(v);
}

/** A JSON value as text: scalars as themselves, objects and arrays as JSON. */
const text = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

/** `{{contact.name}}` placeholders of a free-form text; a missing value renders empty. */
export function renderText(text: string, ctx: EvalContext): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, path: string) => valueOf({ path, fallback: "" }, ctx) ?? "");
}

const RANK: Record<string, number> = { queued: 0, sending: 1, unknown: 1, sent: 2, delivered: 3, read: 4 };

export function holds(c: Condition, ctx: EvalContext): boolean {
  return conditionHolds(c, {
    contact: ctx.contact,
    windowOpen: ctx.window.open,
    event: ctx.event,
    stepReached: (step, status) => {
      const s = ctx.steps[step];
      if (!s) return false;
      if (status === "replied") return ctx.contact.lastInboundAt !== null && ctx.contact.lastInboundAt > s.at;
      if (status === "failed") return s.messageStatus === "failed";
      return s.messageStatus !== "failed" && (RANK[s.messageStatus ?? ""] ?? -1) >= (RANK[status] ?? 99);
    },
  });
}

export const allHold = (conditions: Condition[], ctx: EvalContext) => conditions.every((c) => holds(c, ctx));

/**
 * A template step's POST /v1/messages template body: body parameters positional or named, the
 * header's variable (text) or media link, buttons by Meta's index. null when a value is missing.
 */
export function renderTemplate(t: TemplateRef, ctx: EvalContext): Record<string, unknown> | null {
  const components: Array<Record<string, unknown>> = [];
  if (t.header) {
    const v = valueOf(t.header, ctx);
    if (v === null) return null;
    const media = /^https:\/\//i.test(v) ? mediaKind(v) : null;
    components.push({
      type: "header",
      parameters: [media ? { type: media, [media]: { link: v } } : { type: "text", text: v }],
    });
  }
  const body: Array<Record<string, unknown>> = [];
  if (Array.isArray(t.body)) {
    for (const ref of t.body) {
      const v = valueOf(ref, ctx);
      if (v === null) return null;
      body.push({ type: "text", text: v });
    }
  } else {
    for (const [name, ref] of Object.entries(t.body)) {
      const v = valueOf(ref, ctx);
      if (v === null) return null;
      body.push({ type: "text", parameter_name: name, text: v });
    }
  }
  if (body.length > 0) components.push({ type: "body", parameters: body });
  for (const b of t.buttons) {
    const v = valueOf(b.value, ctx);
    if (v === null) return null;
    components.push({
      type: "button",
      sub_type: "url",
      index: String(b.index),
      parameters: [{ type: "text", text: v }],
    });
  }
  return { name: t.name, language: t.language, ...(components.length > 0 ? { components } : {}) };
}

function mediaKind(url: string): "image" | "video" | "document" {
  const path = url.split("?")[0]!.toLowerCase();
  if (/\.(mp4|3gp)$/.test(path)) return "video";
  if (/\.(pdf|docx?|xlsx?|pptx?|txt)$/.test(path)) return "document";
  return "image";
}

/** The parts of an inbound message a trigger looks at (Meta's message object). */
export function inboundText(content: unknown): { text: string | null; replyId: string | null } {
  const pick = (o: unknown, k: string) =>
    typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  const text = pick(pick(content, "text"), "body") ?? pick(pick(content, "button"), "text");
  const interactive = pick(content, "interactive");
  const replyId =
    pick(pick(interactive, "button_reply"), "id") ??
    pick(pick(interactive, "list_reply"), "id") ??
    pick(pick(content, "button"), "payload");
  return { text: typeof text === "string" ? text : null, replyId: typeof replyId === "string" ? replyId : null };
}
