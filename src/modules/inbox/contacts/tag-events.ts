import type { Executor } from "../../../platform/db/index.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";

/** Who records `contact.tag_added` for the tags a change added, and as what. */
export interface TagEvents {
  events: EventBus;
  at: number;
  source: "api" | "automation";
}

/**
 * Records `contact.tag_added` for each tag the contact did not have, in the transaction that added
 * it (opened with `events.transaction`): the tag_added trigger hears exactly the committed additions.
 */
export async function recordTagsAdded(
  trx: Executor,
  record: TagEvents,
  workspaceId: WorkspaceId,
  contact: { id: string; waId: string },
  added: string[],
): Promise<void> {
  for (const tag of added)
    await record.events.recordEvent(trx, workspaceId, {
      type: "contact.tag_added",
      at: record.at,
      data: { contactId: contact.id, waId: contact.waId, tag, source: record.source },
    });
}
