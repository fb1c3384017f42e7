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

/** What a condition reads; each evaluator (a dry run, the journey runtime) answers from its own context. */
export interface ConditionReads {
  contact: Pick<JourneyContext["contact"], "tags" | "consent"> & {
    attributes: Record<string, unknown>;
  } & Record<Extract<Condition, { kind: "contact_field" }>["field"], unknown>;
  windowOpen: boolean;
  /** The trigger's event data; null when the journey has none (an event condition then fails). */
  event: Record<string, unknown> | null;
  /** Whether an earlier send step reached `status` (or, for `replied`, the contact wrote since). */
  stepReached: (step: string, status: Extract<Condition, { kind: "step_status" }>["status"]) => boolean;
}

/** Whether one condition holds. Tags compare case-insensitively. */
export function conditionHolds(c: Condition, reads: ConditionReads): boolean {
  switch (c.kind) {
    case "attribute":
      return compare(reads.contact.attributes[c.name], c.op, c.value);
    case "contact_field":
      return compare(reads.contact[c.field], c.op, c.value);
    case "tag":
      return reads.contact.tags.some((t) => t.toLowerCase() === c.tag.toLowerCase()) === c.present;
    case "consent":
      return c.in.includes(reads.contact.consent);
    case "window":
      return reads.windowOpen === c.open;
    case "event":
      return reads.event !== null && compare(readPath(reads.event, c.path), c.op, c.value);
    case "step_status":
      return reads.stepReached(c.step, c.status) === c.present;
  }
}

const ORDER = ["pending", "sent", "delivered", "read"];

/** Whether one condition holds in this context. */
export function evaluateCondition(ctx: JourneyContext, c: Condition): boolean {
  return conditionHolds(c, {
    contact: ctx.contact,
    windowOpen: ctx.windowOpen,
    event: ctx.event?.data ?? null,
    stepReached: (step, status) => {
      const s = ctx.stepStatuses[step];
      if (!s) return false;
      if (status === "replied") return s.replied;
      if (status === "failed") return s.status === "failed";
      return s.status !== "failed" && ORDER.indexOf(s.status) >= ORDER.indexOf(status);
    },
  });
}

/** Every condition, evaluated, for a dry run or a journey's timeline. */
export function evaluateConditions(
  ctx: JourneyContext,
  conditions: Condition[],
): { passed: boolean; results: Array<{ condition: Condition; passed: boolean }> } {
  const results = conditions.map((condition) => ({ condition, passed: evaluateCondition(ctx, condition) }));
  return { passed: results.every((r) => r.passed), results };
}
