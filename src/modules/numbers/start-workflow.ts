import { newId } from "../../platform/crypto/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { JobDefinition } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findPhoneNumberRow, channelForWorkspace, listPhoneNumberRows } from "../connection/index.js";
import { moveOn, settled, type NumbersDeps } from "./workflow.js";
import { findOpenWorkflow, findWorkflow, insertWorkflow, type WorkflowRow } from "./workflows.repo.js";

export interface NumberInput {
  countryCode: string;
  phoneNumber: string;
  displayName?: string | undefined;
}

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * Starts adding a number (kind `add`) or bringing it from another provider (kind `migration`, whose
 * first step, the business's confirmation that two-step verification is off at the old provider,
 * is the request itself). The row and the job that runs the add step are written together; the
 * request then waits briefly for the job so it can answer with Meta's verdict.
 */
export async function startWorkflow(
  deps: NumbersDeps,
  advance: JobDefinition,
  workspaceId: WorkspaceId,
  kind: "add" | "migration",
  input: NumberInput,
): Promise<WorkflowRow> {
  await channelForWorkspace(deps, workspaceId); // connected, or the connection's own error
  const wanted = `${input.countryCode}${input.phoneNumber}`;
  const existing = (await listPhoneNumberRows(deps.db, workspaceId)).find(
    (n) => digits(n.display_phone_number) === wanted && n.lifecycle !== "deleted",
  );
  if (existing) {
    const open = await findOpenWorkflow(deps.db, workspaceId, existing.id, ["add", "migration"]);
    if (open) return open; // already under way: the same workflow, from where it stands
    throw new AppError(
      "PHONE_NUMBER_EXISTS",
      `+${wanted} is already a number of this workspace (${existing.id}); verify or register it from its page.`,
      { details: { phoneNumberId: existing.id } },
    );
  }
  const now = deps.clock.now();
  const id = newId("nwf", now);
  const row: WorkflowRow = {
    id,
    workspace_id: workspaceId,
    kind,
    state: "waiting",
    step: kind === "migration" ? "confirm_two_step_off" : "add",
    phone_number_id: null,
    meta_phone_number_id: null,
    country_code: input.countryCode,
    phone_number: input.phoneNumber,
    display_name: input.displayName ?? null,
    error: null,
    data: JSON.stringify(kind === "migration" ? { twoStepDisabledConfirmedAt: now } : {}),
    scheduled_for: null,
    created_at: now,
    updated_at: now,
  };
  await insertWorkflow(deps.db, workspaceId, row);
  const started = await moveOn(deps, advance, row, { state: "in_progress", step: "add" });
  return settled(deps.db, workspaceId, started.id);
}

/**
 * Runs a failed step again (after the business fixed what the error said: two-step turned off,
 * another display name, the 72 hours passed). A failed step Wharf does itself goes back to its
 * job; a failed step of the business's (a code) waits for it again.
 */
export async function resumeWorkflow(
  deps: NumbersDeps,
  advance: JobDefinition,
  workspaceId: WorkspaceId,
  id: string,
  patch: { displayName?: string | undefined } = {},
): Promise<WorkflowRow> {
  const row = await findWorkflow(deps.db, workspaceId, id);
  if (!row || row.kind === "deletion") throw notFound("The workflow");
  if (row.state !== "failed")
    throw new AppError(
      "WORKFLOW_STEP_INVALID",
      `The workflow is ${row.state} at step "${row.step}"; only a failed step can be resumed.`,
      { details: { workflowId: row.id, step: row.step, state: row.state } },
    );
  const automatic = ["add", "register", "set_pin"].includes(row.step);
  const moved = await moveOn(deps, advance, row, {
    state: automatic ? "in_progress" : "waiting",
    step: row.step,
    ...(patch.displayName && row.step === "add" ? { display_name: patch.displayName } : {}),
  });
  return settled(deps.db, workspaceId, moved.id);
}

/** The number's workflow the code routes move on: its open add or migration, or a new `add` at request_code. */
export async function workflowForCode(
  deps: NumbersDeps,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
): Promise<WorkflowRow> {
  const number = await findPhoneNumberRow(deps.db, workspaceId, phoneNumberId);
  if (!number) throw notFound("The phone number");
  const open = await findOpenWorkflow(deps.db, workspaceId, number.id, ["add", "migration"]);
  if (open) return open;
  // A number that came with the WABA (or was verified elsewhere) and needs its code now.
  const now = deps.clock.now();
  const row: WorkflowRow = {
    id: newId("nwf", now),
    workspace_id: workspaceId,
    kind: "add",
    state: "waiting",
    step: "request_code",
    phone_number_id: number.id,
    meta_phone_number_id: number.meta_phone_number_id,
    country_code: null,
    phone_number: digits(number.display_phone_number),
    display_name: number.verified_name,
    error: null,
    data: "{}",
    scheduled_for: null,
    created_at: now,
    updated_at: now,
  };
  await insertWorkflow(deps.db, workspaceId, row);
  return row;
}

/** A workflow of the workspace (NOT_FOUND for another's); `kind` narrows it, as the migrations route does. */
export async function getWorkflow(
  deps: Pick<NumbersDeps, "db">,
  workspaceId: WorkspaceId,
  id: string,
  kind?: WorkflowRow["kind"],
): Promise<WorkflowRow> {
  const row = await findWorkflow(deps.db, workspaceId, id);
  if (!row || (kind !== undefined && row.kind !== kind)) throw notFound("The workflow");
  return row;
}
