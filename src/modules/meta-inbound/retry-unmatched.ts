import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { EventBus } from "../../platform/events.js";
import { writeBatchOrEach, type LoopObserver } from "../../platform/queue/index.js";
import type { StatusUpdateInput } from "../messages/index.js";
import { applyStatusBatch, compareUnmatchedKeys } from "./apply-statuses.js";
import { routeCache } from "./route-cache.js";
import {
  deleteUnmatched,
  dueUnmatched,
  postponeUnmatched,
  type UnmatchedStatusRow,
} from "./unmatched-statuses.repo.js";

/**
 * When a status for an unknown wamid is tried again: 1 s, 3 s, 8 s, 18 s, 38 s and 68 s after it
 * arrived. A send's own response is normally stored within a second of Meta's `sent` webhook;
 * after a minute the status is kept as `flagged` (a message sent by another app on the same
 * number, or one we never stored), visible to the operator, never silently dropped.
 */
export const UNMATCHED_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];

export async function retryUnmatchedStatuses(
  deps: { db: AnyDb; clock: Clock; events: EventBus } & LoopObserver,
  limit = 100,
): Promise<number> {
  const rows = await dueUnmatched(deps.db, deps.clock.now(), limit);
  if (rows.length === 0) return 0;
  // One transaction for the batch (a commit is an fsync on SQLite); if it fails, one per row, so a
  // bad row fails alone and stays due for a later tick.
  await writeBatchOrEach("webhook-unmatched-statuses", deps, rows, async (batch) => {
    await retryInOneTransaction(deps, batch);
    return batch.map(() => undefined);
  });
  return rows.length;
}

async function retryInOneTransaction(
  deps: { db: AnyDb; clock: Clock; events: EventBus },
  rows: UnmatchedStatusRow[],
): Promise<void> {
  await deps.events.transaction(deps.db, async (trx) => {
    const routes = routeCache(trx);
    const pending = [];
    for (const row of rows)
      pending.push({
        owners: await routes.ownersOf(row.meta_phone_number_id, row.waba_id),
        input: JSON.parse(row.payload) as StatusUpdateInput,
      });
    // The lock order of every status transaction (`applyStatusBatch`): messages, then these rows by key.
    const found = await applyStatusBatch(trx, deps, pending, (ws, e) => deps.events.recordEvent(trx, ws, e));
    const settled = rows
      .map((row, i) => ({ row, found: found[i]! }))
      .sort((a, b) => compareUnmatchedKeys(a.row, b.row));
    for (const { row, found } of settled) {
      if (found) await deleteUnmatched(trx, row);
      else {
        const next = row.attempts + 1;
        await postponeUnmatched(trx, row, {
          runAt: deps.clock.now() + (UNMATCHED_DELAYS_MS[next] ?? 0),
          flagged: next >= UNMATCHED_DELAYS_MS.length,
        });
      }
    }
  });
}
