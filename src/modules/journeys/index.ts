import { defineJob } from "../../platform/jobs/index.js";
import type { WharfModule } from "../../platform/module.js";
import { z } from "zod";
import { handleEvent, type HeardEvent } from "./handle-event.js";
import { journeysSink } from "./journeys-sink.js";
import { pruneDailySends } from "./journeys.repo.js";
import { runStep } from "./run-step.js";
import { fireSchedule, SCHEDULE_SWEEP_MS, scheduleFireJob, sweepSchedules } from "./schedule-sweep.js";
import { DAY_MS, eventJob, stepJob, type JourneyDeps } from "./runtime.js";

export { journeysMigrations } from "./journeys.migrations.js";
export {
  listJourneys,
  journeyTimeline,
  journeyStats,
  type JourneyView,
  type JourneyStepView,
  type JourneyStats,
} from "./read-journeys.js";
export { endAutomationJourneys } from "./end-journeys.js";
export { triggerAutomation } from "./trigger-automation.js";
export { sweepSchedules, dueFireTime } from "./schedule-sweep.js";
export type { JourneyDeps } from "./runtime.js";

/**
 * The automation runtime (issue 18): journeys per (automation, contact, trigger key), each step a
 * job row with its due time, sends through the normal send path under an idempotency key derived
 * from the journey and the step run. Events reach it through a sink, in their own transactions.
 */
export function journeysModule(deps: JourneyDeps): WharfModule {
  deps.events.addSink(journeysSink(deps));
  return {
    name: "journeys",
    jobs: [
      stepJob((p) => runStep(deps, p)),
      eventJob((p) => handleEvent(deps, p.workspaceId, p.event as HeardEvent)),
      // Schedule triggers: claims due fire times (one row per automation and fire time), then fans out.
      defineJob({
        name: "journeys.schedule-sweep",
        payload: z.object({}),
        everyMs: SCHEDULE_SWEEP_MS,
        handler: async () => {
          await sweepSchedules(deps);
        },
      }),
      scheduleFireJob((p) => fireSchedule(deps, p)),
      defineJob({
        name: "journeys.prune-sends",
        payload: z.object({}),
        everyMs: 6 * 3_600_000,
        // The daily cap counts the last 24 hours; older rows are kept a day more, then go.
        handler: async () => pruneDailySends(deps.db, deps.clock.now() - 2 * DAY_MS),
      }),
    ],
  };
}
