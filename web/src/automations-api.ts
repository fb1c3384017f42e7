import { api } from "./api";
import type { ApiBody, ApiResponse } from "./api/generated";

// Automations (issue 18): the model is the API's (see docs/automations.md); the page edits a few
// parts of it (templates and their parameter mapping) and shows the rest as it is.

/** An automation as the API answers it: the model of docs/automations.md, with its status and version. */
export type Automation = ApiResponse<"/v1/automations/{id}", "get">;
/** A ready-made automation to start from; `templateSteps` name the steps whose template to pick. */
export type Recipe = ApiResponse<"/v1/automations/recipes", "get">["data"][number];
/** What the editor holds before saving: a recipe's automation, as POST /v1/automations takes it. */
export type AutomationDraft = Recipe["automation"];
export type Step = Automation["steps"][number];
export type TemplateRef = Extract<Step, { kind: "send_template" }>["template"];
export type ValueRef = TemplateRef["body"] extends (infer R)[] | Record<string, infer R> ? R : never;
export type DryRun = ApiResponse<"/v1/automations/{id}/dry-run", "post">;
export type DryRunStep = DryRun["steps"][number];
export type Stats = ApiResponse<"/v1/automations/{id}/stats", "get">;

export const automationsApi = {
  list: () => api("GET", "/v1/automations").then((p) => p.data),
  recipes: () => api("GET", "/v1/automations/recipes").then((p) => p.data),
  create: (draft: ApiBody<"/v1/automations", "post">) => api("POST", "/v1/automations", { body: draft }),
  update: (id: string, patch: ApiBody<"/v1/automations/{id}", "patch">) =>
    api("PATCH", "/v1/automations/{id}", { params: { id }, body: patch }),
  enable: (id: string) => api("POST", "/v1/automations/{id}/enable", { params: { id } }),
  pause: (id: string) => api("POST", "/v1/automations/{id}/pause", { params: { id } }),
  archive: (id: string) => api("DELETE", "/v1/automations/{id}", { params: { id } }),
  dryRun: (id: string, input: ApiBody<"/v1/automations/{id}/dry-run", "post">) =>
    api("POST", "/v1/automations/{id}/dry-run", { params: { id }, body: input }),
  stats: (id: string) => api("GET", "/v1/automations/{id}/stats", { params: { id } }),
};

/** "15 min", "1 h", "23 h": a wait as people say it. */
export function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
