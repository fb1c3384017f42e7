import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { viewContacts, type ContactView } from "./contact-view.js";
import { addTagRows, findContactByKey, removeTagRows, type ContactKey } from "./directory.repo.js";
import { Tag } from "./filter.js";
import { recordTagsAdded, type TagEvents } from "./tag-events.js";
import { normalizeEmail } from "./upsert-contact.js";

function tagsOf(tags: string[]): string[] {
  return [
    ...new Set(
      tags.map((t) => {
        const parsed = Tag.safeParse(t);
        if (!parsed.success)
          throw new AppError(
            "VALIDATION_FAILED",
            `"${t.slice(0, 80)}" is not a tag: ${parsed.error.issues[0]?.message}.`,
          );
        return parsed.data;
      }),
    ),
  ];
}

/**
 * Adds tags to a contact in the caller's transaction; tags are lower-cased. With `record`, the
 * tags it did not have are recorded as `contact.tag_added` (the transaction must be the bus's).
 */
export async function addContactTags(
  trx: Executor,
  workspaceId: WorkspaceId,
  contact: { id: string; waId: string },
  tags: string[],
  record?: TagEvents,
): Promise<string[]> {
  const added = await addTagRows(trx, workspaceId, contact.id, tagsOf(tags));
  if (record) await recordTagsAdded(trx, record, workspaceId, contact, added);
  return added;
}

export async function removeContactTags(
  trx: Executor,
  workspaceId: WorkspaceId,
  contactId: string,
  tags: string[],
): Promise<void> {
  await removeTagRows(trx, workspaceId, contactId, tagsOf(tags));
}

/** A contact by id, phone (`+` or not), email or external id; null when the workspace has none. */
export async function findContact(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  key: ContactKey | { phone: string },
): Promise<ContactView | null> {
  let k: ContactKey;
  if ("phone" in key) {
    const digits = key.phone.replace(/[\s().-]/g, "").replace(/^\+/, "");
    k = { waId: digits };
  } else if ("email" in key) k = { email: normalizeEmail(key.email) };
  else k = key;
  const row = await findContactByKey(db, workspaceId, k);
  return row ? ((await viewContacts(db, workspaceId, [row]))[0] ?? null) : null;
}
