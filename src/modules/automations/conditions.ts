import type { JourneyContext } from "./context.js";
import type { CompareOp, Condition } from "./model.js";
import { readPath } from "./paths.js";

type Scalar = string | number | boolean;

const text = (v: unknown): string =>
  typeof v === "string"
    ? v.trim().toLowerCase()
    : typeof v === "number" || typeof v === "boolean"
      ? String(v)
      : (JSON.stringify(v) ?? "");

/** One comparison; `value` as the condition gave it. Numbers compare as numbers, text case-insensitively. */
export function compare(actual: unknown, op: CompareOp, value: Scalar | Scalar[] | undefined): boolean {
  const present = actual !== undefined && actual !== null && actual !== "";
  if (op === "exists") return present;
  if (op === "not_exists") return !present;
  if (!present) return op === "neq";
  const asNumber = (v: unknown) =>
    typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  switch (op) {
    case "eq":
    case "neq": {
      const a = asNumber(actual);
      const b = asNumber(value);
      const same = Number.isFinite(a) && Number.isFinite(b) ? a === b : text(actual) === text(value);
      return op === "eq" ? same : !same;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const a = asNumber(actual);
      const b = asNumber(value);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return op === "gt" ? a > b : op === "gte" ? a >= b : op === "lt" ? a < b : a <= b;
    }
    case "contains":
      if (Array.isArray(actual)) return actual.some((x) => text(x) === text(value));
      return text(actual).includes(text(value));
    case "in":
      return Array.isArray(value) && value.some((v) => compare(actual, "eq", v));
  }
}

/** Whether one condition holds in this context. */
export function evaluateCondition(ctx: JourneyContext, c: Condition): boolean {
  switch (c.kind) {
    case "attribute":
      return compare(ctx.contact.attributes[c.name], c.op, c.value);
    case "contact_field":
      return compare(ctx.contact[c.field], c.op, c.value);
    case "tag": {
      const has = ctx.contact.tags.some((t) => t.toLowerCase() === c.tag.toLowerCase());
      return has === c.present;
    }
    case "consent":
      return c.in.includes(ctx.contact.consent);
    case "window":
      return ctx.windowOpen === c.open;
    case "event":
      return ctx.event !== null && compare(readPath(ctx.event.data, c.path), c.op, c.value);
    case "step_status": {
      const s = ctx.stepStatuses[c.step];
      const ORDER = ["pending", "sent", "delivered", "read"];
      let reached: boolean;
      if (!s) reached = false;
      else if (c.status === "replied") reached = s.replied;
      else if (c.status === "failed") reached = s.status === "failed";
      else reached = s.status !== "failed" && ORDER.indexOf(s.status) >= ORDER.indexOf(c.status);
      return reached === c.present;
    }
  }
}

/** Every condition, evaluated, for a dry run or a journey's timeline. */
export function evaluateConditions(
  ctx: JourneyContext,
  conditions: Condition[],
): { passed: boolean; results: Array<{ condition: Condition; passed: boolean }> } {
  const results = conditions.map((condition) => ({ condition, passed: evaluateCondition(ctx, condition) }));
  return { passed: results.every((r) => r.passed), results };
}
