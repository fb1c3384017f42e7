import type { TemplateRecord } from "../state/content-model.js";

export const TEMPLATE_DEFAULT_FIELDS = [
  "name",
  "parameter_format",
  "components",
  "language",
  "status",
  "category",
] as const;

/** A template as `GET /{waba_id}/message_templates` and `GET /{template_id}` show it. */
export function templateNode(t: TemplateRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    parameter_format: t.parameterFormat,
    components: t.components,
    quality_score: { score: t.qualityScore },
    rejected_reason: t.rejectedReason,
    sub_category: undefined,
  };
}
