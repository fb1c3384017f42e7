import { z } from "zod";
import { isChannelError } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";
import { defineJob, DeferJob, type JobDefinition } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  activatePhoneNumber,
  findPhoneNumberRow,
  channelForWorkspace,
  listPhoneNumberRows,
  setPhoneNumberLifecycle,
  syncPhoneNumbers,
} from "../connection/index.js";
import { flowFailure } from "./flow-errors.js";
import { pinForRegister, rotateTwoStepPin } from "./two-step-pin.js";
import { errorOf, moveOn, type NumbersDeps } from "./workflow.js";
import { findWorkflow, type WorkflowRow } from "./workflows.repo.js";

const Payload = z.object({ workspaceId: z.string(), workflowId: z.string() });

const digits = (s: string) => s.replace(/\D/g, "");

/** Errors a later attempt may not see (Meta down, rate limited): the job retries them. */
const transient = (err: AppError) => err.code === "META_UNAVAILABLE" || err.code === "RATE_LIMITED";

/**
 * The job that runs a workflow's automatic steps (add, register, set_pin) one after another until
 * the workflow waits for the business, fails or completes. It is enqueued in the transaction that
 * moves the workflow onto such a step, so a restart mid-step runs the step again: each step is
 * written to be run twice (an add that Meta already did is found in the WABA; register uses the
 * PIN stored before the first try; setting a PIN needs no old one).
 */
export function advanceWorkflowJob(deps: NumbersDeps): JobDefinition<typeof Payload> {
  const def: JobDefinition<typeof Payload> = defineJob({
    name: "numbers.advance-workflow",
    payload: Payload,
    maxAttempts: 8,
    async handler(p) {
      const workspaceId = p.workspaceId as WorkspaceId;
      for (let i = 0; i < 5; i++) {
        const row = await findWorkflow(deps.db, workspaceId, p.workflowId);
        if (!row || row.state !== "in_progress") return;
        const next = await runStep(deps, def, row);
        if (!next || next.state !== "in_progress") return;
      }
    },
  });
  return def;
}

async function runStep(deps: NumbersDeps, def: JobDefinition, row: WorkflowRow): Promise<WorkflowRow | null> {
  const workspaceId = row.workspace_id as WorkspaceId;
  try {
    switch (row.step) {
      case "add":
        return await addStep(deps, def, row);
      case "register": {
        const pin = await pinForRegister(deps, workspaceId, row.phone_number_id!);
        await activatePhoneNumber(deps, workspaceId, row.phone_number_id!, pin, (err, doing) =>
          flowFailure(err, "register", doing),
        );
        return await moveOn(
          deps,
          def,
          row,
          row.kind === "migration" ? { state: "in_progress", step: "set_pin" } : { state: "completed", step: "done" },
        );
      }
      case "set_pin":
        await rotateTwoStepPin(deps, workspaceId, row.phone_number_id!);
        return await moveOn(deps, def, row, { state: "waiting", step: "templates" });
      default:
        return null;
    }
  } catch (err) {
    if (err instanceof DeferJob) throw err;
    const failure = err instanceof AppError ? err : flowFailure(err, row.step, `the ${row.step} step`);
    if (transient(failure)) throw failure;
    if (failure.code === "REGISTRATION_LIMIT_REACHED" && failure.extra.retryAfterSeconds && row.step === "deregister")
      throw new DeferJob(failure.extra.retryAfterSeconds * 1000, failure.message);
    return moveOn(deps, def, row, {
      state: "failed",
      step: row.step,
      error: JSON.stringify(errorOf(failure, row.step)),
    });
  }
}

/**
 * `POST /{waba}/phone_numbers` (with `migrate_phone_number` for a migration). A number this WABA
 * already lists is the same number (the add went through before a restart, or it was deleted from
 * Wharf and is added again): it is taken as it is instead of asking Meta twice.
 */
async function addStep(deps: NumbersDeps, def: JobDefinition, row: WorkflowRow): Promise<WorkflowRow> {
  const workspaceId = row.workspace_id as WorkspaceId;
  const wanted = `${row.country_code}${row.phone_number}`;
  const adopt = async (): Promise<WorkflowRow | null> => {
    await syncPhoneNumbers(deps, workspaceId);
    const found = (await listPhoneNumberRows(deps.db, workspaceId)).find(
      (n) => digits(n.display_phone_number) === wanted,
    );
    if (!found) return null;
    const registered = found.status === "CONNECTED" && found.code_verification_status === "VERIFIED";
    return moveOn(
      deps,
      def,
      row,
      {
        state: registered ? "in_progress" : "waiting",
        step: registered ? "register" : "request_code",
        phone_number_id: found.id,
        meta_phone_number_id: found.meta_phone_number_id,
      },
      async (trx) => {
        if (found.lifecycle === "deleted")
          await setPhoneNumberLifecycle(trx, workspaceId, found.id, null, deps.clock.now());
      },
    );
  };
  const g = await channelForWorkspace(deps, workspaceId);
  try {
    await g.numbers.add({
      cc: row.country_code!,
      phone_number: row.phone_number!,
      ...(row.display_name ? { verified_name: row.display_name } : {}),
      ...(row.kind === "migration" ? { migrate_phone_number: true } : {}),
    });
  } catch (err) {
    if (isChannelError(err) && err.reason === "number_exists") {
      const adopted = await adopt();
      if (adopted) return adopted;
    }
    throw flowFailure(err, "add", `adding +${wanted}`);
  }
  const adopted = await adopt();
  if (adopted) return adopted;
  throw new AppError("META_UNAVAILABLE", `Meta added +${wanted} but does not list it yet; retrying.`);
}

/** A workflow's number row, or null before the add step found it. */
export async function workflowNumber(deps: NumbersDeps, row: WorkflowRow) {
  return row.phone_number_id ? findPhoneNumberRow(deps.db, row.workspace_id as WorkspaceId, row.phone_number_id) : null;
}
