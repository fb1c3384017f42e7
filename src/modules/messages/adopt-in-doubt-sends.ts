import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { adoptQueuedSend, insertEvent } from "./messages.repo.js";
import { findInDoubt, settleInDoubt } from "./outbox.repo.js";

/**
 * Settles sends whose outbox row is in doubt (a dispatcher died, or stalled past its lease, after
 * claiming them and before recording Meta's answer; `markInDoubt`) from Meta's status webhook,
 * which echoes Wharf's message id in `biz_opaque_callback_data`: the message gets the webhook's
 * wamid and goes on to `sending` (the caller's status then moves it further), and its outbox row
 * is made due now, held by nobody, so the number's pump takes it out of the outbox without
 * sending it again (it sends only messages still `queued`, number-pump.ts) and completes its
 * campaign if it was the last. Returns the ids adopted.
 *
 * The candidates are read first; each message is then locked by its conditional update before its
 * outbox row, the order of a dispatch batch's outcome transaction (messages, then the outbox). On
 * PostgreSQL a claim may take the row between the read and the reset: the reset then changes
 * nothing and the pump, having read the message after our commit or before it, either sees the
 * wamid (no send) or sends it again - the duplicate the grace period exists to make rare.
 */
export async function adoptInDoubtSends(
  trx: Executor,
  workspaceId: WorkspaceId,
  pairs: Array<{ id: string; wamid: string }>,
  now: number,
): Promise<string[]> {
  const candidates = new Set(
    await findInDoubt(
      trx,
      workspaceId,
      pairs.map((p) => p.id),
      now,
    ),
  );
  if (candidates.size === 0) return [];
  const adopted: string[] = [];
  // In id order: the lock order of every transaction that writes several messages.
  for (const { id, wamid } of pairs.filter((p) => candidates.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!(await adoptQueuedSend(trx, workspaceId, id, wamid, now))) continue;
    await settleInDoubt(trx, workspaceId, id, now);
    await insertEvent(trx, { message_id: id, status: "sending", at: now, detail: null });
    adopted.push(id);
  }
  return adopted;
}
