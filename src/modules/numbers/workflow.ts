import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { JobDefinition, JobQueue } from "../../platform/jobs/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";
import {
  findWorkflow,
  moveWorkflow,
  type WorkflowKind,
  type WorkflowPatch,
  type WorkflowRow,
  type WorkflowState,
} from "./workflows.repo.js";

export interface NumbersDeps extends WorkspaceChannelDeps {
  jobs: JobQueue;
}

/** The steps of each workflow, in order (the dashboard draws them as a checklist). */
export const STEPS: Record<WorkflowKind, readonly string[]> = {
  add: ["add", "request_code", "verify_code", "register", "done"],
  migration: ["confirm_two_step_off", "add", "request_code", "verify_code", "register", "set_pin", "templates", "done"],
  deletion: ["checks", "scheduled", "deregister", "deleted"],
};

/** Steps Wharf does by itself (a job runs them); the others wait for the business. */
export const AUTOMATIC_STEPS = new Set(["add", "register", "set_pin", "deregister"]);

export interface WorkflowError {
  code: string;
  message: string;
  metaCode: number | null;
  step: string;
  retryAfterSeconds?: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function workflowView(row: WorkflowRow) {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    step: row.step,
    steps: [...STEPS[row.kind]],
    error: row.error ? (JSON.parse(row.error) as WorkflowError) : null,
    phoneNumberId: row.phone_number_id,
    metaPhoneNumberId: row.meta_phone_number_id,
    countryCode: row.country_code,
    phoneNumber: row.phone_number,
    displayName: row.display_name,
    scheduledFor: iso(row.scheduled_for),
    templates: (data["templates"] as unknown[] | undefined) ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type WorkflowView = ReturnType<typeof workflowView>;

export function errorOf(err: AppError, step: string): WorkflowError {
  const d = (err.extra.details ?? {}) as { metaCode?: number | null };
  return {
    code: err.code,
    message: err.message,
    metaCode: d.metaCode ?? null,
    step,
    ...(err.extra.retryAfterSeconds ? { retryAfterSeconds: err.extra.retryAfterSeconds } : {}),
  };
}

/**
 * Moves a workflow from the state and step it was read in, records `phone_number.workflow` in the
 * same transaction, and enqueues the job that runs the next step when Wharf does it itself. A
 * concurrent move of the same step wins or loses as a whole (WORKFLOW_STEP_INVALID).
 */
export async function moveOn(
  deps: NumbersDeps,
  advance: JobDefinition,
  row: WorkflowRow,
  patch: WorkflowPatch & { state: WorkflowState; step: string },
  extra?: (trx: Executor) => Promise<void>,
): Promise<WorkflowRow> {
  const workspaceId = row.workspace_id as WorkspaceId;
  const now = deps.clock.now();
  const moved = await deps.events.transaction(deps.db, async (trx) => {
    if (!(await moveWorkflow(trx, workspaceId, row.id, row, { error: null, ...patch }, now))) return null;
    const after = (await findWorkflow(trx, workspaceId, row.id))!;
    if (after.state === "in_progress" && AUTOMATIC_STEPS.has(after.step))
      await deps.jobs.enqueue(
        trx,
        advance,
        { workspaceId, workflowId: row.id },
        { dedupeKey: `numbers:${row.id}:${after.step}`, workspaceId },
      );
    if (extra) await extra(trx);
    await deps.events.recordEvent(trx, workspaceId, {
      type: "phone_number.workflow",
      at: now,
      data: {
        workflowId: after.id,
        kind: after.kind,
        phoneNumberId: after.phone_number_id,
        state: after.state,
        step: after.step,
        error: after.error ? pickError(JSON.parse(after.error) as WorkflowError) : null,
        scheduledFor: iso(after.scheduled_for),
      },
    });
    return after;
  });
  if (!moved)
    throw new AppError(
      "WORKFLOW_STEP_INVALID",
      "The workflow moved on meanwhile (another request or Wharf's own job); read it again and continue from its current step.",
    );
  deps.jobs.poke();
  return moved;
}

const pickError = (e: WorkflowError) => ({ code: e.code, message: e.message, metaCode: e.metaCode });

/** Refuses a request for a step the workflow is not at, saying where it is. */
export function expectStep(row: WorkflowRow, steps: string[], states: WorkflowState[] = ["waiting", "failed"]): void {
  if (steps.includes(row.step) && states.includes(row.state)) return;
  throw new AppError(
    "WORKFLOW_STEP_INVALID",
    `The ${row.kind} workflow of this number is at step "${row.step}" (${row.state}), not ${steps.map((s) => `"${s}"`).join(" or ")}.`,
    { details: { workflowId: row.id, step: row.step, state: row.state } },
  );
}

/**
 * Waits (briefly) for the job to run an automatic step, so a request can answer with its outcome;
 * past the wait the answer shows it still in progress and the job carries on regardless.
 */
export async function settled(db: AnyDb, workspaceId: WorkspaceId, id: string, waitMs = 10_000): Promise<WorkflowRow> {
  for (let waited = 0; ; waited += 25) {
    const row = (await findWorkflow(db, workspaceId, id))!;
    if (row.state !== "in_progress" || waited >= waitMs) return row;
    await new Promise((r) => setTimeout(r, 25));
  }
}
