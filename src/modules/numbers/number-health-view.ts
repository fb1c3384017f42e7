import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyNumberHealth, findPhoneNumberRow, channelForWorkspace, pauseReasons } from "../connection/index.js";
import { messagingLimitUsage } from "../messages/index.js";
import { flowFailure } from "./flow-errors.js";
import type { NumbersDeps } from "./workflow.js";

/**
 * A number's health as Meta last told it (webhooks, syncs), or read from Meta now with `refresh`:
 * quality, status, display-name review, throughput, whether it can send and why not, and the
 * portfolio's messaging limit with its use in the rolling 24 hours (Meta sets the limit on the
 * business portfolio, shared by all its numbers).
 */
export async function numberHealth(deps: NumbersDeps, workspaceId: WorkspaceId, id: string, refresh: boolean) {
  let row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  if (refresh) {
    const g = await channelForWorkspace(deps, workspaceId);
    const node = await g.numbers
      .get(row.meta_phone_number_id)
      .catch((err: unknown) => Promise.reject(flowFailure(err, "health", "reading the number's health")));
    await applyNumberHealth(deps, node);
    row = (await findPhoneNumberRow(deps.db, workspaceId, id))!;
  }
  const reasons = pauseReasons(row);
  const usage = await messagingLimitUsage(deps, workspaceId);
  return {
    id: row.id,
    qualityRating: row.quality_rating,
    status: row.status,
    nameStatus: row.name_status,
    throughput: row.throughput_mps,
    canSend: reasons.length === 0 && row.can_send !== "BLOCKED",
    metaCanSend: row.can_send,
    paused: reasons.length > 0,
    reasons,
    lifecycle: row.lifecycle,
    limit: {
      scope: "portfolio" as const,
      tier: usage.portfolio?.tier ?? row.messaging_limit,
      limit: usage.portfolio?.limit ?? null,
      used24h: usage.portfolio?.used ?? 0,
    },
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
