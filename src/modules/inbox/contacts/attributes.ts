import { AppError } from "../../../platform/errors/index.js";
import type { AttributeRow, AttributeType } from "./directory.repo.js";

export const ATTRIBUTE_TYPES = ["text", "number", "date", "boolean"] as const;
/** Attribute names: what a CSV header or a JSON key can carry, kept simple for filters and templates. */
export const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
export const MAX_TEXT_VALUE = 1000;

export type AttributeValue = string | number | boolean | null;

/** The type a value first given for an undeclared attribute declares (a date must be declared). */
export function inferType(value: AttributeValue): AttributeType {
  return typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "text";
}

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

/**
 * A value as stored for its type; text from a CSV cell is read as the type says. Throws a
 * VALIDATION_FAILED naming the attribute when it does not fit.
 */
export function storedValue(
  name: string,
  type: AttributeType,
  value: AttributeValue,
): Pick<AttributeRow, "text_value" | "num_value"> {
  const bad = (what: string) =>
    new AppError("VALIDATION_FAILED", `Attribute "${name}" is ${type === "text" ? "text" : `a ${type}`}: ${what}.`);
  if (value === null) return { text_value: null, num_value: null };
  switch (type) {
    case "text": {
      const text = String(value);
      if (text.length > MAX_TEXT_VALUE) throw bad(`at most ${MAX_TEXT_VALUE} characters`);
      return { text_value: text, num_value: null };
    }
    case "number": {
      const n =
        typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw bad(`${JSON.stringify(value)} is not a number`);
      return { text_value: null, num_value: n };
    }
    case "boolean": {
      const s = String(value).trim().toLowerCase();
      if (typeof value === "boolean" || TRUE.has(s) || FALSE.has(s))
        return { text_value: null, num_value: value === true || TRUE.has(s) ? 1 : 0 };
      throw bad(`${JSON.stringify(value)} is not true or false`);
    }
    case "date": {
      const ms = typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) ? Date.parse(value) : NaN;
      if (!Number.isFinite(ms))
        throw bad(`${JSON.stringify(value)} is not an ISO date (2026-12-31 or 2026-12-31T10:00:00Z)`);
      return { text_value: null, num_value: ms };
    }
  }
}

/** The stored value as the API shows it: a date is YYYY-MM-DD when it is a whole UTC day, else an ISO time. */
export function shownValue(type: AttributeType | undefined, row: AttributeRow): AttributeValue {
  if (row.num_value === null) return row.text_value;
  const n = Number(row.num_value);
  if (type === "boolean") return n === 1;
  if (type === "date") {
    const iso = new Date(n).toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  return n;
}
