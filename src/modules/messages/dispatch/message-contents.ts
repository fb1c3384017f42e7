import type { SendMessageRequest } from "../../../channels/index.js";
import type { AnyDb } from "../../../platform/db/index.js";
import { typed } from "../../../platform/db/index.js";
import type { MessagesTables } from "../messages.repo.js";

/**
 * The Meta bodies of a claimed batch, by message id, in one query. The outbox row already proved
 * the workspace (it was written with the message), so this lookup is by primary key alone. Each
 * carries Wharf's message id in `biz_opaque_callback_data`, which Meta echoes in every status
 * webhook of the message: a send that got no answer is recognised by it (apply-status-update.ts).
 */
// cross-tenant: the messages of a claimed outbox batch (queue work), whose rows proved the workspace
export async function findMessageContents(db: AnyDb, ids: string[]): Promise<Map<string, SendMessageRequest>> {
  if (ids.length === 0) return new Map();
  const rows = await typed<MessagesTables>(db)
    .selectFrom("messages")
    .select(["id", "content"])
    .where("id", "in", ids)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { ...(JSON.parse(r.content) as SendMessageRequest), biz_opaque_callback_data: r.id }]),
  );
}
