import type { AnyDb, DialectName } from "../../platform/db/index.js";
import { groupCommitter } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import { admitOutbound, type Admission, type OutboundIntent } from "./admission/index.js";
import { writeBatchOrEach, type LoopObserver } from "../../platform/queue/index.js";

/** An admission, or the error of a write that failed even on its own. */
export type WriteResult = Admission | { kind: "error"; error: unknown };

export interface OutboundWriter {
  write(intent: OutboundIntent): Promise<WriteResult>;
}

/**
 * Admits single sends (API, agent replies) through `admitOutbound` the way the webhook receiver stores events:
 * the messages of concurrent requests share one transaction, so durability (an fsync of the WAL
 * on SQLite, a commit round trip on PostgreSQL) is paid once per batch, not per message.
 * Each message still commits with its outbox row and conversation, and the messaging limit is taken
 * inside that same transaction. A batch that fails as a whole (a PostgreSQL deadlock between two
 * processes, say) is written again one message per transaction, so a bad message fails alone.
 */
export function outboundWriter(
  deps: { db: AnyDb; dialect: DialectName; events: EventBus } & LoopObserver,
): OutboundWriter {
  // Each admitted message's `message.queued` is recorded in the transaction that writes it, so its
  // live row commits with the message: recorded after the write, it took a transaction (and, on
  // SQLite, an fsync) of its own per batch.
  const inOwnTransaction = (items: OutboundIntent[]): Promise<WriteResult[]> =>
    deps.events.transaction(deps.db, async (trx) => {
      const results = await admitOutbound(trx, deps, items);
      for (const [i, r] of results.entries()) {
        if (r.kind !== "admitted") continue;
        const intent = items[i]!;
        await deps.events.recordEvent(trx, intent.workspaceId, {
          type: "message.queued",
          at: intent.now,
          data: { id: r.message.id, to: r.message.wa_id },
        });
      }
      return results;
    });
  const committer = groupCommitter<OutboundIntent, WriteResult>({
    maxBatch: 500,
    // One writer on SQLite; on PostgreSQL a few batches may be in flight on the pool.
    maxConcurrent: deps.dialect === "postgres" ? 4 : 1,
    async flush(items) {
      const results = await writeBatchOrEach("outbound-writer", deps, items, inOwnTransaction);
      return results.map((r) => (r.ok ? r.value : { kind: "error", error: r.error }));
    },
  });
  return { write: (item) => committer.add(item) };
}
