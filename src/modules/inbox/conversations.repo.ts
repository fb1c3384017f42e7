import { sql, type RawBuilder } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { ContactRow } from "./contacts.repo.js";

export interface ConversationRow {
  id: string;
  workspace_id: string;
  phone_number_id: string;
  wa_id: string;
  last_message_at: number;
  last_inbound_at: number | null;
  window_expires_at: number | null;
  unread_count: number;
  last_read_at: number | null;
  created_at: number;
  updated_at: number;
}

interface Tables {
  conversations: ConversationRow;
  contacts: ContactRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

/** The later of the stored value and the incoming one: webhooks arrive out of order, times only move forward. */
const later = (column: keyof ConversationRow): RawBuilder<number> =>
  sql<number>`case when ${sql.ref(`conversations.${column}`)} is null or ${sql.ref(`conversations.${column}`)} < ${sql.ref(`excluded.${column}`)} then ${sql.ref(`excluded.${column}`)} else ${sql.ref(`conversations.${column}`)} end`;

/** One statement whatever the state: creates the conversation or moves its times forward and counts the message unread. */
export async function upsertInboundConversation(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { id: string; phoneNumberId: string; waId: string; at: number; windowExpiresAt: number | null; now: number },
): Promise<string> {
  const res = await upsertInboundHot(
    executor,
    input.id,
    workspaceId,
    input.phoneNumberId,
    input.waId,
    input.at,
    input.windowExpiresAt,
    input.now,
  );
  return res.rows[0]!.id;
}

// Once per inbound message: built and compiled once (platform/db/hot-query.ts).
const upsertInboundHot = hotQuery(
  (
    db,
    [id, workspaceId, phoneNumberId, waId, at, windowExpiresAt, now]: [
      string,
      string,
      string,
      string,
      number,
      number | null,
      number,
    ],
  ) =>
    q(db)
      .insertInto("conversations")
      .values({
        id,
        workspace_id: workspaceId,
        phone_number_id: phoneNumberId,
        wa_id: waId,
        last_message_at: at,
        last_inbound_at: at,
        window_expires_at: windowExpiresAt,
        unread_count: 1,
        last_read_at: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["workspace_id", "phone_number_id", "wa_id"]).doUpdateSet({
          last_message_at: later("last_message_at"),
          last_inbound_at: later("last_inbound_at"),
          window_expires_at: later("window_expires_at"),
          unread_count: sql<number>`conversations.unread_count + 1`,
          updated_at: now,
        }),
      )
      .returning("id"),
);

/** An outbound message: keeps lastMessageAt current (creating the conversation for a first template). */
const upsertOutboundHot = hotQuery(
  (db, [id, workspaceId, phoneNumberId, waId, at]: [string, string, string, string, number]) =>
    q(db)
      .insertInto("conversations")
      .values({
        id,
        workspace_id: workspaceId,
        phone_number_id: phoneNumberId,
        wa_id: waId,
        last_message_at: at,
        last_inbound_at: null,
        window_expires_at: null,
        unread_count: 0,
        last_read_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "phone_number_id", "wa_id"])
          .doUpdateSet({ last_message_at: later("last_message_at"), updated_at: at }),
      ),
);

/** Every send touches its conversation (a hot query). */
export async function upsertOutboundConversation(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { id: string; phoneNumberId: string; waId: string; at: number },
): Promise<void> {
  await upsertOutboundHot(executor, input.id, workspaceId, input.phoneNumberId, input.waId, input.at);
}

export type ConversationWithContact = ConversationRow & { contact_name: string | null };

function withContact(db: AnyDb | Executor, workspaceId: WorkspaceId) {
  return q(db)
    .selectFrom("conversations")
    .leftJoin("contacts", (j) =>
      j
        .onRef("contacts.workspace_id", "=", "conversations.workspace_id")
        .onRef("contacts.wa_id", "=", "conversations.wa_id"),
    )
    .selectAll("conversations")
    .select((eb) => eb.fn.coalesce("contacts.name", "contacts.profile_name").as("contact_name"))
    .where("conversations.workspace_id", "=", workspaceId);
}

export async function findConversationRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<ConversationWithContact | null> {
  return (await withContact(db, workspaceId).where("conversations.id", "=", id).executeTakeFirst()) ?? null;
}

/** Most recent first; the cursor is the last row's (lastMessageAt, id), so paging is stable while messages arrive. */
export async function listConversationRows(
  db: AnyDb,
  workspaceId: WorkspaceId,
  page: {
    after: { lastMessageAt: number; id: string } | null;
    limit: number;
    phoneNumberId?: string;
    waId?: string;
    unreadOnly?: boolean;
  },
): Promise<ConversationWithContact[]> {
  const after = page.after;
  return withContact(db, workspaceId)
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("conversations.last_message_at", "<", after!.lastMessageAt),
          eb.and([
            eb("conversations.last_message_at", "=", after!.lastMessageAt),
            eb("conversations.id", "<", after!.id),
          ]),
        ]),
      ),
    )
    .$if(page.phoneNumberId !== undefined, (qb) => qb.where("conversations.phone_number_id", "=", page.phoneNumberId!))
    .$if(page.waId !== undefined, (qb) => qb.where("conversations.wa_id", "=", page.waId!))
    .$if(page.unreadOnly === true, (qb) => qb.where("conversations.unread_count", ">", 0))
    .orderBy("conversations.last_message_at", "desc")
    .orderBy("conversations.id", "desc")
    .limit(page.limit)
    .execute();
}

export async function markConversationRowRead(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  now: number,
): Promise<boolean> {
  const res = await q(db)
    .updateTable("conversations")
    .set({ unread_count: 0, last_read_at: now, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
