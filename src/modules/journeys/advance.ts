import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  exitJourney,
  findStep,
  insertStep,
  moveJourney,
  updateStep,
  type JourneyRow,
  type JourneyStepRow,
} from "./journeys.repo.js";
import type { AutomationPlan } from "./plan.js";
import { scheduleStep, type AnyTransaction, type JourneyDeps } from "./runtime.js";

export interface StepRecord {
  stepId: string;
  kind: string;
  status: JourneyStepRow["status"];
  outcome: string | null;
  messageId?: string;
  variant?: string | null;
}

/** The index of the step `next` names after step `current` ("next": the following one); null ends the journey. */
export function targetIndex(plan: AutomationPlan, current: number, next: string): number | null {
  const steps = plan.definition.steps;
  if (next === "next") return current + 1 < steps.length ? current + 1 : null;
  if (next === "end") return null;
  const i = steps.findIndex((s) => s.id === next);
  return i >= 0 ? i : null;
}

/**
 * Writes step run `j.cursor`'s outcome and moves the journey to its next step run, in one
 * transaction with the next step's job (at `runAt`, now by default). The move is a compare-and-set
 * on the cursor: when the journey moved or ended meanwhile, the outcome is still written (a send
 * happened) but nothing else is done, and `also` (the step's own writes) does not run.
 */
export async function advance(
  deps: Pick<JourneyDeps, "db" | "clock" | "events" | "jobs">,
  ws: WorkspaceId,
  j: JourneyRow,
  plan: AutomationPlan,
  rec: StepRecord,
  /** "next", "end" or a step id; undefined with `stay`. */
  next: string | undefined,
  opts: {
    runAt?: number;
    also?: (trx: AnyTransaction) => Promise<void>;
    /** Stay at this step, waiting for a status or a reply, until `runAt` (the timeout). */
    stay?: { waitingFor: string; messageId: string | null };
  } = {},
): Promise<void> {
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    if (rec.kind !== "end") await recordRun(trx, ws, j, rec, now);
    const index = opts.stay ? j.step_index : targetIndex(plan, j.step_index, next ?? "next");
    const runAt = opts.runAt ?? now;
    const moved = await moveJourney(trx, ws, j.id, j.cursor, {
      cursor: j.cursor + 1,
      step_index: index ?? j.step_index,
      due_at: index === null ? null : runAt,
      waiting_for: opts.stay?.waitingFor ?? null,
      waiting_message_id: opts.stay?.messageId ?? null,
      updated_at: now,
      // Completed: its key is free again (re-entry rules decide whether the contact may come back).
      ...(index === null ? { status: "completed" as const, ended_at: now, entry_key: j.id } : {}),
    });
    if (!moved) return;
    await opts.also?.(trx);
    if (index !== null) await scheduleStep(trx, deps, ws, j.id, j.cursor + 1, runAt);
  });
}

/** Step run `j.cursor`'s row: written once, updated by the run that finishes it. */
export async function recordRun(trx: AnyTransaction, ws: WorkspaceId, j: JourneyRow, rec: StepRecord, now: number) {
  const changes = {
    status: rec.status,
    outcome: rec.outcome,
    ...(rec.messageId ? { message_id: rec.messageId } : {}),
    ...(rec.variant !== undefined ? { variant: rec.variant } : {}),
    updated_at: now,
  };
  if (await findStep(trx, ws, j.id, j.cursor)) return updateStep(trx, ws, j.id, j.cursor, changes);
  await insertStep(trx, ws, {
    id: `${j.id}:${j.cursor}`,
    journey_id: j.id,
    automation_id: j.automation_id,
    seq: j.cursor,
    step_id: rec.stepId,
    kind: rec.kind,
    status: rec.status,
    outcome: rec.outcome,
    variant: rec.variant ?? null,
    message_id: rec.messageId ?? null,
    message_status: null,
    detail: null,
    at: now,
    updated_at: now,
  });
}

/** Ends a journey with an exit reason (paused, opted_out, replied, converted...). */
export async function exitWith(
  deps: Pick<JourneyDeps, "db" | "clock" | "events">,
  ws: WorkspaceId,
  j: Pick<JourneyRow, "id">,
  reason: string,
): Promise<boolean> {
  return deps.events.transaction(deps.db, (trx) => exitJourney(trx, ws, j.id, reason, deps.clock.now()));
}
