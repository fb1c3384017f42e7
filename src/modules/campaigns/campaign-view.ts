import type { AnyDb } from "../../platform/db/index.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection } from "../connection/index.js";
import { campaignMessageCounts } from "../messages/index.js";
import { recipientCounts, findCampaign, listCampaigns, type CampaignRow } from "./campaigns.repo.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Status and counts. Each message is in exactly one bucket (its current status), so the counts
 * add up to the total; `funnel` gives the cumulative view (delivered includes read).
 * A running campaign of a workspace whose token lapsed shows `needs_reconnect`: it is paused by
 * the lapse, and nothing is marked failed.
 */
type ViewDeps = { db: AnyDb };

export async function describeCampaign({ db }: ViewDeps, workspaceId: WorkspaceId, row: CampaignRow) {
  const recipients = await recipientCounts(db, workspaceId, row.id);
  const messages = await campaignMessageCounts(db, workspaceId, row.id);
  const pending = recipients.filter((r) => r.state === "pending").reduce((a, r) => a + r.n, 0);
  const skipped = recipients.filter((r) => r.state === "skipped");
  const m = messages.byStatus;
  const counts = {
    total: row.total,
    queued: pending + (m.queued ?? 0) + (m.sending ?? 0),
    sent: m.sent ?? 0,
    delivered: m.delivered ?? 0,
    read: m.read ?? 0,
    failed: m.failed ?? 0,
    skipped: skipped.reduce((a, r) => a + r.n, 0),
  };
  // Completion is recorded when the last recipient settles (complete-campaign.ts), never by a read.
  let status: string = row.status;
  if (row.status === "running" && (await findConnection(db, workspaceId))?.status === "needs_reconnect") {
    status = "needs_reconnect";
  }
  return {
    id: row.id,
    name: row.name,
    status,
    from: row.phone_number_id,
    template: {
      name: row.template_name,
      language: row.template_language,
      ...(row.template_components ? { components: JSON.parse(row.template_components) as unknown[] } : {}),
    },
    scheduledAt: iso(row.scheduled_at),
    createdAt: iso(row.created_at),
    counts,
    funnel: {
      sent: counts.sent + counts.delivered + counts.read,
      delivered: counts.delivered + counts.read,
      read: counts.read,
    },
    skippedReasons: Object.fromEntries(skipped.map((r) => [r.reason ?? "UNKNOWN", r.n])),
  };
}

export async function getCampaign(deps: ViewDeps, workspaceId: WorkspaceId, id: string) {
  const row = await findCampaign(deps.db, workspaceId, id);
  if (!row) throw notFound("The campaign");
  return describeCampaign(deps, workspaceId, row);
}

export async function listCampaignPage(
  deps: ViewDeps,
  workspaceId: WorkspaceId,
  cursor: string | undefined,
  limit: number,
) {
  const rows = await listCampaigns(deps.db, workspaceId, cursor, limit + 1);
  const page = rows.slice(0, limit);
  return {
    data: await Promise.all(page.map((r) => describeCampaign(deps, workspaceId, r))),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
