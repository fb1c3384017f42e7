import type { AnyDb } from "../../../platform/db/index.js";
import type { Clock } from "../../../platform/clock.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import {
  advanceStatus,
  insertEvent,
  insertEvents,
  SEND_OUTCOME_UNKNOWN,
  type MessageEventRow,
} from "../messages.repo.js";
import { campaignsOf, type CampaignSettlement } from "../campaign-settlement.js";
import { deleteOutbox, rescheduleOutbox, type OutboxRow } from "../outbox.repo.js";
import { savePairRates } from "../number-leases.repo.js";
import type { PairHandover } from "./rate-limits.js";

export type Outcome =
  | { kind: "accepted"; row: OutboxRow; wamid: string }
  /** The request left and no answer came: Meta may have the message. Never sent again from here. */
  | { kind: "unknown"; row: OutboxRow; error: { message: string; networkCode: string | null } }
  | { kind: "retry"; row: OutboxRow; runAt: number; error: string; refund: boolean }
  /** Already sent by an earlier owner of the row (the message has Meta's wamid): it only leaves the outbox. */
  | { kind: "settled"; row: OutboxRow }
  | {
      kind: "failed";
      row: OutboxRow;
      error: { code: string; message: string; metaCode: number | null; title: string | null; fbtraceId: string | null };
    };

/**
 * Writes the outcomes of one batch of sends in one transaction: Meta's wamid (the message is now
 * `sending`, awaiting Meta's status webhooks), a retry time, or a permanent failure with Meta's
 * error. Batching these writes is what lets one number send at 1,000 messages per second.
 * A failure is a `message.status` the workspace's endpoints are owed (Meta will never send a
 * status for it); `sending` is for the dashboard only, so an accepted batch costs no endpoint lookup.
 * A campaign whose last messages these were is completed in the same transaction (`campaigns`),
 * and so is the pair rate state the number's next owner must know (`handover`, see `PairRate`).
 * An `unknown` outcome leaves the outbox too (a resend could reach the customer twice: Meta's
 * `/messages` has no idempotency key); Meta's status webhooks, which echo the message id Wharf put
 * in `biz_opaque_callback_data`, settle it, or `settleUnknownSends` fails it after its window.
 */
export async function recordOutcomes(
  deps: { db: AnyDb; clock: Clock; events: EventBus; campaigns?: CampaignSettlement | undefined },
  owner: string,
  outcomes: Outcome[],
  handover?: { phoneNumberId: string; pairs: PairHandover[] },
): Promise<void> {
  if (outcomes.length === 0) return;
  const now = deps.clock.now();
  const timestamp = new Date(now).toISOString();
  const settling = deps.campaigns ? campaignsOf(outcomes.filter((o) => o.kind !== "retry").map((o) => o.row)) : [];
  await deps.events.transaction(deps.db, async (trx) => {
    if (settling.length > 0) await deps.campaigns!.lock(trx, settling);
    const done: string[] = [];
    // Messages in the lock order of every transaction that writes several (`lockStatusTargets`).
    const ordered = [...outcomes].sort((a, b) => byMessageKey(a.row, b.row));
    // The `sending` rows of the batch go in one statement per 100, not one each.
    const sending: MessageEventRow[] = [];
    for (const o of ordered) {
      const ws = o.row.workspace_id as WorkspaceId;
      if (o.kind === "accepted") {
        await advanceStatus(trx, ws, o.row.message_id, "sending", { wamid: o.wamid }, now);
        sending.push({ message_id: o.row.message_id, status: "sending", at: now, detail: null });
        done.push(o.row.message_id);
        const data = {
          messageId: o.row.message_id,
          wamid: o.wamid,
          status: "sending",
          previous: "queued",
          campaignId: o.row.campaign_id,
          timestamp,
        };
        await deps.events.recordEvent(trx, ws, { type: "message.status", at: now, data }, { endpoints: false });
      } else if (o.kind === "settled") {
        done.push(o.row.message_id);
      } else if (o.kind === "unknown") {
        const advanced = await advanceStatus(
          trx,
          ws,
          o.row.message_id,
          "unknown",
          { error_code: SEND_OUTCOME_UNKNOWN, error_message: o.error.message },
          now,
        );
        await insertEvent(trx, {
          message_id: o.row.message_id,
          status: "unknown",
          at: now,
          detail: JSON.stringify(o.error),
        });
        done.push(o.row.message_id);
        if (advanced) {
          const data = {
            messageId: o.row.message_id,
            wamid: null,
            status: "unknown",
            previous: "queued",
            campaignId: o.row.campaign_id,
            timestamp,
            error: { code: SEND_OUTCOME_UNKNOWN, message: o.error.message },
          };
          await deps.events.recordEvent(trx, ws, { type: "message.status", at: now, data });
        }
      } else if (o.kind === "failed") {
        const e = o.error;
        const advanced = await advanceStatus(
          trx,
          ws,
          o.row.message_id,
          "failed",
          {
            error_code: e.code,
            error_message: e.message,
            meta_error_code: e.metaCode,
            meta_error_title: e.title,
            fbtrace_id: e.fbtraceId,
          },
          now,
        );
        await insertEvent(trx, { message_id: o.row.message_id, status: "failed", at: now, detail: JSON.stringify(e) });
        done.push(o.row.message_id);
        if (advanced) {
          const data = {
            messageId: o.row.message_id,
            wamid: null,
            status: "failed",
            previous: "queued",
            campaignId: o.row.campaign_id,
            timestamp,
            error: e,
          };
          await deps.events.recordEvent(trx, ws, { type: "message.status", at: now, data });
        }
      } else {
        await rescheduleOutbox(trx, o.row.message_id, owner, o.runAt, o.error, o.refund);
      }
    }
    await insertEvents(trx, sending);
    await deleteOutbox(trx, done, owner);
    if (handover) await savePairRates(trx, handover.phoneNumberId, handover.pairs);
    if (settling.length > 0) await deps.campaigns!.settled(trx, settling, now);
  });
}

const byMessageKey = (a: OutboxRow, b: OutboxRow) =>
  a.workspace_id < b.workspace_id
    ? -1
    : a.workspace_id > b.workspace_id
      ? 1
      : a.message_id < b.message_id
        ? -1
        : a.message_id > b.message_id
          ? 1
          : 0;
