import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { EventBus } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { advanceStatus, insertEvent, SEND_OUTCOME_UNKNOWN, staleUnknownSends } from "./messages.repo.js";

/**
 * How long a send held as `unknown` waits for Meta's word. Meta sends `sent` within seconds of
 * accepting a message, and Wharf retries a status it cannot place for about a minute; a quarter of
 * an hour of silence means Meta most likely never took it. Still a guess: a status that arrives
 * later moves the message on (apply-status-update.ts).
 */
export const UNKNOWN_SEND_WINDOW_MS = 15 * 60_000;

/**
 * Fails the sends that stayed `unknown` past the window, with `SEND_OUTCOME_UNKNOWN`: they are not
 * sent again (the customer may have the message), the workspace is told, and whoever owns the
 * message decides whether to send it again. The rank-guarded update makes each one fail once
 * however many processes sweep at the same time.
 */
export async function settleUnknownSends(
  deps: { db: AnyDb; clock: Clock; events: EventBus },
  windowMs = UNKNOWN_SEND_WINDOW_MS,
  limit = 100,
): Promise<number> {
  const now = deps.clock.now();
  const stale = await staleUnknownSends(deps.db, now - windowMs, limit);
  let failed = 0;
  for (const m of stale) {
    const ws = m.workspace_id as WorkspaceId;
    const error = {
      code: SEND_OUTCOME_UNKNOWN,
      message: `Meta gave no answer to the send and no status for it in ${Math.round(windowMs / 60_000)} minutes. It was not sent again and may still have reached the customer; send it again yourself if it matters.`,
      metaCode: null,
      title: null,
      fbtraceId: null,
    };
    await deps.events.transaction(deps.db, async (trx) => {
      const advanced = await advanceStatus(
        trx,
        ws,
        m.id,
        "failed",
        { error_code: error.code, error_message: error.message },
        now,
      );
      if (!advanced) return;
      failed += 1;
      await insertEvent(trx, { message_id: m.id, status: "failed", at: now, detail: JSON.stringify(error) });
      const data = {
        messageId: m.id,
        wamid: null,
        status: "failed",
        previous: "unknown",
        campaignId: m.campaign_id,
        timestamp: new Date(now).toISOString(),
        error,
      };
      await deps.events.recordEvent(trx, ws, { type: "message.status", at: now, data });
    });
  }
  return failed;
}
