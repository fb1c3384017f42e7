import { z } from "zod";
import { workspaceTimeZone } from "../workspaces/index.js";
import { defineJob } from "../../platform/jobs/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { journeyKey, listEnabledAutomationsEverywhere, nextCronTime, parseCron } from "../automations/index.js";
import { contactPages } from "../inbox/index.js";
import { enterJourney } from "./enter-journey.js";
import { claimScheduleTick, lastScheduleTick } from "./journeys.repo.js";
import { planVersion } from "./plan.js";
import type { JourneyDeps } from "./runtime.js";

/** How often the sweep looks: a schedule fires within this of its time (cron has minute resolution). */
export const SCHEDULE_SWEEP_MS = 30_000;
/** A fire time missed by longer than this (no worker ran) is skipped, not fired late. */
export const SCHEDULE_CATCH_UP_MS = 3_600_000;

const FirePayload = z.object({
  workspaceId: z.string(),
  automationId: z.string(),
  version: z.number().int().positive(),
  tickAt: z.number().int(),
});
type FirePayload = z.infer<typeof FirePayload>;

export const SCHEDULE_FIRE_JOB = scheduleFireJob(() => Promise.resolve());

/** The job of one fire time: enters the automation's audience (fireSchedule below). */
export function scheduleFireJob(handler: (p: FirePayload) => Promise<void>) {
  return defineJob({ name: "journeys.schedule-fire", payload: FirePayload, handler: (p) => handler(p) });
}

/**
 * The latest fire time of a cron in (`after`, `now`], or null when none is due. Several missed
 * fire times (a worker was down) collapse into the latest one.
 */
export function dueFireTime(cron: string, timeZone: string, after: number, now: number): number | null {
  const parsed = parseCron(cron);
  let due: number | null = null;
  for (let t = nextCronTime(parsed, after, timeZone); t !== null && t <= now; t = nextCronTime(parsed, t, timeZone))
    due = t;
  return due;
}

/**
 * One sweep over every workspace's enabled schedule automations: a fire time that is due (at or
 * before now, after the automation was enabled and after its last fire time, within the catch-up
 * window) is claimed by inserting its row, and its fan-out job is queued in the same transaction.
 * Two sweeps racing (two workers) insert one row: the other's insert does nothing, so a fire time
 * fires once. Returns the fire times it claimed.
 */
export async function sweepSchedules(
  deps: JourneyDeps,
): Promise<Array<{ workspaceId: string; automationId: string; tickAt: number }>> {
  const now = deps.clock.now();
  const claimed: Array<{ workspaceId: string; automationId: string; tickAt: number }> = [];
  for (const a of await listEnabledAutomationsEverywhere(deps.db, "schedule")) {
    const trigger = a.definition.trigger;
    if (trigger.kind !== "schedule") continue;
    const ws = asWorkspaceId(a.automation.workspace_id);
    const enabledAt = a.automation.enabled_at === null ? now : Number(a.automation.enabled_at);
    const last = await lastScheduleTick(deps.db, ws, a.automation.id);
    const after = Math.max(enabledAt, last ?? -Infinity, now - SCHEDULE_CATCH_UP_MS);
    let tickAt: number | null;
    try {
      tickAt = dueFireTime(trigger.cron, trigger.timeZone ?? (await workspaceTimeZone(deps.db, ws)), after, now);
    } catch (err) {
      // Checked at save; a definition that no longer parses is logged, not fatal for the others.
      deps.logger?.warn({ err, automationId: a.automation.id }, "schedule automation has an unusable cron");
      continue;
    }
    if (tickAt === null) continue;
    const fired = await deps.events.transaction(deps.db, async (trx) => {
      if (!(await claimScheduleTick(trx, ws, a.automation.id, tickAt, a.version, now))) return false;
      await deps.jobs.enqueue(
        trx,
        SCHEDULE_FIRE_JOB,
        { workspaceId: ws, automationId: a.automation.id, version: a.version, tickAt },
        { dedupeKey: `journey-schedule:${a.automation.id}:${tickAt}`, workspaceId: ws },
      );
      return true;
    });
    if (fired) claimed.push({ workspaceId: ws, automationId: a.automation.id, tickAt });
  }
  return claimed;
}

/**
 * A claimed fire time: every contact with the trigger's audience tag who has a WhatsApp id (phone or BSUID)
 * enters (entry conditions and re-entry rules apply per contact, as for any trigger). The trigger
 * id `schedule:<fire time>` enters a contact once per fire time, so a retried job (or one run
 * twice) starts nobody twice. An automation paused or edited since does not fire.
 */
export async function fireSchedule(deps: JourneyDeps, p: FirePayload): Promise<void> {
  const ws = asWorkspaceId(p.workspaceId);
  const plan = await planVersion(deps.db, ws, p.automationId, p.version);
  if (!plan || plan.status !== "enabled") return;
  const trigger = plan.definition.trigger;
  if (trigger.kind !== "schedule") return;
  const firedAt = new Date(p.tickAt).toISOString();
  for await (const page of contactPages(deps.db, ws, { tag: trigger.audience.tag }))
    for (const member of page) {
      if (member.waId === member.contactId) continue; // known by email or external id only: nothing to send to
      await enterJourney(deps, ws, plan, {
        waId: member.waId,
        contactId: member.contactId,
        key: journeyKey(trigger, { tickAt: p.tickAt }),
        keyValue: null,
        triggerId: `schedule:${p.tickAt}`,
        event: { firedAt, tickAt: p.tickAt },
      });
    }
}
