import { z } from "zod";
import { ChannelError } from "../../channels/index.js";
import { newId } from "../../platform/crypto/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import { defineJob, DeferJob, type JobDefinition } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  deregisterPhoneNumber,
  findPhoneNumberRow,
  setPhoneNumberLifecycle,
  type PhoneNumberRow,
} from "../connection/index.js";
import { countSentFrom } from "../messages/index.js";
import { errorOf, moveOn, workflowView, type NumbersDeps } from "./workflow.js";
import {
  findLatestWorkflow,
  findOpenWorkflow,
  findWorkflow,
  insertWorkflow,
  type WorkflowRow,
} from "./workflows.repo.js";

const DAY_MS = 24 * 60 * 60_000;
/** Meta refuses to delete a number that sent more than this in the last 30 days. */
export const DELETION_MAX_SENT_30D = 1000;
const DEFAULT_DELAY_MS = 7 * DAY_MS;

export interface DeletionCheck {
  check: "messages_last_30_days" | "dues_settled" | "not_banned";
  ok: boolean;
  detail: string;
}

/**
 * The checks the deletion must pass, shown up front: at most 1,000 messages sent from the number in
 * the last 30 days (counted by Wharf), outstanding dues settled (Wharf has no billing: the operator
 * confirms it), and the number not banned (a banned number follows Meta's appeal rules instead).
 */
export async function deletionChecks(
  deps: NumbersDeps,
  workspaceId: WorkspaceId,
  row: PhoneNumberRow,
  duesSettled: boolean,
): Promise<DeletionCheck[]> {
  const sent = await countSentFrom(deps.db, workspaceId, row.id, deps.clock.now() - 30 * DAY_MS);
  const banned = row.status === "BANNED" || (row.status === "RESTRICTED" && row.can_send === "BLOCKED");
  return [
    {
      check: "messages_last_30_days",
      ok: sent <= DELETION_MAX_SENT_30D,
      detail: `${sent} messages sent in the last 30 days (at most ${DELETION_MAX_SENT_30D}); wait until fewer were sent.`,
    },
    {
      check: "dues_settled",
      ok: duesSettled,
      detail: duesSettled
        ? "Outstanding dues were confirmed settled."
        : "Confirm that the business's outstanding dues with Meta are settled (duesSettled: true).",
    },
    {
      check: "not_banned",
      ok: !banned,
      detail: banned
        ? "The number is banned or restricted: Meta's ban rules apply (appeal in WhatsApp Manager, or wait for the ban to end); it cannot be deleted from here."
        : "The number is not banned.",
    },
  ];
}

export type DeletionState = "none" | "scheduled" | "cancelled" | "deleting" | "deleted" | "failed";

export function deletionView(row: WorkflowRow | null, checks: DeletionCheck[] | null) {
  if (!row) return { state: "none" as DeletionState, scheduledFor: null, workflowId: null, error: null, checks };
  const v = workflowView(row);
  const state: DeletionState =
    row.state === "scheduled"
      ? "scheduled"
      : row.state === "cancelled"
        ? "cancelled"
        : row.state === "completed"
          ? "deleted"
          : row.state === "failed"
            ? "failed"
            : "deleting";
  return { state, scheduledFor: v.scheduledFor, workflowId: row.id, error: v.error, checks };
}

/**
 * Requests deletion: refused with the failing checks, else messaging of the number pauses at once
 * (its queued messages wait; inbound is still stored), and a job deregisters it on the date.
 */
export async function requestDeletion(
  deps: NumbersDeps,
  advance: JobDefinition,
  due: JobDefinition,
  workspaceId: WorkspaceId,
  id: string,
  input: { scheduledFor?: string | undefined; duesSettled?: boolean | undefined },
) {
  const number = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!number) throw notFound("The phone number");
  if (number.lifecycle === "deleted")
    throw new AppError("DELETION_NOT_ALLOWED", `${number.display_phone_number} is already deleted.`, {
      details: { checks: [] },
    });
  const open = await findOpenWorkflow(deps.db, workspaceId, number.id, ["deletion"]);
  if (open) return deletionView(open, null);
  const now = deps.clock.now();
  const scheduledFor = input.scheduledFor ? Date.parse(input.scheduledFor) : now + DEFAULT_DELAY_MS;
  if (!Number.isFinite(scheduledFor) || scheduledFor < now - 60_000)
    throw new AppError("VALIDATION_FAILED", "scheduledFor must be a date from now on.");
  const checks = await deletionChecks(deps, workspaceId, number, input.duesSettled === true);
  const failing = checks.filter((c) => !c.ok);
  if (failing.length > 0)
    throw new AppError(
      "DELETION_NOT_ALLOWED",
      `${number.display_phone_number} cannot be deleted now: ${failing.map((c) => c.detail).join(" ")}`,
      { details: { checks } },
    );
  const row: WorkflowRow = {
    id: newId("nwf", now),
    workspace_id: workspaceId,
    kind: "deletion",
    state: "waiting",
    step: "checks",
    phone_number_id: number.id,
    meta_phone_number_id: number.meta_phone_number_id,
    country_code: null,
    phone_number: number.display_phone_number.replace(/\D/g, ""),
    display_name: number.verified_name,
    error: null,
    data: JSON.stringify({ duesSettledConfirmedAt: now, checks }),
    scheduled_for: null,
    created_at: now,
    updated_at: now,
  };
  await insertWorkflow(deps.db, workspaceId, row);
  const scheduled = await moveOn(
    deps,
    advance,
    row,
    { state: "scheduled", step: "scheduled", scheduled_for: scheduledFor },
    async (trx) => {
      await setPhoneNumberLifecycle(trx, workspaceId, number.id, "deletion_scheduled", now);
      await deps.jobs.enqueue(
        trx,
        due,
        { workspaceId, workflowId: row.id },
        { runAt: scheduledFor, dedupeKey: `numbers:delete:${row.id}`, workspaceId },
      );
      await deps.events.recordEvent(trx, workspaceId, {
        type: "phone_number.sending",
        at: now,
        data: { id: number.id, paused: true, reasons: ["Deletion of the number is scheduled: messaging is paused."] },
      });
    },
  );
  return deletionView(scheduled, checks);
}

export async function getDeletion(deps: NumbersDeps, workspaceId: WorkspaceId, id: string) {
  const number = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!number) throw notFound("The phone number");
  const latest = await findLatestWorkflow(deps.db, workspaceId, number.id, "deletion");
  // The checks as they stand now (dues as last confirmed), so the dashboard shows them up front.
  const checks =
    number.lifecycle === "deleted"
      ? null
      : await deletionChecks(deps, workspaceId, number, latest?.state === "scheduled");
  return deletionView(latest, checks);
}

/** Cancels a scheduled deletion before its date: messaging resumes. */
export async function cancelDeletion(deps: NumbersDeps, advance: JobDefinition, workspaceId: WorkspaceId, id: string) {
  const number = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!number) throw notFound("The phone number");
  const open = await findOpenWorkflow(deps.db, workspaceId, number.id, ["deletion"]);
  if (!open || open.state !== "scheduled")
    throw new AppError(
      "WORKFLOW_STEP_INVALID",
      open
        ? `The deletion is already ${open.state} (step "${open.step}") and can no longer be cancelled.`
        : "No deletion is scheduled for this number.",
    );
  const now = deps.clock.now();
  const cancelled = await moveOn(deps, advance, open, { state: "cancelled", step: "scheduled" }, async (trx) => {
    await setPhoneNumberLifecycle(trx, workspaceId, number.id, null, now);
    await deps.events.recordEvent(trx, workspaceId, {
      type: "phone_number.sending",
      at: now,
      data: { id: number.id, paused: false, reasons: [] },
    });
  });
  return deletionView(cancelled, null);
}

const Payload = z.object({ workspaceId: z.string(), workflowId: z.string() });

/**
 * On the date: deregister the number at Meta (one of its 10 register/deregister calls per 72 h,
 * waited for when spent) and mark it deleted. A cancelled deletion does nothing; a restart
 * mid-step runs it again (a number Meta already deregistered answers 133010, which is done too).
 */
export function deletionDueJob(deps: NumbersDeps, advance: JobDefinition): JobDefinition<typeof Payload> {
  return defineJob({
    name: "numbers.deletion-due",
    payload: Payload,
    maxAttempts: 20,
    async handler(p) {
      const workspaceId = p.workspaceId as WorkspaceId;
      let row = await findWorkflow(deps.db, workspaceId, p.workflowId);
      if (!row || row.kind !== "deletion") return;
      const now = deps.clock.now();
      if (row.state === "scheduled") {
        if (row.scheduled_for !== null && row.scheduled_for > now)
          throw new DeferJob(row.scheduled_for - now, "not yet");
        row = await moveOn(deps, advance, row, { state: "in_progress", step: "deregister" });
      }
      if (row.state !== "in_progress" || row.step !== "deregister") return;
      try {
        await deregisterPhoneNumber(deps, workspaceId, row.phone_number_id!);
      } catch (err) {
        const notRegistered =
          err instanceof AppError && (err.extra.details as { metaCode?: number } | undefined)?.metaCode === 133010;
        if (err instanceof AppError && err.code === "REGISTRATION_LIMIT_REACHED")
          throw new DeferJob((err.extra.retryAfterSeconds ?? 3600) * 1000, err.message);
        if (!notRegistered) {
          if (
            err instanceof ChannelError ||
            (err instanceof AppError &&
              err.code !== "META_UNAVAILABLE" &&
              err.code !== "RATE_LIMITED" &&
              err.code !== "CONNECTION_NEEDS_RECONNECT")
          ) {
            const failure = err instanceof AppError ? err : new AppError("META_REQUEST_FAILED", String(err));
            await moveOn(deps, advance, row, {
              state: "failed",
              step: "deregister",
              error: JSON.stringify(errorOf(failure, "deregister")),
            });
            return;
          }
          throw err;
        }
      }
      await moveOn(deps, advance, row, { state: "completed", step: "deleted" }, async (trx) => {
        await setPhoneNumberLifecycle(trx, workspaceId, row.phone_number_id!, "deleted", deps.clock.now());
      });
    },
  });
}
