import type { AnyDb } from "../../../platform/db/index.js";
import type { Clock } from "../../../platform/clock.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { advanceStatus, insertEvent } from "../messages.repo.js";
import { deleteOutbox, rescheduleOutbox, type OutboxRow } from "../outbox.repo.js";

export type Outcome =
  | { kind: "accepted"; row: OutboxRow; wamid: string }
  | { kind: "retry"; row: OutboxRow; runAt: number; error: string; refund: boolean }
  | { kind: "failed"; row: OutboxRow; error: { code: string; message: string; metaCode: number | null; title: string | null; fbtraceId: string | null } };

/**
 * Writes the outcomes of one batch of sends in one transaction: Meta's wamid (the message is now
 * `sending`, awaiting Meta's status webhooks), a retry time, or a permanent failure with Meta's
 * error. Batching these writes is what lets one number send at 1,000 messages per second.
 */
export async function recordOutcomes(deps: { db: AnyDb; clock: Clock; events: EventBus }, owner: string, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const done: string[] = [];
    for (const o of outcomes) {
      const ws = o.row.workspace_id as WorkspaceId;
      if (o.kind === "accepted") {
        await advanceStatus(trx, ws, o.row.message_id, "sending", { wamid: o.wamid }, now);
        await insertEvent(trx, { message_id: o.row.message_id, status: "sending", at: now, detail: null });
        done.push(o.row.message_id);
      } else if (o.kind === "failed") {
        const e = o.error;
        await advanceStatus(trx, ws, o.row.message_id, "failed", { error_code: e.code, error_message: e.message, meta_error_code: e.metaCode, meta_error_title: e.title, fbtrace_id: e.fbtraceId }, now);
        await insertEvent(trx, { message_id: o.row.message_id, status: "failed", at: now, detail: JSON.stringify(e) });
        done.push(o.row.message_id);
      } else {
        await rescheduleOutbox(trx, o.row.message_id, owner, o.runAt, o.error, o.refund);
      }
    }
    await deleteOutbox(trx, done, owner);
  });
  for (const o of outcomes) {
    if (o.kind === "retry") continue;
    deps.events.publish(o.row.workspace_id as WorkspaceId, { type: "message.status", at: now, data: { id: o.row.message_id, status: o.kind === "accepted" ? "sending" : "failed" } });
  }
}
