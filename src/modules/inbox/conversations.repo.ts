import { sql, type RawBuilder } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { containsPattern, hotInsert, hotQuery, keyRounds, typed, workspaceTable } from "../../platform/db/index.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { ContactRow } from "./contacts.repo.js";
import { moveNotes } from "./conversation-notes.repo.js";

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
  /** open (an agent should act) | pending (waiting on the customer) | resolved; an inbound message reopens it. */
  status: ConversationStatus;
  assignee_user_id: string | null;
  /** A JSON array of lowercase labels. */
  labels: string;
  created_at: number;
  updated_at: number;
}

export type ConversationStatus = "open" | "pending" | "resolved";

interface Tables {
  conversations: ConversationRow;
  contacts: ContactRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const conversations = workspaceTable<ConversationRow>({ table: "conversations" });

/** The later of the stored value and the incoming one: webhooks arrive out of order, times only move forward. */
const later = (column: keyof ConversationRow): RawBuilder<number> =>
  sql<number>`case when ${sql.ref(`conversations.${column}`)} is null or ${sql.ref(`conversations.${column}`)} < ${sql.ref(`excluded.${column}`)} then ${sql.ref(`excluded.${column}`)} else ${sql.ref(`conversations.${column}`)} end`;

/** What identifies a conversation: one per customer and number of a workspace. */
const CONVERSATION_KEY = ["workspace_id", "phone_number_id", "wa_id"] as const;

/** A conversation's row as its first message creates it (never read yet; updated when created). */
const newConversation = (
  [id, workspaceId, phoneNumberId, waId]: [string, string, string, string],
  first: Pick<
    ConversationRow,
    "last_message_at" | "last_inbound_at" | "window_expires_at" | "unread_count" | "created_at"
  >,
) => ({
  id,
  workspace_id: workspaceId,
  phone_number_id: phoneNumberId,
  wa_id: waId,
  last_read_at: null,
  status: "open" as const,
  assignee_user_id: null,
  labels: "[]",
  updated_at: first.created_at,
  ...first,
});

/**
 * The conversations of a processing batch's inbound messages: each created, or its times moved
 * forward, its unread count up by one and reopened. One statement per 100 distinct conversations;
 * one that got two messages is upserted in a second round, as if one by one. The conversation's
 * id for each input, in order.
 */
// cross-tenant: a webhook processing batch holds several workspaces' rows, each carrying its own workspace_id
export async function upsertInboundConversations(
  executor: Executor,
  inputs: ReadonlyArray<{
    workspaceId: WorkspaceId;
    phoneNumberId: string;
    waId: string;
    at: number;
    windowExpiresAt: number | null;
    now: number;
  }>,
): Promise<string[]> {
  const keyOf = (c: { workspace_id: string; phone_number_id: string; wa_id: string }) =>
    `${c.workspace_id}\u0000${c.phone_number_id}\u0000${c.wa_id}`;
  const rows = inputs.map((c) =>
    newConversation([newId("con", c.now), c.workspaceId, c.phoneNumberId, c.waId], {
      last_message_at: c.at,
      last_inbound_at: c.at,
      window_expires_at: c.windowExpiresAt,
      unread_count: 1,
      created_at: c.now,
    }),
  );
  const ids = new Map<string, string>();
  for (const round of keyRounds(rows, keyOf))
    for (let i = 0; i < round.length; i += 100)
      for (const r of (await upsertInboundHot(executor, round.slice(i, i + 100))).rows) ids.set(keyOf(r), r.id);
  return rows.map((r) => ids.get(keyOf(r))!);
}

const CONVERSATION_COLUMNS = [
  "id",
  "workspace_id",
  "phone_number_id",
  "wa_id",
  "last_message_at",
  "last_inbound_at",
  "window_expires_at",
  "unread_count",
  "last_read_at",
  "status",
  "assignee_user_id",
  "labels",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof ConversationRow)[];

// Once per processing batch: built and compiled once per row count (platform/db/hot-query.ts).
const upsertInboundHot = hotInsert<
  ConversationRow,
  Pick<ConversationRow, "id" | "workspace_id" | "phone_number_id" | "wa_id">
>(CONVERSATION_COLUMNS, (db, rows) =>
  q(db)
    .insertInto("conversations")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(CONVERSATION_KEY).doUpdateSet({
        last_message_at: later("last_message_at"),
        last_inbound_at: later("last_inbound_at"),
        window_expires_at: later("window_expires_at"),
        unread_count: sql<number>`conversations.unread_count + 1`,
        // The customer wrote again: a conversation that was waiting on them or done needs an agent.
        status: "open",
        updated_at: sql<number>`excluded.updated_at`,
      }),
    )
    .returning(["id", "workspace_id", "phone_number_id", "wa_id"]),
);

/** An outbound message: keeps lastMessageAt current (creating the conversation for a first template). */
const upsertOutboundHot = hotQuery(
  (db, [id, workspaceId, phoneNumberId, waId, at]: [string, string, string, string, number]) =>
    q(db)
      .insertInto("conversations")
      .values(
        newConversation([id, workspaceId, phoneNumberId, waId], {
          last_message_at: at,
          last_inbound_at: null,
          window_expires_at: null,
          unread_count: 0,
          created_at: at,
        }),
      )
      .onConflict((oc) =>
        oc.columns(CONVERSATION_KEY).doUpdateSet({ last_message_at: later("last_message_at"), updated_at: at }),
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

export type ConversationWithContact = ConversationRow & {
  contact_name: string | null;
  contact_username: string | null;
};

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
    .select("contacts.username as contact_username")
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
    status?: ConversationStatus;
    /** A user id, or null for conversations assigned to no one. */
    assignee?: string | null;
    label?: string;
    /** Lowercase words to find in the contact's name, profile name, username or number, or the conversations `alsoKeys` names. */
    search?: { text: string; alsoKeys: Array<{ phoneNumberId: string; waId: string }> };
  },
): Promise<ConversationWithContact[]> {
  const after = page.after;
  const search = page.search;
  return (
    withContact(db, workspaceId)
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
      .$if(page.phoneNumberId !== undefined, (qb) =>
        qb.where("conversations.phone_number_id", "=", page.phoneNumberId!),
      )
      .$if(page.waId !== undefined, (qb) => qb.where("conversations.wa_id", "=", page.waId!))
      .$if(page.unreadOnly === true, (qb) => qb.where("conversations.unread_count", ">", 0))
      .$if(page.status !== undefined, (qb) => qb.where("conversations.status", "=", page.status!))
      .$if(page.assignee !== undefined, (qb) =>
        page.assignee === null
          ? qb.where("conversations.assignee_user_id", "is", null)
          : qb.where("conversations.assignee_user_id", "=", page.assignee!),
      )
      // Labels are lowercase letters, digits, spaces and hyphens (checked by the route): no LIKE wildcard in them.
      .$if(page.label !== undefined, (qb) =>
        qb.where("conversations.labels", "like", `%${JSON.stringify(page.label)}%`),
      )
      .$if(search !== undefined, (qb) =>
        qb.where((eb) => {
          const pattern = containsPattern(search!.text);
          const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
          return eb.or([
            like("contacts.name"),
            like("contacts.profile_name"),
            like("contacts.username"),
            like("conversations.wa_id"),
            ...search!.alsoKeys.map((k) =>
              eb.and([
                eb("conversations.phone_number_id", "=", k.phoneNumberId),
                eb("conversations.wa_id", "=", k.waId),
              ]),
            ),
          ]);
        }),
      )
      .orderBy("conversations.last_message_at", "desc")
      .orderBy("conversations.id", "desc")
      .limit(page.limit)
      .execute()
  );
}

/** Sets what a team changes on a conversation; false when the workspace has no such conversation. */
export async function updateConversationWork(
  db: AnyDb,
  workspaceId: WorkspaceId,
  id: string,
  change: { status?: ConversationStatus; assignee_user_id?: string | null; labels?: string },
  now: number,
): Promise<boolean> {
  return (await conversations.update(db, workspaceId, { id }, { ...change, updated_at: now })) > 0;
}

/** Unread conversations and the unread messages in them, for the dashboard's badge. */
export async function countUnread(
  db: AnyDb,
  workspaceId: WorkspaceId,
): Promise<{ conversations: number; messages: number }> {
  const row = await q(db)
    .selectFrom("conversations")
    .select((eb) => [eb.fn.countAll<number>().as("conversations"), eb.fn.sum<number>("unread_count").as("messages")])
    .where("workspace_id", "=", workspaceId)
    .where("unread_count", ">", 0)
    .executeTakeFirstOrThrow();
  return { conversations: Number(row.conversations), messages: Number(row.messages ?? 0) };
}

export async function markConversationRowRead(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  now: number,
): Promise<boolean> {
  return (
    (await conversations.update(db, workspaceId, { id }, { unread_count: 0, last_read_at: now, updated_at: now })) > 0
  );
}

/**
 * Moves a customer's conversations from one key to another (a BSUID-keyed customer whose phone
 * became known): where the phone already has a conversation with the same number, the two are
 * folded (later times, unread counts added) and the BSUID one goes.
 */
export async function rekeyConversationRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  fromWaId: string,
  toWaId: string,
  now: number,
): Promise<void> {
  const rows = await conversations.list(executor, workspaceId, { wa_id: [fromWaId, toWaId] });
  const max = (a: number | null, b: number | null) =>
    a === null ? b : b === null ? Number(a) : Math.max(Number(a), Number(b));
  for (const from of rows.filter((r) => r.wa_id === fromWaId)) {
    const into = rows.find((r) => r.wa_id === toWaId && r.phone_number_id === from.phone_number_id);
    if (!into) {
      await conversations.update(executor, workspaceId, { id: from.id }, { wa_id: toWaId, updated_at: now });
      continue;
    }
    await conversations.update(
      executor,
      workspaceId,
      { id: into.id },
      {
        last_message_at: max(into.last_message_at, from.last_message_at)!,
        last_inbound_at: max(into.last_inbound_at, from.last_inbound_at),
        window_expires_at: max(into.window_expires_at, from.window_expires_at),
        unread_count: Number(into.unread_count) + Number(from.unread_count),
        labels: JSON.stringify([
          ...new Set([...(JSON.parse(into.labels) as string[]), ...(JSON.parse(from.labels) as string[])]),
        ]),
        created_at: Math.min(Number(into.created_at), Number(from.created_at)),
        updated_at: now,
      },
    );
    await moveNotes(executor, workspaceId, from.id, into.id);
    await conversations.delete(executor, workspaceId, { id: from.id });
  }
}
