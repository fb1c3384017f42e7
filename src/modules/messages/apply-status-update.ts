import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { advanceStatus, findStatusTarget, insertEvent, type MessageRow } from "./messages.repo.js";

export interface StatusUpdateInput {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed";
  /** Meta's timestamp, ms. */
  timestamp: number;
  /** For failed: Meta's first error. */
  error?: { code: number; title?: string | null; message?: string | null; details?: string | null } | null;
}

export type StatusUpdateResult =
  | { found: false }
  | {
      found: true;
      messageId: string;
      campaignId: string | null;
      changed: boolean;
      previous: MessageRow["status"];
      status: MessageRow["status"];
    };

/**
 * Applies one status from Meta's webhook. sent < delivered < read never goes backwards whatever
 * order they arrive in; failed is terminal. Every status is kept once in the message's timeline.
 * `found: false` means the wamid is not (yet) ours: the send's response may not be stored yet, so
 * the caller should retry the event later rather than drop it.
 */
export async function applyStatusUpdate(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  input: StatusUpdateInput,
): Promise<StatusUpdateResult> {
  const message = await findStatusTarget(trx, workspaceId, input.wamid);
  if (!message || message.direction !== "outbound") return { found: false };
  await insertEvent(trx, {
    message_id: message.id,
    status: input.status,
    at: input.timestamp,
    detail: input.error ? JSON.stringify(input.error) : null,
  });
  const err = input.error;
  const changed = await advanceStatus(
    trx,
    workspaceId,
    message.id,
    input.status,
    {
      meta_timestamp: input.timestamp,
      ...(input.status === "failed" && err
        ? {
            error_code: "META_DELIVERY_FAILED",
            error_message: err.details ?? err.message ?? err.title ?? `Meta error ${err.code}`,
            meta_error_code: err.code,
            meta_error_title: err.title ?? null,
          }
        : {}),
    },
    deps.clock.now(),
  );
  const status = changed ? input.status : message.status;
  return {
    found: true,
    messageId: message.id,
    campaignId: message.campaign_id,
    changed,
    previous: message.status,
    status,
  };
}
