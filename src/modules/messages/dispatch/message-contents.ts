import type { SendMessageRequest } from "../../../graph/index.js";
import type { AnyDb } from "../../../platform/db/index.js";
import { typed } from "../../../platform/db/index.js";
import type { MessagesTables } from "../messages.repo.js";

/**
 * The Meta bodies of a claimed batch, by message id, in one query. The outbox row already proved
 * the workspace (it was written with the message), so this lookup is by primary key alone.
 */
// cross-tenant: the messages of a claimed outbox batch (queue work), whose rows proved the workspace
export async function findMessageContents(db: AnyDb, ids: string[]): Promise<Map<string, SendMessageRequest>> {
  if (ids.length === 0) return new Map();
  const rows = await typed<MessagesTables>(db)
    .selectFrom("messages")
    .select(["id", "content"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.content) as SendMessageRequest]));
}
