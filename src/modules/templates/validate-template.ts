import { AppError } from "../../platform/errors/index.js";
import { validateButtons } from "./validate-buttons.js";
import { validateBody, validateFooter, validateHeader } from "./validate-components.js";
import {
  carouselTemplateIssues,
  limitedTimeOfferIssues,
  validateCarousel,
  validateLimitedTimeOffer,
} from "./validate-marketing-formats.js";
import type { Issue, RuleContext, TemplateCategory } from "./rule-context.js";
import { isObject, type ParameterFormat } from "./template-variables.js";

/**
 * Meta's template rules, checked before anything is sent to Meta so that every problem comes back
 * at once, naming the field (`components.2.buttons.0.url`) in the same dotted form as other
 * validation errors. Sources: Meta's template-management, components and time-to-live pages.
 */

export interface TemplateDefinition {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  messageSendTtlSeconds?: number | undefined;
  components: unknown[];
}

const NAME = /^[a-z0-9_]+$/;
/** Meta's locale codes: `en`, `en_US`, `pt_BR`, `zh_CN`, `fil`. */
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2,3})?$/;
/** Time-to-live ranges in seconds, per category (Meta, "Configure message time-to-live"). */
const TTL: Record<TemplateCategory, [number, number]> = {
  AUTHENTICATION: [30, 900],
  UTILITY: [30, 43_200],
  MARKETING: [43_200, 2_592_000],
};
const COMPONENT_TYPES = ["HEADER", "BODY", "FOOTER", "BUTTONS", "LIMITED_TIME_OFFER", "CAROUSEL"];

export function templateIssues(def: TemplateDefinition): Issue[] {
  const issues: Issue[] = [];
  const ctx: RuleContext = {
    category: def.category,
    format: def.parameterFormat,
    issue: (field, message) => issues.push({ field, message }),
  };
  if (!NAME.test(def.name))
    ctx.issue("name", "Use only lowercase letters, digits and underscores (e.g. order_update).");
  if (def.name.length > 512) ctx.issue("name", "At most 512 characters.");
  if (!LANGUAGE.test(def.language))
    ctx.issue("language", `"${def.language}" is not a Meta language code; use codes like en, en_US, pt_BR.`);
  const ttl = def.messageSendTtlSeconds;
  const [min, max] = TTL[def.category];
  if (ttl !== undefined && (ttl < min || ttl > max))
    ctx.issue("messageSendTtlSeconds", `${def.category} templates take a time-to-live of ${min} to ${max} seconds.`);
  validateComponents(def.components, ctx);
  return issues;
}

function validateComponents(components: unknown[], ctx: RuleContext): void {
  if (components.length === 0) return ctx.issue("components", "Add at least a BODY component.");
  const seen = new Map<string, number>();
  components.forEach((c, i) => {
    const at = `components.${i}`;
    if (!isObject(c)) return ctx.issue(at, "Each component must be an object.");
    const type = typeof c["type"] === "string" ? c["type"].toUpperCase() : "";
    if (!COMPONENT_TYPES.includes(type))
      return ctx.issue(`${at}.type`, `Must be one of ${COMPONENT_TYPES.join(", ")}.`);
    if (seen.has(type))
      return ctx.issue(at, `Only one ${type} component is allowed (another is at components.${seen.get(type)}).`);
    seen.set(type, i);
    if (type === "HEADER") validateHeader(c, at, ctx);
    else if (type === "BODY") validateBody(c, at, ctx);
    else if (type === "FOOTER") validateFooter(c, at, ctx);
    else if (type === "CAROUSEL") validateCarousel(c, at, ctx);
    else if (type === "LIMITED_TIME_OFFER") validateLimitedTimeOffer(c, at, ctx);
    else validateButtons(c, at, ctx);
  });
  if (seen.has("CAROUSEL")) carouselTemplateIssues(seen, ctx);
  if (seen.has("LIMITED_TIME_OFFER")) limitedTimeOfferIssues(components as Record<string, unknown>[], seen, ctx);
  if (!seen.has("BODY")) ctx.issue("components", "A BODY component is required.");
  if (ctx.category === "AUTHENTICATION") {
    if (seen.has("HEADER")) ctx.issue(`components.${seen.get("HEADER")}`, "Authentication templates have no header.");
    if (!seen.has("BUTTONS"))
      ctx.issue("components", "Authentication templates need a BUTTONS component with one OTP button.");
  }
}

/** Throws TEMPLATE_INVALID with every problem in `details`. */
export function assertValidTemplate(def: TemplateDefinition): void {
  const issues = templateIssues(def);
  if (issues.length === 0) return;
  const first = issues
    .slice(0, 3)
    .map((i) => `${i.field}: ${i.message.replace(/\.$/, "")}`)
    .join("; ");
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  throw new AppError(
    "TEMPLATE_INVALID",
    `The template breaks Meta's rules: ${first}${more}. Fix the fields listed in details and submit again.`,
    { details: issues },
  );
}
