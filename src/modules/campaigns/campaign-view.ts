import { z } from "zod";
import type { AnyDb } from "../../platform/db/index.js";
import { notFound } from "../../platform/errors/index.js";
import { CAMPAIGN_STATUSES } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection } from "../connection/index.js";
import { campaignMessageCounts } from "../messages/index.js";
import { recipientCounts, findCampaign, listCampaigns, type CampaignRow } from "./campaigns.repo.js";
import { parseAudience } from "./take-audience.js";

const Counts = z.object({
  total: z.number(),
  queued: z.number(),
  unknown: z.number().describe("handed to Meta without an answer; not sent again"),
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  failed: z.number(),
  skipped: z.number(),
});

/** What every campaign route answers with (`describeCampaign`). */
export const CampaignOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z
    .enum([...CAMPAIGN_STATUSES, "needs_reconnect"])
    .describe(
      "completed: every recipient handed to Meta; completed_with_skips: some were skipped (see skippedReasons); failed: all were; needs_reconnect: running but paused by a lapsed token",
    ),
  from: z.string().describe("our phone-number id (pn_...)"),
  template: z.object({
    name: z.string(),
    language: z.string(),
    components: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe("Meta's template components every recipient gets"),
  }),
  audience: z
    .union([z.object({ segmentId: z.string() }), z.object({ tag: z.string() })])
    .nullable()
    .describe("a saved segment's or a tag's contacts, besides the listed recipients"),
  audienceTakenAt: z.string().nullable().describe("when the audience's members were snapshotted (at start)"),
  failureReason: z
    .string()
    .nullable()
    .describe("why a `failed` campaign could not start (its segment was deleted before it did); null otherwise"),
  scheduledAt: z.string().nullable(),
  createdAt: z.string(),
  counts: Counts.describe("each message in exactly one bucket (its current status): they add up to the total"),
  funnel: z
    .object({ sent: z.number(), delivered: z.number(), read: z.number() })
    .describe("cumulative: delivered includes read"),
  skippedReasons: z.record(z.string(), z.number()).describe("why recipients were skipped: error code → how many"),
  warnings: z
    .array(z.object({ code: z.literal("SCHEDULED_AT_PAST"), message: z.string() }))
    .optional()
    .describe("only in the answer to the request that caused them"),
});
export type CampaignView = z.infer<typeof CampaignOut>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Status and counts. Each message is in exactly one bucket (its current status), so the counts
 * add up to the total; `funnel` gives the cumulative view (delivered includes read).
 * A running campaign of a workspace whose token lapsed shows `needs_reconnect`: it is paused by
 * the lapse, and nothing is marked failed.
 */
type ViewDeps = { db: AnyDb };

export async function describeCampaign(
  { db }: ViewDeps,
  workspaceId: WorkspaceId,
  row: CampaignRow,
): Promise<CampaignView> {
  const recipients = await recipientCounts(db, workspaceId, row.id);
  const messages = await campaignMessageCounts(db, workspaceId, row.id);
  const pending = recipients.filter((r) => r.state === "pending").reduce((a, r) => a + r.n, 0);
  const skipped = recipients.filter((r) => r.state === "skipped");
  const m = messages.byStatus;
  const counts = {
    total: row.total,
    queued: pending + (m.queued ?? 0) + (m.sending ?? 0),
    // Sent without an answer from Meta: not sent again, waiting for Meta's statuses (docs/events.md).
    unknown: m.unknown ?? 0,
    sent: m.sent ?? 0,
    delivered: m.delivered ?? 0,
    read: m.read ?? 0,
    failed: m.failed ?? 0,
    skipped: skipped.reduce((a, r) => a + r.n, 0),
  };
  // Completion is recorded when the last recipient settles (complete-campaign.ts), never by a read.
  let status: CampaignView["status"] = row.status;
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
      ...(row.template_components
        ? { components: JSON.parse(row.template_components) as Array<Record<string, unknown>> }
        : {}),
    },
    audience: parseAudience(row.audience),
    audienceTakenAt: iso(row.audience_taken_at === null ? null : Number(row.audience_taken_at)),
    failureReason: row.failure_reason ?? null,
    scheduledAt: iso(row.scheduled_at),
    createdAt: new Date(row.created_at).toISOString(),
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
