import { request } from "./api";
import type { MessageKey } from "./i18n";

// The Phone numbers page's calls: each number's health and lifecycle, and the add / migrate /
// delete workflows (persisted by the server, so a wizard resumes where it stopped).

export type WorkflowKind = "add" | "migration" | "deletion";
export type WorkflowState = "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";

export interface WorkflowError {
  code: string;
  /** What went wrong and what to do next (Meta's guidance included). */
  message: string;
  metaCode: number | null;
  step: string;
  retryAfterSeconds?: number;
}

export interface Workflow {
  id: string;
  kind: WorkflowKind;
  state: WorkflowState;
  step: string;
  steps: string[];
  error: WorkflowError | null;
  phoneNumberId: string | null;
  metaPhoneNumberId: string | null;
  countryCode: string | null;
  phoneNumber: string | null;
  displayName: string | null;
  scheduledFor: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NumberHealth {
  id: string;
  qualityRating: string | null;
  status: string | null;
  nameStatus: string | null;
  throughput: number;
  canSend: boolean;
  metaCanSend: string | null;
  paused: boolean;
  reasons: string[];
  lifecycle: string | null;
  limit: { scope: "portfolio"; tier: string | null; limit: number | null; used24h: number };
  updatedAt: string;
}

export interface DeletionCheck {
  check: "messages_last_30_days" | "dues_settled" | "not_banned";
  ok: boolean;
  detail: string;
}

export interface Deletion {
  state: "none" | "scheduled" | "cancelled" | "deleting" | "deleted" | "failed";
  scheduledFor: string | null;
  workflowId: string | null;
  error: WorkflowError | null;
  checks: DeletionCheck[] | null;
}

const id = (value: string) => encodeURIComponent(value);

export const numbersApi = {
  health: (numberId: string, refresh = false) =>
    request<NumberHealth>("GET", `/v1/phone-numbers/${id(numberId)}/health${refresh ? "?refresh=true" : ""}`),
  openWorkflow: (numberId: string) =>
    request<{ workflow: Workflow | null }>("GET", `/v1/phone-numbers/${id(numberId)}/workflow`).then((r) => r.workflow),
  workflow: (workflowId: string) => request<Workflow>("GET", `/v1/phone-numbers/workflows/${id(workflowId)}`),
  add: (input: { countryCode: string; phoneNumber: string; displayName: string }) =>
    request<Workflow>("POST", "/v1/phone-numbers", input),
  migrate: (input: { countryCode: string; phoneNumber: string; displayName?: string }) =>
    request<Workflow>("POST", "/v1/phone-numbers/migrations", { ...input, twoStepDisabledConfirmed: true }),
  resume: (workflowId: string, body: { displayName?: string; twoStepDisabledConfirmed?: boolean } = {}) =>
    request<Workflow>("POST", `/v1/phone-numbers/workflows/${id(workflowId)}/resume`, body),
  requestCode: (numberId: string, method: "SMS" | "VOICE", language: string) =>
    request<Workflow>("POST", `/v1/phone-numbers/${id(numberId)}/request-code`, { method, language }),
  verifyCode: (numberId: string, code: string) =>
    request<Workflow>("POST", `/v1/phone-numbers/${id(numberId)}/verify-code`, { code }),
  templates: (workflowId: string, body: { templates?: unknown[]; skip?: boolean }) =>
    request<{
      workflow: Workflow;
      results: { name: string; language: string; ok: boolean; error: { message: string } | null }[];
    }>("POST", `/v1/phone-numbers/migrations/${id(workflowId)}/templates`, body),
  deregister: (numberId: string) =>
    request<{ id: string; active: boolean; status: string | null }>(
      "POST",
      `/v1/phone-numbers/${id(numberId)}/deregister`,
    ),
  deletion: (numberId: string) => request<Deletion>("GET", `/v1/phone-numbers/${id(numberId)}/deletion`),
  requestDeletion: (numberId: string, duesSettled: boolean) =>
    request<Deletion>("POST", `/v1/phone-numbers/${id(numberId)}/deletion`, { duesSettled }),
  cancelDeletion: (numberId: string) => request<Deletion>("DELETE", `/v1/phone-numbers/${id(numberId)}/deletion`),
};

/** The steps in words, for the checklist. */
export const STEP_LABELS: Record<string, MessageKey> = {
  confirm_two_step_off: "numbers.step.confirm_two_step_off",
  add: "numbers.step.add",
  request_code: "numbers.step.request_code",
  verify_code: "numbers.step.verify_code",
  register: "numbers.step.register",
  set_pin: "numbers.step.set_pin",
  templates: "numbers.step.templates",
  done: "numbers.step.done",
  checks: "numbers.step.checks",
  scheduled: "numbers.step.scheduled",
  deregister: "numbers.step.deregister",
  deleted: "numbers.step.deleted",
};
