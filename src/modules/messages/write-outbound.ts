import type { AnyDb, DialectName, Executor } from "../../platform/db/index.js";
import { groupCommitter } from "../../platform/db/index.js";
import { AppError } from "../../platform/http/index.js";
import { writeBatchOrEach, type LoopObserver } from "../../platform/queue/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { noteOutboundMessage } from "../inbox/index.js";
import { admitToReach, tierLimit } from "./messaging-limit.js";
import { insertMessagesIfNew, type MessageRow } from "./messages.repo.js";
import { insertOutbox } from "./outbox.repo.js";

export interface OutboundWrite {
  row: MessageRow;
  phone: { id: string; messaging_limit: string | null; display_phone_number: string };
}

/** `duplicate`: the workspace already has a message with this idempotency key (a replay or a race). */
export type WriteResult = { kind: "written" } | { kind: "duplicate" } | { kind: "refused"; error: AppError } | { kind: "error"; error: unknown };

export interface OutboundWriter {
  write(item: OutboundWrite): Promise<WriteResult>;
}

/**
 * Writes accepted single sends (API, agent replies) the way the webhook receiver stores events:
 * the messages of concurrent requests share one transaction, so durability (an fsync on SQLite
 * with synchronous=FULL, a commit round trip on PostgreSQL) is paid once per batch, not per message.
 * Each message still commits with its outbox row and conversation, and the messaging limit is taken
 * inside that same transaction. A batch that fails as a whole (a PostgreSQL deadlock between two
 * processes, say) is written again one message per transaction, so a bad message fails alone.
 */
export function outboundWriter(deps: { db: AnyDb; dialect: DialectName } & LoopObserver): OutboundWriter {
  const inOwnTransaction = (items: OutboundWrite[]) => deps.db.transaction().execute((trx) => writeOutbound(trx, deps.dialect, items));
  const committer = groupCommitter<OutboundWrite, WriteResult>({
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

/** The writes of one batch, in the caller's transaction. */
async function writeOutbound(trx: Executor, dialect: DialectName, items: OutboundWrite[]): Promise<WriteResult[]> {
  const results: (WriteResult | undefined)[] = new Array(items.length);
  const now = Math.max(...items.map((i) => i.row.created_at));

  // Business-initiated sends per number, numbers in id order (the lock order across processes).
  const limited = new Map<string, number[]>();
  items.forEach((item, i) => {
    if (item.row.business_initiated !== 1 || !Number.isFinite(tierLimit(item.phone.messaging_limit))) return;
    limited.set(item.phone.id, [...(limited.get(item.phone.id) ?? []), i]);
  });
  for (const phoneId of [...limited.keys()].sort()) {
    const indexes = limited.get(phoneId)!;
    const { phone, row } = items[indexes[0]!]!;
    const admitted = await admitToReach(trx, dialect, row.workspace_id as WorkspaceId, phone, indexes.map((i) => items[i]!.row.wa_id), now);
    for (const i of indexes) if (!admitted.has(items[i]!.row.wa_id)) results[i] = { kind: "refused", error: limitReached(phone) };
  }

  const candidates = items.filter((_, i) => results[i] === undefined);
  const inserted = await insertMessagesIfNew(trx, candidates.map((c) => c.row));
  const written = candidates.filter((c) => inserted.has(c.row.id));

  // A conversation the business starts shows in the inbox, and replies keep it current. Keyed and
  // sorted, so two batches touch conversation rows in the same order.
  const conversations = new Map<string, { workspaceId: WorkspaceId; phoneNumberId: string; waId: string; at: number }>();
  for (const { row } of written) {
    const key = `${row.workspace_id}\u0000${row.phone_number_id}\u0000${row.wa_id}`;
    const at = Math.max(conversations.get(key)?.at ?? 0, row.created_at);
    conversations.set(key, { workspaceId: row.workspace_id as WorkspaceId, phoneNumberId: row.phone_number_id, waId: row.wa_id, at });
  }
  for (const key of [...conversations.keys()].sort()) {
    const c = conversations.get(key)!;
    await noteOutboundMessage(trx, c.workspaceId, { phoneNumberId: c.phoneNumberId, waId: c.waId, at: c.at });
  }
  const outbox = written.map(({ row }) => ({ message_id: row.id, workspace_id: row.workspace_id, phone_number_id: row.phone_number_id, wa_id: row.wa_id, campaign_id: null, state: "ready" as const, run_at: row.created_at, attempts: 0, lease_owner: null, lease_until: null, last_error: null }));
  await insertOutbox(trx, outbox);

  return items.map((item, i) => results[i] ?? (inserted.has(item.row.id) ? { kind: "written" } : { kind: "duplicate" }));
}

export function limitReached(phone: { display_phone_number: string; messaging_limit: string | null }): AppError {
  const limit = tierLimit(phone.messaging_limit);
  return new AppError("MESSAGING_LIMIT_REACHED", `${phone.display_phone_number} reached its messaging limit: ${limit} unique customers with business-initiated messages in 24 hours. Replies inside a customer's 24-hour window are not limited.`);
}
