import type { ComponentView } from "./component-out.js";
import type { TemplateCategory } from "./rule-context.js";
import { sendShape, type ParameterFormat, type PartShape } from "./template-variables.js";
import type { TemplateRow } from "./templates.repo.js";

/** A template as the API shows it. Components stay in Meta's format (upper-case types, `example`). */
export interface TemplateView {
  id: string;
  metaTemplateId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  /** Meta's reason for REJECTED, PAUSED, DISABLED (e.g. INVALID_FORMAT); null otherwise. */
  reason: string | null;
  parameterFormat: ParameterFormat;
  components: ComponentView[];
  messageSendTtlSeconds: number | null;
  qualityScore: string | null;
  createdAt: string;
  updatedAt: string;
  syncedAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function templateView(row: TemplateRow): TemplateView {
  return {
    id: row.id,
    metaTemplateId: row.meta_template_id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    reason: row.reason,
    parameterFormat: row.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
    components: JSON.parse(row.components) as ComponentView[],
    messageSendTtlSeconds: row.message_send_ttl_seconds,
    qualityScore: row.quality_score,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    syncedAt: row.synced_at === null ? null : iso(row.synced_at),
  };
}

/** What the send path needs to build and check a template message. */
export interface TemplateForSend {
  id: string;
  metaTemplateId: string;
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  components: unknown[];
  parameterFormat: "POSITIONAL" | "NAMED";
  bodyParameterCount: number;
  headerFormat: string | null;
  headerParameterCount: number;
  /** One entry per button, by Meta's 0-based button index (0 for a button without a parameter). */
  buttonParameterCounts: number[];
  /** Quick-reply buttons, whose payload parameter is optional. */
  optionalButtons: number[];
  /** A limited-time offer with an expiry: the send gives `expiration_time_ms`. */
  offerExpiration: boolean;
  /** A carousel's cards, each with its own parameter counts; null for other templates. */
  cards: PartShape[] | null;
  /** Each button's kind (URL, QUICK_REPLY, COPY_CODE, OTP, ...), by Meta's button index. */
  buttonTypes: string[];
}

/**
 * What a send needs of a template, derived from its stored components. Every send of a campaign
 * or an API burst asks for the same row, so the derivation is kept per template and reused while
 * the row's components and format are the same text (nothing is cached that the row does not say).
 */
const derived = new Map<string, { components: string; format: string | null; value: TemplateForSend }>();
export function templateForSend(row: TemplateRow): TemplateForSend {
  const hit = derived.get(row.id);
  if (
    hit &&
    hit.components === row.components &&
    hit.format === row.parameter_format &&
    hit.value.name === row.name &&
    hit.value.language === row.language &&
    hit.value.category === row.category &&
    hit.value.metaTemplateId === row.meta_template_id
  )
    return hit.value;
  const value = Object.freeze(deriveTemplateForSend(row));
  if (derived.size >= 1000) derived.delete(derived.keys().next().value as string);
  derived.set(row.id, { components: row.components, format: row.parameter_format, value });
  return value;
}

function deriveTemplateForSend(row: TemplateRow): TemplateForSend {
  const components = JSON.parse(row.components) as Record<string, unknown>[];
  const format: ParameterFormat = row.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL";
  const { parameterFormat, ...shape } = sendShape(components, format, row.category);
  return {
    id: row.id,
    metaTemplateId: row.meta_template_id,
    name: row.name,
    language: row.language,
    category: row.category as TemplateCategory,
    components,
    parameterFormat,
    ...shape,
  };
}
