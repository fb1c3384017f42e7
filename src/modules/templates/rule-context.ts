import type { ParameterFormat } from "./template-variables.js";

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** One broken rule, named by its field in the request (`components.1.example.body_text`). */
export interface Issue {
  field: string;
  message: string;
}

/** What every component rule needs: the template's category and variable style, and where to report. */
export interface RuleContext {
  category: TemplateCategory;
  format: ParameterFormat;
  issue(field: string, message: string): void;
}

export const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** A required text of at most `max` characters. */
export function checkText(ctx: RuleContext, field: string, value: unknown, max: number, what: string): value is string {
  if (!isNonEmptyString(value)) {
    ctx.issue(field, `${what} is required.`);
    return false;
  }
  if (value.length > max) {
    ctx.issue(field, `${what} has ${value.length} characters; Meta allows at most ${max}.`);
    return false;
  }
  return true;
}
