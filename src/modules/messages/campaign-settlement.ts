import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface CampaignRef {
  workspaceId: WorkspaceId;
  campaignId: string;
}

/**
 * What happens to a campaign when some of its messages leave the outbox (handed to Meta, or failed
 * at dispatch): the campaigns module completes it once nothing is left, in the transaction that
 * settled the last one. Campaigns depends on messages, so it is handed in by the composition root.
 */
export interface CampaignSettlement {
  /**
   * Called first in the settling transaction, before any of its writes: takes each campaign's
   * lock, so that of two transactions settling a campaign's last messages at once the second
   * sees the first's deletes, and locks are always taken campaign first, then messages and outbox.
   */
  lock(trx: Executor, campaigns: CampaignRef[]): Promise<void>;
  /** Called last in that transaction, once the rows have left the outbox. */
  settled(trx: Executor, campaigns: CampaignRef[], now: number): Promise<void>;
}

/** The campaigns of settled outbox rows, each once, in id order (the order their locks are taken in). */
export function campaignsOf(rows: Array<{ workspace_id: string; campaign_id: string | null }>): CampaignRef[] {
  const byId = new Map<string, CampaignRef>();
  for (const r of rows)
    if (r.campaign_id !== null && !byId.has(r.campaign_id))
      byId.set(r.campaign_id, { workspaceId: r.workspace_id as WorkspaceId, campaignId: r.campaign_id });
  return [...byId.values()].sort((a, b) => (a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0));
}
