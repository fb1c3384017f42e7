import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { countCampaignMessagesByStatus, failWithdrawn } from "./messages.repo.js";
import { campaignOutboxExists, countCampaignOutbox, deleteCampaignOutbox } from "./outbox.repo.js";

/**
 * What the campaigns module asks of a campaign's messages: it owns the campaign and its recipients,
 * messages owns the messages and the outbox, and neither reads the other's tables.
 */

/** Each message in the bucket of its current status, and how many are still in the outbox. */
export async function campaignMessageCounts(
  db: AnyDb,
  workspaceId: WorkspaceId,
  campaignId: string,
): Promise<{ byStatus: Record<string, number>; outbox: number }> {
  return {
    byStatus: await countCampaignMessagesByStatus(db, workspaceId, campaignId),
    outbox: await countCampaignOutbox(db, workspaceId, campaignId),
  };
}

/** Whether any of the campaign's messages is still in the outbox: not yet handed to Meta (or held by a pause). */
export const campaignHasOutbox = (executor: Executor, workspaceId: WorkspaceId, campaignId: string) =>
  campaignOutboxExists(executor, workspaceId, campaignId);

/** A cancelled campaign's messages not yet handed to Meta leave the outbox and fail with the campaign's reason. */
export async function withdrawCampaignMessages(
  trx: Executor,
  workspaceId: WorkspaceId,
  campaignId: string,
  now: number,
): Promise<void> {
  const withdrawn = await deleteCampaignOutbox(trx, workspaceId, campaignId);
  await failWithdrawn(
    trx,
    workspaceId,
    withdrawn,
    { code: "CAMPAIGN_CANCELLED", message: "The campaign was cancelled before this message was sent." },
    now,
  );
}
