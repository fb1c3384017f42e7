import { request } from "./api";

// Automations (issue 18): the model is the API's (see docs/automations.md); the page edits a few
// parts of it (templates and their parameter mapping) and shows the rest as it is.

export type ValueRef = { path: string; fallback?: string } | { value: string };

export interface TemplateRef {
  name: string;
  language: string;
  header?: ValueRef;
  body: ValueRef[] | Record<string, ValueRef>;
  buttons: Array<{ index: number; value: ValueRef }>;
}

export interface Step {
  id: string;
  kind: string;
  label?: string;
  seconds?: number;
  text?: string;
  template?: TemplateRef;
  fallbackTemplate?: TemplateRef;
  [key: string]: unknown;
}

export interface AutomationDraft {
  name: string;
  recipe?: string | null;
  trigger: { kind: string; [key: string]: unknown };
  conditions: unknown[];
  steps: Step[];
  exit: { onReply: boolean; events: Array<{ type: string; sameKey: boolean }> };
  reentry: { mode: string; days?: number };
  limits: { perContactPerDay: number | null };
}

export interface Automation extends AutomationDraft {
  id: string;
  status: "draft" | "enabled" | "paused" | "archived";
  version: number;
  enabledAt: string | null;
  updatedAt: string;
}

export interface Recipe {
  id: string;
  name: string;
  description: string;
  automation: AutomationDraft;
  templateSteps: Array<{ stepId: string; purpose: string }>;
}

export interface DryRunStep {
  id: string;
  kind: string;
  label: string | null;
  afterSeconds: number;
  outcome: "would_run" | "skipped";
  reason: string | null;
  message: Record<string, unknown> | null;
  detail: string | null;
}

export interface DryRun {
  version: number;
  trigger: { matches: boolean; key: string; detail: string | null };
  conditions: Array<{ condition: { kind: string }; passed: boolean }>;
  enters: boolean;
  steps: DryRunStep[];
  exits: string[];
}

export interface Stats {
  entered: number;
  active: number;
  completed: number;
  exited: Record<string, number>;
  steps: Record<
    string,
    { runs: number; outcomes: Record<string, number>; sent: number; delivered: number; read: number; failed: number }
  >;
}

const path = (id: string) => `/v1/automations/${encodeURIComponent(id)}`;

export const automationsApi = {
  list: () => request<{ data: Automation[] }>("GET", "/v1/automations").then((p) => p.data),
  recipes: () => request<{ data: Recipe[] }>("GET", "/v1/automations/recipes").then((p) => p.data),
  create: (draft: AutomationDraft) => request<Automation>("POST", "/v1/automations", draft),
  update: (id: string, patch: Partial<AutomationDraft>) => request<Automation>("PATCH", path(id), patch),
  enable: (id: string) => request<Automation>("POST", `${path(id)}/enable`),
  pause: (id: string) => request<Automation>("POST", `${path(id)}/pause`),
  archive: (id: string) => request<Automation>("DELETE", path(id)),
  dryRun: (
    id: string,
    input: { contact: string; event?: { data: Record<string, unknown> }; message?: { text: string } },
  ) => request<DryRun>("POST", `${path(id)}/dry-run`, input),
  stats: (id: string) => request<Stats>("GET", `${path(id)}/stats`),
};

/** "15 min", "1 h", "23 h": a wait as people say it. */
export function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
