import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WharfEvent } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyStatusUpdate, type StatusUpdateInput } from "../messages/index.js";
import type { Owner } from "./route-cache.js";

export const TRACKED_STATUSES = ["sent", "delivered", "read", "failed"] as const;

/**
 * Applies one of Meta's statuses in every workspace that owns the number; the message lives in
 * the one that sent it. The messages module keeps it monotonic (sent < delivered < read, failed
 * terminal) with a conditional update, so order and repetition across processes do not matter.
 * Returns whether any workspace knew the wamid.
 */
export async function applyStatusToOwners(
  trx: Executor,
  deps: { clock: Clock },
  owners: Owner[],
  input: StatusUpdateInput,
  emit: (workspaceId: WorkspaceId, event: WharfEvent) => Promise<void>,
): Promise<boolean> {
  let found = false;
  for (const owner of owners) {
    const res = await applyStatusUpdate(trx, deps, owner.workspaceId, input);
    if (!res.found) continue;
    found = true;
    if (!res.changed) continue;
    await emit(owner.workspaceId, {
      type: "message.status",
      at: deps.clock.now(),
      data: {
        messageId: res.messageId,
        wamid: input.wamid,
        status: res.status,
        previous: res.previous,
        campaignId: res.campaignId,
        timestamp: new Date(input.timestamp).toISOString(),
        ...(input.error ? { error: input.error } : {}),
      },
    });
  }
  return found;
}
