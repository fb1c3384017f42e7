import type { WorkspaceId } from "../../platform/workspace-id.js";
import { exitJourney, activeJourneyIds } from "./journeys.repo.js";
import type { JourneyDeps } from "./runtime.js";

const PAGE = 500;

/**
 * Ends an automation's active journeys (it was paused or archived): a page per transaction, so a
 * pause of 100,000 journeys does not hold one long transaction. Their pending step jobs find them
 * ended and do nothing. Returns how many ended.
 */
export async function endAutomationJourneys(
  deps: Pick<JourneyDeps, "db" | "clock" | "events">,
  workspaceId: WorkspaceId,
  automationId: string,
  reason = "paused",
): Promise<number> {
  let ended = 0;
  for (;;) {
    const n = await deps.events.transaction(deps.db, async (trx) => {
      const ids = await activeJourneyIds(trx, workspaceId, automationId, PAGE);
      for (const id of ids) if (await exitJourney(trx, workspaceId, id, reason, deps.clock.now())) ended++;
      return ids.length;
    });
    if (n < PAGE) return ended;
  }
}
