import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { campaignHasOutbox, type CampaignSettlement } from "../messages/index.js";
import { defineJob } from "../../platform/jobs/index.js";
import type { Clock } from "../../platform/clock.js";
import { z } from "zod";
import {
  findCampaign,
  hasUnqueuedRecipients,
  listRunningCampaigns,
  lockCampaign,
  setCampaignStatus,
  skippedRecipients,
} from "./campaigns.repo.js";

/**
 * An honest end: `completed` only when every recipient was handed to Meta, `completed_with_skips`
 * when some were skipped (opted out, window, limit, bad parameters), `failed` when none could be.
 * What Meta then does with each message is in the counts, not in this status.
 */
export function terminalStatus(total: number, skipped: number): "completed" | "completed_with_skips" | "failed" {
  if (skipped === 0) return "completed";
  return skipped >= total ? "failed" : "completed_with_skips";
}

/**
 * A running campaign is complete once every recipient was handed to Meta or skipped: none is left
 * to queue and none of its messages is in the outbox (statuses keep arriving afterwards). The
 * caller holds the campaign's lock (`lockCampaign`), taken before the writes that may have settled
 * its last recipient: of two transactions settling the last ones at once (two dispatch batches,
 * the last chunk and a batch, on PostgreSQL), the second waits for the first and sees its
 * changes, so completion is recorded once, by whichever settles last, in that transaction.
 */
export async function completeIfSettled(
  trx: Executor,
  events: EventBus,
  workspaceId: WorkspaceId,
  campaignId: string,
  now: number,
): Promise<boolean> {
  const campaign = await findCampaign(trx, workspaceId, campaignId);
  if (campaign?.status !== "running" || campaign.total === 0) return false;
  if (await hasUnqueuedRecipients(trx, workspaceId, campaignId)) return false;
  if (await campaignHasOutbox(trx, workspaceId, campaignId)) return false;
  const status = terminalStatus(campaign.total, await skippedRecipients(trx, workspaceId, campaignId));
  if (!(await setCampaignStatus(trx, workspaceId, campaignId, status, ["running"], now))) return false;
  await events.recordEvent(trx, workspaceId, {
    type: "campaign.status",
    at: now,
    data: { id: campaignId, status, previous: "running" },
  });
  return true;
}

/** After the expansion queued or skipped the last recipients: the campaign completes if nothing is left in the outbox. */
export async function completeCampaignIfSettled(
  deps: { db: AnyDb; events: EventBus },
  workspaceId: WorkspaceId,
  campaignId: string,
  now: number,
): Promise<boolean> {
  return deps.events.transaction(deps.db, async (trx) => {
    await lockCampaign(trx, workspaceId, campaignId);
    return completeIfSettled(trx, deps.events, workspaceId, campaignId, now);
  });
}

/** The dispatcher's side (messages calls it in the transaction that takes rows out of the outbox). */
export function campaignSettlement(deps: { events: EventBus }): CampaignSettlement {
  return {
    async lock(trx, campaigns) {
      for (const c of campaigns) await lockCampaign(trx, c.workspaceId, c.campaignId);
    },
    async settled(trx, campaigns, now) {
      for (const c of campaigns) await completeIfSettled(trx, deps.events, c.workspaceId, c.campaignId, now);
    },
  };
}

/**
 * A safety net, not the way campaigns complete: running campaigns that settled before completion
 * was recorded at settlement (an upgrade from a version that completed them when read) are
 * completed by a sweep every ten minutes. Each check is the one above, under the campaign's lock.
 */
export function completeSettledCampaignsJob(deps: { db: AnyDb; events: EventBus; clock: Clock }) {
  return defineJob({
    name: "campaigns.complete-settled",
    payload: z.object({}),
    everyMs: 10 * 60_000,
    async handler() {
      for (const c of await listRunningCampaigns(deps.db))
        await completeCampaignIfSettled(deps, c.workspaceId, c.id, deps.clock.now());
    },
  });
}
