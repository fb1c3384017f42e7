import { z } from "zod";
import type { AnyDb } from "../../platform/db/index.js";
import { notFound } from "../../platform/errors/index.js";
import type { App } from "../../platform/http/index.js";
import { requireWorkspace, readRoute } from "../../platform/http/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { dryRunAutomation, type DryRunDeps } from "./dry-run.js";
import {
  createAutomation,
  getAutomation,
  listAutomations,
  setAutomationStatus,
  updateAutomation,
} from "./manage-automations.js";
import {
  AUTOMATION_STATUSES,
  automationDefinition,
  condition,
  exitRules,
  limits,
  reentry,
  step,
  trigger,
} from "./model.js";
import { RECIPES } from "./recipes.js";

/** The runtime's reads and its pause hook (journeys module, handed over by main.ts: journeys imports us). */
export interface JourneyReads {
  list(
    db: AnyDb,
    workspaceId: WorkspaceId,
    filter: { automationId?: string; status?: "active" | "completed" | "exited"; before?: string; limit?: number },
  ): Promise<{ data: unknown[]; nextCursor: string | null }>;
  timeline(db: AnyDb, workspaceId: WorkspaceId, journeyId: string): Promise<unknown>;
  stats(db: AnyDb, workspaceId: WorkspaceId, automationId: string): Promise<unknown>;
  /** Ends an automation's active journeys (paused or archived). */
  end(workspaceId: WorkspaceId, automationId: string, reason: string): Promise<number>;
}

export type AutomationsRouteDeps = DryRunDeps & { journeys: JourneyReads };

const tags = ["automations"];
const MANAGE = ["owner", "admin"] as const;
const READ = ["owner", "admin", "agent"] as const;
const Id = z.object({ id: z.string().min(1).max(64) });

const Create = automationDefinition.extend({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(1000).nullable().optional(),
  recipe: z.string().max(40).nullable().optional(),
});
// PATCH checks the automation exists (404) before its body: the definition parts are read by
// the model's schemas in the use-case (the same as POST's), so another workspace's id is a 404 whatever the body.
const part = (what: string) => z.unknown().optional().describe(`${what}, as in POST /v1/automations`);
const Patch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().max(1000).nullable().optional(),
  trigger: part("the trigger"),
  conditions: part("the entry conditions"),
  steps: part("the steps"),
  exit: part("the exit rules"),
  reentry: part("the re-entry rule"),
  limits: part("the limits"),
});
const Automation = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(AUTOMATION_STATUSES),
  version: z.number().int(),
  recipe: z.string().nullable(),
  trigger,
  conditions: z.array(condition),
  steps: z.array(step),
  exit: exitRules,
  reentry,
  limits,
  enabledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const JourneyOut = z.object({
  id: z.string(),
  automationId: z.string(),
  version: z.number().int(),
  contactId: z.string().nullable(),
  waId: z.string(),
  triggerKey: z.string(),
  status: z.enum(["active", "completed", "exited"]),
  exitReason: z.string().nullable(),
  stepIndex: z.number().int().nullable(),
  dueAt: z.string().nullable(),
  waitingFor: z.string().nullable(),
  enteredAt: z.string(),
  endedAt: z.string().nullable(),
});
const JourneyStepOut = z.object({
  seq: z.number().int(),
  stepId: z.string(),
  kind: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  messageId: z.string().nullable(),
  messageStatus: z.string().nullable(),
  variant: z.string().nullable(),
  at: z.string(),
});
const count = z.number().int();
const StatsOut = z.object({
  entered: count,
  active: count,
  completed: count,
  exited: z.record(z.string(), count).describe("exited journeys by reason (replied, event, opted_out, paused...)"),
  steps: z.record(
    z.string(),
    z.object({
      runs: count,
      outcomes: z.record(z.string(), count),
      sent: count,
      delivered: count,
      read: count,
      failed: count,
    }),
  ),
});
const ConditionResult = z.object({ condition, passed: z.boolean() });
const DryRunOut = z.object({
  version: z.number().int(),
  trigger: z.object({ matches: z.boolean(), key: z.string(), detail: z.string().nullable() }),
  conditions: z.array(ConditionResult),
  enters: z.boolean(),
  steps: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      label: z.string().nullable(),
      afterSeconds: z.number(),
      at: z.string(),
      outcome: z.enum(["would_run", "skipped"]),
      reason: z.string().nullable(),
      conditions: z.array(ConditionResult),
      message: z.record(z.string(), z.unknown()).nullable(),
      detail: z.string().nullable(),
    }),
  ),
  exits: z.array(z.string()),
});

export function automationsRoutes(app: App, deps: AutomationsRouteDeps): void {
  app.get(
    "/v1/automations/recipes",
    {
      config: { access: READ },
      schema: {
        tags,
        summary:
          "Ready-made automations to create from (order confirmation, abandoned cart, keyword reply, unread reminder)",
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                description: z.string(),
                automation: Create,
                templateSteps: z.array(z.object({ stepId: z.string(), purpose: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ data: RECIPES }),
  );

  readRoute(
    app,
    "/v1/automations",
    {
      tags,
      summary: "The workspace's automations, newest first (archived ones only with ?status=archived)",
      querystring: z.object({
        status: z.enum(AUTOMATION_STATUSES).optional(),
        cursor: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
      response: { 200: z.object({ data: z.array(Automation), nextCursor: z.string().nullable() }) },
    },
    (workspaceId, { query }) => listAutomations(deps.db, workspaceId, query),
  );

  app.post(
    "/v1/automations",
    {
      config: {
        access: MANAGE,
        docs: {
          errors: ["TEMPLATE_NOT_FOUND", "TEMPLATE_NOT_APPROVED", "TEMPLATE_PARAMETERS_MISMATCH", "EVENT_TYPE_UNKNOWN"],
        },
      },
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        summary:
          "Create an automation (a draft): trigger, entry conditions, steps, exit, re-entry; checked against templates and event types",
        body: Create,
        response: { 201: Automation },
      },
    },
    async (request, reply) => {
      const a = await createAutomation(deps, requireWorkspace(request).workspaceId, request.body);
      return reply.status(201).send(a);
    },
  );

  readRoute(
    app,
    "/v1/automations/:id",
    { tags, summary: "An automation with its latest version", params: Id, response: { 200: Automation } },
    (workspaceId, { params }) => getAutomation(deps.db, workspaceId, params.id),
  );

  app.patch(
    "/v1/automations/:id",
    {
      config: {
        access: MANAGE,
        docs: {
          errors: [
            "CONFLICT",
            "TEMPLATE_NOT_FOUND",
            "TEMPLATE_NOT_APPROVED",
            "TEMPLATE_PARAMETERS_MISMATCH",
            "EVENT_TYPE_UNKNOWN",
          ],
        },
      },
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        summary:
          "Edit an automation; once it has been enabled, an edit is a new version (running journeys keep theirs)",
        params: Id,
        body: Patch,
        response: { 200: Automation },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      await getAutomation(deps.db, workspaceId, request.params.id);
      return updateAutomation(deps, workspaceId, request.params.id, request.body);
    },
  );

  app.delete(
    "/v1/automations/:id",
    {
      config: { access: MANAGE, docs: { errors: ["CONFLICT"] } },
      schema: {
        tags,
        summary: "Archive an automation: no new journeys, running ones end",
        params: Id,
        response: { 200: Automation },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      const a = await setAutomationStatus(deps, workspaceId, request.params.id, "archived");
      await deps.journeys.end(workspaceId, a.id, "archived");
      return a;
    },
  );

  app.post(
    "/v1/automations/:id/enable",
    {
      config: {
        access: MANAGE,
        docs: { errors: ["CONFLICT", "TEMPLATE_NOT_FOUND", "TEMPLATE_NOT_APPROVED", "TEMPLATE_PARAMETERS_MISMATCH"] },
      },
      schema: {
        tags,
        summary: "Enable: new journeys start on the latest version",
        params: Id,
        response: { 200: Automation },
      },
    },
    async (request) => setAutomationStatus(deps, requireWorkspace(request).workspaceId, request.params.id, "enabled"),
  );

  app.post(
    "/v1/automations/:id/pause",
    {
      config: { access: MANAGE, docs: { errors: ["CONFLICT"] } },
      schema: {
        tags,
        summary: "Pause: no new journeys, running ones end (reason paused)",
        params: Id,
        response: { 200: Automation },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      const a = await setAutomationStatus(deps, workspaceId, request.params.id, "paused");
      await deps.journeys.end(workspaceId, a.id, "paused");
      return a;
    },
  );

  app.post(
    "/v1/automations/:id/dry-run",
    {
      config: { access: MANAGE },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          "Test the automation on a contact and a sample event: the steps that would run, their times and rendered messages; nothing is sent or written",
        params: Id,
        body: z.strictObject({
          contact: z.string().min(1).max(200).describe("a contact's id (ctc_...) or phone number"),
          event: z
            .strictObject({ type: z.string().max(200).optional(), data: z.record(z.string(), z.unknown()).default({}) })
            .optional(),
          message: z.strictObject({ text: z.string().max(4096) }).optional(),
          windowOpen: z.boolean().optional(),
          assume: z.enum(["match", "timeout"]).optional(),
        }),
        response: { 200: DryRunOut },
      },
    },
    async (request) => dryRunAutomation(deps, requireWorkspace(request).workspaceId, request.params.id, request.body),
  );

  readRoute(
    app,
    "/v1/automations/:id/stats",
    {
      tags,
      summary: "The funnel: journeys by state and exit reason, each step's runs by outcome and message status",
      params: Id,
      response: { 200: StatsOut },
    },
    async (workspaceId, { params }) => {
      await getAutomation(deps.db, workspaceId, params.id);
      return (await deps.journeys.stats(deps.db, workspaceId, params.id)) as z.infer<typeof StatsOut>;
    },
  );

  readRoute(
    app,
    "/v1/automations/:id/journeys",
    {
      tags,
      summary: "The automation's journeys, newest first",
      params: Id,
      querystring: z.object({
        status: z.enum(["active", "completed", "exited"]).optional(),
        cursor: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ data: z.array(JourneyOut), nextCursor: z.string().nullable() }) },
    },
    async (workspaceId, { params, query: q }) => {
      await getAutomation(deps.db, workspaceId, params.id);
      const page = await deps.journeys.list(deps.db, workspaceId, {
        automationId: params.id,
        ...(q.status ? { status: q.status } : {}),
        ...(q.cursor ? { before: q.cursor } : {}),
        limit: q.limit,
      });
      return page as { data: z.infer<typeof JourneyOut>[]; nextCursor: string | null };
    },
  );

  readRoute(
    app,
    "/v1/journeys/:id",
    {
      tags,
      summary: "A journey with its step timeline and exit reason",
      params: Id,
      response: { 200: JourneyOut.extend({ steps: z.array(JourneyStepOut) }) },
    },
    async (workspaceId, { params }) => {
      const j = await deps.journeys.timeline(deps.db, workspaceId, params.id);
      if (!j) throw notFound("Journey");
      return j as z.infer<typeof JourneyOut> & { steps: z.infer<typeof JourneyStepOut>[] };
    },
  );
}
