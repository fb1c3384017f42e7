import type { SendMessageRequest } from "../../../channels/index.js";
import type { AnyDb } from "../../../platform/db/index.js";
import { typed } from "../../../platform/db/index.js";
import type { MessagesTables } from "../messages.repo.js";

export interface MessageContents {
  /** The Meta bodies of the batch's messages still `queued`, by message id. */
  bodies: Map<string, SendMessageRequest>;
  /**
   * Messages that left `queued` while their row waited in the outbox: a send a dead or stalled
   * dispatcher made whose wamid came later (its own late answer, or Meta's status webhook echoing
   * the id, `adoptInDoubtSends`). Never sent again; their rows just leave the outbox.
   */
  settled: Set<string>;
}

/**
 * The Meta bodies of a claimed batch, by message id, in one query. The outbox row already proved
 * the workspace (it was written with the message), so this lookup is by primary key alone. Each
 * carries Wharf's message id in `biz_opaque_callback_data`, which Meta echoes in every status
 * webhook of the message: a send that got no answer is recognised by it (apply-status-update.ts).
 */
// cross-tenant: the messages of a claimed outbox batch (queue work), whose rows proved the workspace
export async function findMessageContents(db: AnyDb, ids: string[]): Promise<MessageContents> {
  const out: MessageContents = { bodies: new Map(), settled: new Set() };
  if (ids.length === 0) return out;
  const rows = await typed<MessagesTables>(db)
    .selectFrom("messages")
    .select(["id", "content", "status"])
    .where("id", "in", ids)
    .execute();
  for (const r of rows) {
    if (r.status !== "queued") out.settled.add(r.id);
    else out.bodies.set(r.id, { ...(JSON.parse(r.content) as SendMessageRequest), biz_opaque_callback_data: r.id });
  }
  return out;
}
