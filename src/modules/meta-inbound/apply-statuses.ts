import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WharfEvent } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyStatusUpdates, type StatusUpdateInput } from "../messages/index.js";
import type { Owner } from "./route-cache.js";
import { insertUnmatched, type UnmatchedStatusRow } from "./unmatched-statuses.repo.js";

export const TRACKED_STATUSES = ["sent", "delivered", "read", "failed"] as const;

/** A status of a processing transaction, applied with the others of the batch once its events are read. */
export interface PendingStatus {
  owners: Owner[];
  input: StatusUpdateInput;
  /** The row kept to try it again when no owner knows the wamid yet (absent: the caller handles that). */
  unmatched?: (now: number) => UnmatchedStatusRow;
}

/**
 * Applies a batch of Meta's statuses in every workspace that owns their numbers; a message lives in
 * the one that sent it. The messages module keeps each message monotonic (sent < delivered < read,
 * failed terminal) with a conditional update, so order and repetition across processes do not
 * matter to the result.
 *
 * What matters on PostgreSQL is the order of the row locks: two workers applying statuses of the
 * same messages in different orders deadlocked (issue 13). One lock order for every transaction
 * that writes statuses: workspaces by id; within one, its messages by id, all locked before any is
 * written (`applyStatusUpdates`); then the unmatched rows by key. Returns, per status, whether any
 * workspace knew its wamid.
 */
export async function applyStatusBatch(
  trx: Executor,
  deps: { clock: Clock },
  pending: PendingStatus[],
  emit: (workspaceId: WorkspaceId, event: WharfEvent) => Promise<unknown>,
): Promise<boolean[]> {
  const found = pending.map(() => false);
  const byWorkspace = new Map<WorkspaceId, number[]>();
  pending.forEach((p, i) => {
    for (const owner of p.owners) {
      let list = byWorkspace.get(owner.workspaceId);
      if (!list) byWorkspace.set(owner.workspaceId, (list = []));
      list.push(i);
    }
  });
  for (const ws of [...byWorkspace.keys()].sort()) {
    const indexes = byWorkspace.get(ws)!;
    const results = await applyStatusUpdates(
      trx,
      deps,
      ws,
      indexes.map((i) => pending[i]!.input),
    );
    for (const [k, res] of results.entries()) {
      if (!res.found) continue;
      const input = pending[indexes[k]!]!.input;
      found[indexes[k]!] = true;
      if (!res.changed) continue;
      await emit(ws, {
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
          ...(input.pricing ? { pricing: input.pricing } : {}),
        },
      });
    }
  }
  const now = deps.clock.now();
  const unmatched = pending
    .filter((p, i) => !found[i] && p.unmatched)
    .map((p) => p.unmatched!(now))
    .sort(compareUnmatchedKeys);
  for (const row of unmatched) await insertUnmatched(trx, row);
  return found;
}

/** The order unmatched rows are written (inserted, retried, deleted) in, by their primary key. */
export function compareUnmatchedKeys(
  a: Pick<UnmatchedStatusRow, "meta_phone_number_id" | "wamid" | "status">,
  b: Pick<UnmatchedStatusRow, "meta_phone_number_id" | "wamid" | "status">,
): number {
  return cmp(a.meta_phone_number_id, b.meta_phone_number_id) || cmp(a.wamid, b.wamid) || cmp(a.status, b.status);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
