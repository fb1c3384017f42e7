import { type AppError } from "../../platform/errors/index.js";
import type { JobDefinition } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace } from "../connection/index.js";
import { flowFailure } from "./flow-errors.js";
import { errorOf, expectStep, moveOn, settled, type NumbersDeps } from "./workflow.js";
import { workflowForCode } from "./start-workflow.js";
import type { WorkflowRow } from "./workflows.repo.js";

/**
 * A failed code step stays where it was (the business tries again), with Meta's error and what to
 * do recorded on the workflow; the request itself answers with the error.
 */
async function failStep(
  deps: NumbersDeps,
  advance: JobDefinition,
  row: WorkflowRow,
  failure: AppError,
): Promise<never> {
  await moveOn(deps, advance, row, {
    state: row.state === "failed" ? "failed" : "waiting",
    step: row.step,
    error: JSON.stringify(errorOf(failure, row.step)),
  }).catch(() => undefined);
  throw failure;
}

/** `POST /{phone-number-id}/request_code`: Meta sends the code by SMS or voice call. */
export async function requestCode(
  deps: NumbersDeps,
  advance: JobDefinition,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  input: { method: "SMS" | "VOICE"; language: string },
): Promise<WorkflowRow> {
  const row = await workflowForCode(deps, workspaceId, phoneNumberId);
  expectStep(row, ["request_code", "verify_code"]);
  const g = await channelForWorkspace(deps, workspaceId);
  try {
    await g.numbers.requestCode(row.meta_phone_number_id!, {
      code_method: input.method,
      language: input.language,
    });
  } catch (err) {
    return failStep(deps, advance, row, flowFailure(err, "request_code", "requesting a verification code"));
  }
  return moveOn(deps, advance, row, { state: "waiting", step: "verify_code" });
}

/** `POST /{phone-number-id}/verify_code`; then Wharf registers the number with a PIN it generates. */
export async function verifyCode(
  deps: NumbersDeps,
  advance: JobDefinition,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  code: string,
): Promise<WorkflowRow> {
  const row = await workflowForCode(deps, workspaceId, phoneNumberId);
  expectStep(row, ["verify_code"]);
  const g = await channelForWorkspace(deps, workspaceId);
  try {
    await g.numbers.verifyCode(row.meta_phone_number_id!, { code });
  } catch (err) {
    // Verified already (the answer to an earlier try was lost in a restart): Meta's node says so,
    // and asking again would only be told that no code is pending.
    const node = await g.numbers.get(row.meta_phone_number_id!, ["id", "code_verification_status"]).catch(() => null);
    if (node?.code_verification_status !== "VERIFIED")
      return failStep(deps, advance, row, flowFailure(err, "verify_code", "verifying the code"));
  }
  const moved = await moveOn(deps, advance, row, { state: "in_progress", step: "register" });
  return settled(deps.db, workspaceId, moved.id);
}
