import type { AnyDb, Executor } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { contactPages, segmentMembers } from "../inbox/index.js";
import {
  appendRecipients,
  emptyRecipientColumns,
  markAudienceTaken,
  pushRecipient,
  type CampaignRow,
} from "./campaigns.repo.js";

/** Who a campaign goes to besides its listed recipients: a saved segment's members, or a tag's. */
export type CampaignAudience = { segmentId: string } | { tag: string };

export const parseAudience = (json: string | null): CampaignAudience | null =>
  json === null ? null : (JSON.parse(json) as CampaignAudience);

/** Refuses an audience that names no segment of this workspace (NOT_FOUND), before the campaign exists. */
export async function checkAudience(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  audience: CampaignAudience,
): Promise<void> {
  await segmentMembers(db, workspaceId, audience, { limit: 1 });
}

/**
 * The campaign's snapshot of its audience, taken once, when it starts (the expand job, under the
 * campaign's lock): every member at that moment becomes a pending recipient, in one transaction
 * with the mark that it was taken, so a job that runs again neither takes it twice nor half.
 * Contacts who join the segment later are not sent to; consent is checked per recipient when its
 * chunk is admitted (a member who opted out is skipped with the admission rule's code), and a
 * member listed again (a pasted recipient, another upload) is skipped `DUPLICATE_RECIPIENT`.
 * A member known only by email or an external id has no WhatsApp address: it is skipped as
 * `INVALID_RECIPIENT`.
 * A segment deleted before the campaign starts takes nothing: the answer says it is gone (the
 * caller ends the campaign `failed`, AUDIENCE_NOT_FOUND).
 */
export async function takeAudience(
  trx: Executor,
  workspaceId: WorkspaceId,
  campaign: Pick<CampaignRow, "id" | "audience" | "audience_taken_at">,
  now: number,
): Promise<{ added: number } | { missingSegment: string }> {
  const audience = parseAudience(campaign.audience);
  if (audience === null || campaign.audience_taken_at !== null) return { added: 0 };
  if ("segmentId" in audience)
    try {
      await checkAudience(trx, workspaceId, audience);
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") return { missingSegment: audience.segmentId };
      throw err;
    }
  let added = 0;
  for await (const members of contactPages(trx, workspaceId, audience, 1000)) {
    const columns = emptyRecipientColumns();
    for (const m of members) pushRecipient(columns, { to: m.phone ?? m.waId });
    added += await appendRecipients(trx, workspaceId, campaign.id, columns);
  }
  await markAudienceTaken(trx, workspaceId, campaign.id, now);
  return { added };
}
