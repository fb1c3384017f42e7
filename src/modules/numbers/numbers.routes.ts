import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { requireRole, readRoute } from "../../platform/http/index.js";
import type { JobDefinition } from "../../platform/jobs/index.js";
import { deregisterPhoneNumber, describeNumber } from "./number-lookups.js";
import { cancelDeletion, getDeletion, requestDeletion } from "./deletion.js";
import { numberHealth } from "./number-health-view.js";
import { recreateTemplates } from "./recreate-templates.js";
import { getWorkflow, resumeWorkflow, startWorkflow } from "./start-workflow.js";
import { rotateTwoStepPin } from "./two-step-pin.js";
import { requestCode, verifyCode } from "./verification.js";
import { workflowView, type NumbersDeps } from "./workflow.js";

const tags = ["phone numbers"];
const managers = ["owner", "admin"] as const;
const Id = z.object({ id: z.string().max(64) });

const WorkflowOut = z.object({
  id: z.string(),
  kind: z.enum(["add", "migration", "deletion"]),
  state: z.enum(["in_progress", "waiting", "failed", "scheduled", "cancelled", "completed"]),
  step: z.string(),
  steps: z.array(z.string()),
  error: z
    .object({
      code: z.string(),
      message: z.string().describe("what went wrong and what to do next"),
      metaCode: z.number().nullable(),
      step: z.string(),
      retryAfterSeconds: z.number().optional(),
    })
    .nullable(),
  phoneNumberId: z.string().nullable(),
  metaPhoneNumberId: z.string().nullable(),
  countryCode: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  displayName: z.string().nullable(),
  scheduledFor: z.string().nullable(),
  templates: z.array(z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const CountryCode = z.string().regex(/^\d{1,3}$/, "1 to 3 digits, without +");
const PhoneDigits = z.string().regex(/^[1-9]\d{6,14}$/, "the national number: 7 to 15 digits, no leading 0");
const DisplayName = z.string().trim().min(2).max(75);
const Check = z.object({
  check: z.enum(["messages_last_30_days", "dues_settled", "not_banned"]),
  ok: z.boolean(),
  detail: z.string(),
});
const DeletionOut = z.object({
  state: z.enum(["none", "scheduled", "cancelled", "deleting", "deleted", "failed"]),
  scheduledFor: z.string().nullable(),
  workflowId: z.string().nullable(),
  error: WorkflowOut.shape.error,
  checks: z.array(Check).nullable(),
});
const HealthOut = z.object({
  id: z.string(),
  qualityRating: z.string().nullable(),
  status: z.string().nullable(),
  nameStatus: z.string().nullable(),
  throughput: z.number().describe("messages per second"),
  canSend: z.boolean(),
  metaCanSend: z.string().nullable().describe("Meta's health_status.can_send_message: AVAILABLE, LIMITED or BLOCKED"),
  paused: z.boolean(),
  reasons: z.array(z.string()),
  lifecycle: z.string().nullable(),
  limit: z.object({
    scope: z.literal("portfolio"),
    tier: z.string().nullable(),
    limit: z.number().nullable(),
    used24h: z.number(),
  }),
  updatedAt: z.string(),
});
const TemplateIn = z.object({
  name: z.string().max(512),
  language: z.string().max(32),
  category: z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).optional(),
  messageSendTtlSeconds: z.number().int().optional(),
  components: z.array(z.record(z.string(), z.unknown())).max(20),
});

export function numbersRoutes(
  app: App,
  deps: NumbersDeps,
  jobs: { advance: JobDefinition; deletionDue: JobDefinition },
) {
  const { advance } = jobs;

  app.post(
    "/v1/phone-numbers",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Add a number to the WABA (POST /{waba}/phone_numbers); then request and verify its code",
        description:
          "Starts an `add` workflow: add → request_code → verify_code → register (with a two-step PIN Wharf generates and keeps encrypted) → done. Meta's refusal (display name rejected, number already in a WABA) is the error, with what to do; the failed workflow is kept and can be resumed.",
        body: z.object({ countryCode: CountryCode, phoneNumber: PhoneDigits, displayName: DisplayName }),
        response: { 201: WorkflowOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const row = await startWorkflow(deps, advance, workspaceId, "add", request.body);
      return reply.status(201).send(workflowView(row));
    },
  );

  app.post(
    "/v1/phone-numbers/migrations",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Bring a number from another provider (migrate_phone_number)",
        description:
          "Steps: confirm_two_step_off (this request; Wharf cannot check it, Meta refuses the add if two-step is still on) → add → request_code → verify_code → register → set_pin → templates → done. A failed step keeps its error and guidance; POST …/workflows/{id}/resume runs it again.",
        body: z.object({
          countryCode: CountryCode,
          phoneNumber: PhoneDigits,
          displayName: DisplayName.optional(),
          twoStepDisabledConfirmed: z.literal(true),
        }),
        response: { 201: WorkflowOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const row = await startWorkflow(deps, advance, workspaceId, "migration", request.body);
      return reply.status(201).send(workflowView(row));
    },
  );

  for (const path of ["/v1/phone-numbers/migrations/:id", "/v1/phone-numbers/workflows/:id"]) {
    readRoute(
      app,
      path,
      {
        tags,
        summary: "A number workflow: its state, step and error",
        params: Id,
        response: { 200: WorkflowOut },
      },
      async (workspaceId, { params }) => {
        const kind = path.includes("migrations") ? "migration" : undefined;
        return workflowView(await getWorkflow(deps, workspaceId, params.id, kind));
      },
    );
  }

  app.post(
    "/v1/phone-numbers/workflows/:id/resume",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Run a failed step again, after fixing what its error said",
        params: Id,
        body: z
          .object({ displayName: DisplayName.optional(), twoStepDisabledConfirmed: z.boolean().optional() })
          .nullish(),
        response: { 200: WorkflowOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return workflowView(
        await resumeWorkflow(deps, advance, workspaceId, request.params.id, { displayName: request.body?.displayName }),
      );
    },
  );

  app.post(
    "/v1/phone-numbers/migrations/:id/templates",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Re-create the old WABA's templates from an exported list (or skip), finishing the migration",
        params: Id,
        body: z.object({ templates: z.array(TemplateIn).max(250).default([]), skip: z.boolean().optional() }),
        response: {
          200: z.object({
            workflow: WorkflowOut,
            results: z.array(
              z.object({
                name: z.string(),
                language: z.string(),
                ok: z.boolean(),
                id: z.string().nullable(),
                status: z.string().nullable(),
                error: z.object({ code: z.string(), message: z.string() }).nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const out = await recreateTemplates(deps, advance, workspaceId, request.params.id, request.body);
      return { workflow: workflowView(out.workflow), results: out.results };
    },
  );

  readRoute(
    app,
    "/v1/phone-numbers/:id/workflow",
    {
      tags,
      summary: "The number's current add or migration workflow (null when none is open)",
      params: Id,
      response: { 200: z.object({ workflow: WorkflowOut.nullable() }) },
    },
    async (workspaceId, { params }) => ({ workflow: await describeNumber(deps, workspaceId, params.id) }),
  );

  app.post(
    "/v1/phone-numbers/:id/request-code",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Ask Meta to send the verification code by SMS or voice call",
        params: Id,
        body: z.object({
          method: z.enum(["SMS", "VOICE"]),
          language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a language like en_US"),
        }),
        response: { 200: WorkflowOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return workflowView(await requestCode(deps, advance, workspaceId, request.params.id, request.body));
    },
  );

  app.post(
    "/v1/phone-numbers/:id/verify-code",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Enter the code; Wharf then registers the number with a new two-step PIN",
        params: Id,
        body: z.object({ code: z.string().regex(/^\d{6}$/, "the 6 digits of the code") }),
        response: { 200: WorkflowOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return workflowView(await verifyCode(deps, advance, workspaceId, request.params.id, request.body.code));
    },
  );

  app.post(
    "/v1/phone-numbers/:id/two-step-pin",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Set a new two-step PIN (generated and stored encrypted unless given); never returned",
        params: Id,
        body: z
          .object({
            pin: z
              .string()
              .regex(/^\d{6}$/, "6 digits")
              .optional(),
          })
          .nullish(),
        response: { 200: z.object({ phoneNumberId: z.string(), generated: z.boolean(), setAt: z.string() }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const out = await rotateTwoStepPin(deps, workspaceId, request.params.id, request.body?.pin);
      return { ...out, setAt: new Date(out.setAt).toISOString() };
    },
  );

  readRoute(
    app,
    "/v1/phone-numbers/:id/health",
    {
      tags,
      summary: "Quality, status, name status, throughput, whether it can send (and why not), the portfolio's limit",
      params: Id,
      querystring: z.object({ refresh: z.enum(["true", "false"]).optional().describe("read Meta's node now") }),
      response: { 200: HealthOut },
    },
    (workspaceId, { params, query }) => numberHealth(deps, workspaceId, params.id, query.refresh === "true"),
  );

  app.post(
    "/v1/phone-numbers/:id/deregister",
    {
      config: { access: [...managers] },
      schema: {
        tags,
        summary: "Stop using the number at Meta (counted against 10 register/deregister calls per 72 hours)",
        params: Id,
        response: { 200: z.object({ id: z.string(), active: z.boolean(), status: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const row = await deregisterPhoneNumber(deps, workspaceId, request.params.id);
      return { id: row.id, active: row.active === 1, status: row.status };
    },
  );

  app.post(
    "/v1/phone-numbers/:id/deletion",
    {
      config: { access: ["owner"] },
      schema: {
        tags,
        summary:
          "Request deletion: checks first (409 DELETION_NOT_ALLOWED with the failing ones), then paused and scheduled",
        params: Id,
        body: z
          .object({
            scheduledFor: z.iso.datetime({ offset: true }).optional(),
            duesSettled: z.boolean().optional().describe("the operator confirms the business owes Meta nothing"),
          })
          .nullish(),
        response: { 200: DeletionOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner"]);
      return requestDeletion(deps, advance, jobs.deletionDue, workspaceId, request.params.id, request.body ?? {});
    },
  );

  readRoute(
    app,
    "/v1/phone-numbers/:id/deletion",
    { tags, summary: "The number's deletion and its checks", params: Id, response: { 200: DeletionOut } },
    (workspaceId, { params }) => getDeletion(deps, workspaceId, params.id),
    ["owner", "admin"],
  );

  app.delete(
    "/v1/phone-numbers/:id/deletion",
    {
      config: { access: ["owner"] },
      schema: {
        tags,
        summary: "Cancel a scheduled deletion before its date",
        params: Id,
        response: { 200: DeletionOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner"]);
      return cancelDeletion(deps, advance, workspaceId, request.params.id);
    },
  );
}
