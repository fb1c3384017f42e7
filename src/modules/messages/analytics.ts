import { z } from "zod";
import { sql } from "kysely";
import type { AnyDb } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { MessagesTables } from "./messages.repo.js";

export type GroupBy = "campaign" | "template" | "phoneNumber";
const COLUMN = { campaign: "campaign_id", template: "template_name", phoneNumber: "phone_number_id" } as const;

/**
 * Outbound outcomes in a time range (by creation time), grouped by campaign, template or number:
 * how many were sent, delivered, read and failed (cumulative, as a funnel), and failures by Meta code.
 */
/** The answer of GET /v1/analytics. */
export const AnalyticsOut = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(["campaign", "template", "phoneNumber"]),
  data: z.array(
    z.object({
      key: z.string().nullable().describe("the campaign id, template name or phone-number id; null: none"),
      total: z.number(),
      sent: z.number(),
      delivered: z.number(),
      read: z.number(),
      failed: z.number(),
      failuresByCode: z.array(
        z.object({ metaCode: z.number().nullable(), code: z.string().nullable(), count: z.number() }),
      ),
    }),
  ),
});

export async function analytics(
  db: AnyDb,
  workspaceId: WorkspaceId,
  q: { from: number; to: number; groupBy: GroupBy },
) {
  const col = COLUMN[q.groupBy];
  const m = typed<MessagesTables>(db);
  const base = m
    .selectFrom("messages")
    .where("workspace_id", "=", workspaceId)
    .where("direction", "=", "outbound")
    .where("created_at", ">=", q.from)
    .where("created_at", "<", q.to);
  const rows = await base
    .select(sql<string | null>`${sql.ref(col)}`.as("key"))
    .select([
      sql<number>`count(*)`.as("total"),
      sql<number>`sum(case when status_rank between 2 and 4 then 1 else 0 end)`.as("sent"),
      sql<number>`sum(case when status_rank between 3 and 4 then 1 else 0 end)`.as("delivered"),
      sql<number>`sum(case when status = 'read' then 1 else 0 end)`.as("read"),
      sql<number>`sum(case when status = 'failed' then 1 else 0 end)`.as("failed"),
    ])
    .groupBy(sql.ref(col))
    .execute();
  const failures = await base
    .where("status", "=", "failed")
    .select(sql<string | null>`${sql.ref(col)}`.as("key"))
    .select(["meta_error_code", "error_code"])
    .select(sql<number>`count(*)`.as("n"))
    .groupBy([sql.ref(col), "meta_error_code", "error_code"])
    .execute();
  return {
    from: new Date(q.from).toISOString(),
    to: new Date(q.to).toISOString(),
    groupBy: q.groupBy,
    data: rows.map((r) => ({
      key: r.key,
      total: Number(r.total),
      sent: Number(r.sent),
      delivered: Number(r.delivered),
      read: Number(r.read),
      failed: Number(r.failed),
      failuresByCode: failures
        .filter((f) => f.key === r.key)
        .map((f) => ({ metaCode: f.meta_error_code, code: f.error_code, count: Number(f.n) })),
    })),
  };
}
