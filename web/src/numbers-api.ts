import { api } from "./api";
import type { ApiBody, ApiResponse } from "./api/generated";
import type { MessageKey } from "./i18n";

// The Phone numbers page's calls: each number's health and lifecycle, and the add / migrate /
// delete workflows (persisted by the server, so a wizard resumes where it stopped).

/** A persisted add / migrate / delete workflow; `error.message` says what went wrong and what to do next. */
export type Workflow = ApiResponse<"/v1/phone-numbers/workflows/{id}", "get">;
export type WorkflowKind = Workflow["kind"];
export type WorkflowState = Workflow["state"];
export type WorkflowError = NonNullable<Workflow["error"]>;
export type NumberHealth = ApiResponse<"/v1/phone-numbers/{id}/health", "get">;
export type Deletion = ApiResponse<"/v1/phone-numbers/{id}/deletion", "get">;
export type DeletionCheck = NonNullable<Deletion["checks"]>[number];
export type MigrationTemplates = NonNullable<ApiBody<"/v1/phone-numbers/migrations/{id}/templates", "post">>;
/** A template to re-create on the new account, in the API's format. */
export type MigrationTemplate = NonNullable<MigrationTemplates["templates"]>[number];

export const numbersApi = {
  health: (numberId: string, refresh = false) =>
    api("GET", "/v1/phone-numbers/{id}/health", {
      params: { id: numberId },
      query: { refresh: refresh ? "true" : undefined },
    }),
  openWorkflow: (numberId: string) =>
    api("GET", "/v1/phone-numbers/{id}/workflow", { params: { id: numberId } }).then((r) => r.workflow),
  workflow: (workflowId: string) => api("GET", "/v1/phone-numbers/workflows/{id}", { params: { id: workflowId } }),
  add: (input: ApiBody<"/v1/phone-numbers", "post">) => api("POST", "/v1/phone-numbers", { body: input }),
  migrate: (input: Omit<ApiBody<"/v1/phone-numbers/migrations", "post">, "twoStepDisabledConfirmed">) =>
    api("POST", "/v1/phone-numbers/migrations", { body: { ...input, twoStepDisabledConfirmed: true } }),
  resume: (workflowId: string, body: NonNullable<ApiBody<"/v1/phone-numbers/workflows/{id}/resume", "post">> = {}) =>
    api("POST", "/v1/phone-numbers/workflows/{id}/resume", { params: { id: workflowId }, body }),
  requestCode: (
    numberId: string,
    method: ApiBody<"/v1/phone-numbers/{id}/request-code", "post">["method"],
    language: string,
  ) => api("POST", "/v1/phone-numbers/{id}/request-code", { params: { id: numberId }, body: { method, language } }),
  verifyCode: (numberId: string, code: string) =>
    api("POST", "/v1/phone-numbers/{id}/verify-code", { params: { id: numberId }, body: { code } }),
  templates: (workflowId: string, body: MigrationTemplates) =>
    api("POST", "/v1/phone-numbers/migrations/{id}/templates", { params: { id: workflowId }, body }),
  deregister: (numberId: string) => api("POST", "/v1/phone-numbers/{id}/deregister", { params: { id: numberId } }),
  deletion: (numberId: string) => api("GET", "/v1/phone-numbers/{id}/deletion", { params: { id: numberId } }),
  requestDeletion: (numberId: string, duesSettled: boolean) =>
    api("POST", "/v1/phone-numbers/{id}/deletion", { params: { id: numberId }, body: { duesSettled } }),
  cancelDeletion: (numberId: string) => api("DELETE", "/v1/phone-numbers/{id}/deletion", { params: { id: numberId } }),
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
