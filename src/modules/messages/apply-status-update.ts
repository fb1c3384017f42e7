import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { advanceStatus, insertEvent, lockStatusTargets, type MessageRow } from "./messages.repo.js";

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
 * Applies statuses from Meta's webhooks, in the caller's transaction. sent < delivered < read never
 * goes backwards whatever order they arrive in; failed is terminal. Every status is kept once in
 * the message's timeline. `found: false` means the wamid is not (yet) ours: the send's response may
 * not be stored yet, so the caller should retry the status later rather than drop it.
 *
 * The messages are locked first, all of them, in id order (`lockStatusTargets`), and each one's
 * statuses are then applied in the order they came: a batch never waits for a message while
 * holding one that the other transaction needs next, whatever order its statuses are in.
 */
export async function applyStatusUpdates(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  inputs: StatusUpdateInput[],
): Promise<StatusUpdateResult[]> {
  const targets = await lockStatusTargets(trx, workspaceId, [...new Set(inputs.map((i) => i.wamid))]);
  const byWamid = new Map(targets.map((t) => [t.wamid, { ...t, order: 0 }]));
  targets.forEach((t, order) => (byWamid.get(t.wamid)!.order = order));
  const results: StatusUpdateResult[] = inputs.map(() => ({ found: false }));
  const todo = inputs
    .map((input, index) => ({ input, index, message: byWamid.get(input.wamid) }))
    .filter((t) => t.message !== undefined && t.message.direction === "outbound")
    // Stable: a message's statuses keep their order of arrival.
    .sort((a, b) => a.message!.order - b.message!.order || a.index - b.index);
  for (const { input, index, message } of todo) {
    const m = message!;
    const previous = m.status;
    const changed = await applyOne(trx, deps, workspaceId, m.id, input);
    if (changed) m.status = input.status;
    results[index] = {
      found: true,
      messageId: m.id,
      campaignId: m.campaign_id,
      changed,
      previous,
      status: m.status,
    };
  }
  return results;
}

/** One status, for callers that have one; a batch should go through `applyStatusUpdates`. */
export async function applyStatusUpdate(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  input: StatusUpdateInput,
): Promise<StatusUpdateResult> {
  return (await applyStatusUpdates(trx, deps, workspaceId, [input]))[0]!;
}

async function applyOne(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  messageId: string,
  input: StatusUpdateInput,
): Promise<boolean> {
  await insertEvent(trx, {
    message_id: messageId,
    status: input.status,
    at: input.timestamp,
    detail: input.error ? JSON.stringify(input.error) : null,
  });
  const err = input.error;
  return advanceStatus(
    trx,
    workspaceId,
    messageId,
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
}
