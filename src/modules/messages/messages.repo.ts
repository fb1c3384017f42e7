import { sql } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotInsert, hotListQuery, hotQuery, isPostgres, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type MessageStatus = "queued" | "sending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
/**
 * `unknown`: the send got no answer (timeout, connection lost after the request left), so Meta may
 * or may not have accepted it. Ranked with `sending`: any status Meta reports moves it on.
 */
export const STATUS_RANK: Record<MessageStatus, number> = {
  queued: 0,
  sending: 1,
  unknown: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 9,
  received: 9,
};

export interface MessageRow {
  id: string;
  workspace_id: string;
  direction: "inbound" | "outbound";
  phone_number_id: string;
  wa_id: string;
  type: string;
  content: string;
  status: MessageStatus;
  status_rank: number;
  wamid: string | null;
  context_wamid: string | null;
  campaign_id: string | null;
  template_name: string | null;
  template_language: string | null;
  template_category: string | null;
  business_initiated: number;
  idempotency_key: string | null;
  request_hash: string | null;
  error_code: string | null;
  error_message: string | null;
  meta_error_code: number | null;
  meta_error_title: string | null;
  fbtrace_id: string | null;
  meta_timestamp: number | null;
  created_at: number;
  updated_at: number;
}

/** What every new message row names; the rest starts empty (and `updated_at` at `created_at`). */
export type NewMessageRow = Pick<
  MessageRow,
  | "id"
  | "workspace_id"
  | "direction"
  | "phone_number_id"
  | "wa_id"
  | "type"
  | "content"
  | "status"
  | "status_rank"
  | "created_at"
> &
  Partial<MessageRow>;

/** A whole messages row from what a new message names: one place lists the columns that start empty. */
export function newMessageRow(fields: NewMessageRow): MessageRow {
  return {
    wamid: null,
    context_wamid: null,
    campaign_id: null,
    template_name: null,
    template_language: null,
    template_category: null,
    business_initiated: 0,
    idempotency_key: null,
    request_hash: null,
    error_code: null,
    error_message: null,
    meta_error_code: null,
    meta_error_title: null,
    fbtrace_id: null,
    meta_timestamp: null,
    updated_at: fields.created_at,
    ...fields,
  };
}

export interface MessageEventRow {
  message_id: string;
  status: string;
  at: number;
  detail: string | null;
}

export interface MessagesTables {
  messages: MessageRow;
  message_events: MessageEventRow;
}

const q = (db: AnyDb | Executor) => typed<MessagesTables>(db);
const messages = workspaceTable<MessageRow>({ table: "messages" });

const MESSAGE_COLUMNS = [
  "id",
  "workspace_id",
  "direction",
  "phone_number_id",
  "wa_id",
  "type",
  "content",
  "status",
  "status_rank",
  "wamid",
  "context_wamid",
  "campaign_id",
  "template_name",
  "template_language",
  "template_category",
  "business_initiated",
  "idempotency_key",
  "request_hash",
  "error_code",
  "error_message",
  "meta_error_code",
  "meta_error_title",
  "fbtrace_id",
  "meta_timestamp",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof MessageRow)[];
const insertNewMessages = hotInsert<MessageRow, { id: string }>(MESSAGE_COLUMNS, (db, rows) =>
  // Without a conflict target: any unique violation (an idempotency key taken) skips the row instead of failing the statement.
  q(db)
    .insertInto("messages")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning("id"),
);
const insertAllMessages = hotInsert<MessageRow>(MESSAGE_COLUMNS, (db, rows) =>
  q(db).insertInto("messages").values(rows),
);
// A processing batch's inbound messages: a hot insert (Kysely building this 26-column statement cost more than SQLite running it).
const insertIfNewWamid = hotInsert<MessageRow, { id: string }>(MESSAGE_COLUMNS, (db, rows) =>
  q(db)
    .insertInto("messages")
    .values(rows)
    .onConflict((oc) => oc.columns(["workspace_id", "wamid"]).doNothing())
    .returning("id"),
);

/**
 * Inserts each row unless its workspace already has the wamid (Meta re-delivers), one statement
 * per 100; the ids inserted. Rows must not repeat a (workspace, wamid) among themselves.
 */
// cross-tenant: a webhook processing batch holds several workspaces' rows, each carrying its own workspace_id
export async function insertMessagesIfNewWamid(executor: Executor, rows: MessageRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += 100)
    for (const r of (await insertIfNewWamid(executor, rows.slice(i, i + 100))).rows) inserted.add(r.id);
  return inserted;
}

/** Inserts a batch of messages, skipping any whose idempotency key the workspace already has; the ids inserted. */
// cross-tenant: a group-committed batch holds several workspaces' rows, each carrying its own workspace_id
export async function insertMessagesIfNew(executor: Executor, rows: MessageRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += 100)
    for (const r of (await insertNewMessages(executor, rows.slice(i, i + 100))).rows) inserted.add(r.id);
  return inserted;
}

// cross-tenant: a group-committed batch holds several workspaces' rows, each carrying its own workspace_id
export async function insertMessages(executor: Executor, rows: MessageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await insertAllMessages(executor, rows.slice(i, i + 100));
}

const insertEventHot = hotQuery((db, [message_id, status, at, detail]: [string, string, number, string | null]) =>
  q(db)
    .insertInto("message_events")
    .values({ message_id, status, at, detail })
    .onConflict((oc) => oc.columns(["message_id", "status"]).doNothing()),
);

const insertEventsHot = hotInsert<MessageEventRow>(["message_id", "status", "at", "detail"], (db, rows) =>
  q(db)
    .insertInto("message_events")
    .values(rows)
    .onConflict((oc) => oc.columns(["message_id", "status"]).doNothing()),
);

/** Timeline rows of a batch (a dispatch batch's `sending`), one statement per 100; each kept once. */
// cross-tenant: appends to a message the caller just read or advanced in its workspace, in batches that span workspaces (message_events has no workspace column)
export async function insertEvents(executor: Executor, rows: MessageEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await insertEventsHot(executor, rows.slice(i, i + 100));
}

// cross-tenant: appends to a message the caller just read or advanced in its workspace (message_events has no workspace column)
export async function insertEvent(executor: Executor, row: MessageEventRow): Promise<boolean> {
  const res = await insertEventHot(executor, row.message_id, row.status, row.at, row.detail);
  return Number(res.numAffectedRows ?? 0n) > 0;
}

/** The workspace's message with this id, or with this idempotency key. */
export async function findMessage(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  key: string | { idempotencyKey: string },
): Promise<MessageRow | null> {
  return messages.find(
    db,
    workspaceId,
    typeof key === "string" ? { id: key } : { idempotency_key: key.idempotencyKey },
  );
}

export type StatusTarget = Pick<MessageRow, "id" | "direction" | "status" | "campaign_id">;

// Both forms run once per processing batch; built by Kysely each time they cost more than they ran.
const lockedStatusTargetsHot = hotQuery((db, [workspaceId, wamids]: [string, string[]]) =>
  q(db)
    .selectFrom("messages")
    .select(["id", "wamid", "direction", "status", "campaign_id"])
    .where("workspace_id", "=", workspaceId)
    .where(sql<boolean>`wamid = any(${wamids}::text[])`)
    .orderBy("id")
    .forUpdate(),
);
/** SQLite's form: one search of the unique (workspace_id, wamid) index per wamid. */
export const statusTargetsQuery = (db: AnyDb | Executor, workspaceId: WorkspaceId, wamids: readonly string[]) =>
  q(db)
    .selectFrom("messages")
    .select(["id", "wamid", "direction", "status", "campaign_id"])
    .where("workspace_id", "=", workspaceId)
    .where("wamid", "in", wamids);
const statusTargetsHot = hotListQuery((db, [wamids], [workspaceId]) =>
  statusTargetsQuery(db, workspaceId as WorkspaceId, wamids as string[]),
);

/**
 * The messages a batch of status webhooks names, locked for the rest of the transaction on
 * PostgreSQL in message id order. Every transaction that changes several messages takes their row
 * locks in that one order (a status batch here, a dispatch batch's outcomes sorted by id), and
 * writes a message's other rows (its `message_events`) only while holding its row: two workers
 * with statuses of the same messages then wait for each other instead of deadlocking. One
 * statement with an array parameter, so the order holds however many wamids the batch names.
 * SQLite has one writer at a time and needs no lock: the same read in chunks.
 */
export async function lockStatusTargets(
  executor: Executor,
  workspaceId: WorkspaceId,
  wamids: string[],
): Promise<Array<StatusTarget & { wamid: string }>> {
  if (wamids.length === 0) return [];
  if (isPostgres(executor)) {
    const { rows } = await lockedStatusTargetsHot(executor, workspaceId, wamids);
    return rows as Array<StatusTarget & { wamid: string }>;
  }
  const out: Array<StatusTarget & { wamid: string }> = [];
  for (let i = 0; i < wamids.length; i += 500) {
    const { rows } = await statusTargetsHot(executor, [wamids.slice(i, i + 500)], [workspaceId]);
    out.push(...(rows as Array<StatusTarget & { wamid: string }>));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function eventsOf(db: AnyDb, workspaceId: WorkspaceId, messageId: string): Promise<MessageEventRow[]> {
  return (
    q(db)
      .selectFrom("message_events")
      .innerJoin("messages", "messages.id", "message_events.message_id")
      .select(["message_events.message_id", "message_events.status", "message_events.at", "message_events.detail"])
      .where("messages.workspace_id", "=", workspaceId)
      .where("message_events.message_id", "=", messageId)
      // Wharf's own steps (queued, sending; its clock, in ms) come before anything Meta reports: Meta's
      // clock is not ours, and its status timestamps are whole seconds.
      .orderBy(sql`case when message_events.status in ('queued', 'sending') then 0 else 1 end`)
      // Meta's statuses by their second; sent/delivered/read of the same second by rank.
      .orderBy(sql`message_events.at / 1000`)
      .orderBy(
        sql`case message_events.status when 'queued' then 0 when 'sending' then 1 when 'unknown' then 1 when 'sent' then 2 when 'delivered' then 3 when 'read' then 4 else 5 end`,
      )
      .orderBy("message_events.at")
      .execute()
  );
}

type AdvanceSet = Partial<
  Pick<
    MessageRow,
    "wamid" | "error_code" | "error_message" | "meta_error_code" | "meta_error_title" | "fbtrace_id" | "meta_timestamp"
  >
>;

/**
 * The forward move both forms below make: status, rank and time, with what else `set` writes, only
 * where the stored rank is lower. The caller adds which messages.
 */
const advanceUpdate = (
  db: AnyDb,
  [status, rank, updatedAt, workspaceId]: [string, number, number, string],
  set: Partial<MessageRow>,
) =>
  q(db)
    .updateTable("messages")
    .set({ ...set, status: status as MessageStatus, status_rank: rank, updated_at: updatedAt })
    .where("workspace_id", "=", workspaceId)
    .where("status_rank", "<", rank);

/** One hot query per set of columns written (a send's wamid, a status's timestamp, a failure's error). */
const advanceByColumns = new Map<string, ReturnType<typeof advanceQuery>>();
const advanceQuery = (columns: string[]) =>
  hotQuery(
    (
      db,
      [status, rank, updatedAt, workspaceId, id, ...values]: [string, number, number, string, string, ...unknown[]],
    ) =>
      advanceUpdate(
        db,
        [status, rank, updatedAt, workspaceId],
        Object.fromEntries(columns.map((c, i) => [c, values[i]])),
      ).where("id", "=", id),
  );

/**
 * Moves a message forward only: the WHERE on the rank makes the update monotonic in one statement,
 * so webhooks arriving out of order, twice, or in two processes at once never move it backwards.
 */
export async function advanceStatus(
  executor: Executor,
  workspaceId: WorkspaceId,
  id: string,
  status: MessageStatus,
  set: AdvanceSet,
  now: number,
): Promise<boolean> {
  const columns = (Object.keys(set) as (keyof AdvanceSet)[]).filter((c) => set[c] !== undefined).sort();
  const key = columns.join(",");
  let run = advanceByColumns.get(key);
  if (!run) advanceByColumns.set(key, (run = advanceQuery(columns)));
  const res = await run(executor, status, STATUS_RANK[status], now, workspaceId, id, ...columns.map((c) => set[c]));
  return Number(res.numAffectedRows ?? 0n) > 0;
}

/**
 * `advanceStatus` for many messages of one workspace at once, each to the same status and Meta
 * timestamp (a batch of webhooks mostly carries one status per second): one statement per 500 ids
 * instead of one per message, monotonic the same way. Returns how many rows moved.
 */
export async function advanceStatusMany(
  executor: Executor,
  workspaceId: WorkspaceId,
  ids: string[],
  status: MessageStatus,
  metaTimestamp: number,
  now: number,
): Promise<number> {
  const run = isPostgres(executor) ? advanceManyPg : advanceManySqlite;
  let moved = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await run(
      executor,
      status,
      STATUS_RANK[status],
      now,
      metaTimestamp,
      workspaceId,
      idList(executor, chunk),
    );
    moved += Number(res.numAffectedRows ?? 0n);
  }
  return moved;
}

// PostgreSQL takes the ids as one array parameter, SQLite as one JSON array: one compiled statement for any count.
const idList = (executor: Executor, ids: string[]) => (isPostgres(executor) ? ids : JSON.stringify(ids));
const advanceMany = (idsIn: (ids: unknown) => ReturnType<typeof sql<boolean>>) =>
  hotQuery(
    (
      db,
      [status, rank, updatedAt, metaTimestamp, workspaceId, ids]: [string, number, number, number, string, unknown],
    ) => advanceUpdate(db, [status, rank, updatedAt, workspaceId], { meta_timestamp: metaTimestamp }).where(idsIn(ids)),
  );
const advanceManyPg = advanceMany((ids) => sql<boolean>`id = any(${ids}::text[])`);
const advanceManySqlite = advanceMany((ids) => sql<boolean>`id in (select value from json_each(${ids}))`);

export async function listMessages(
  db: AnyDb,
  workspaceId: WorkspaceId,
  filter: {
    status?: MessageStatus;
    waId?: string;
    before?: string;
    limit: number;
    phoneNumberId?: string;
    campaignId?: string;
    order?: "asc" | "desc";
    after?: string;
  },
): Promise<MessageRow[]> {
  return q(db)
    .selectFrom("messages")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .$if(filter.status !== undefined, (qb) => qb.where("status", "=", filter.status!))
    .$if(filter.waId !== undefined, (qb) => qb.where("wa_id", "=", filter.waId!))
    .$if(filter.phoneNumberId !== undefined, (qb) => qb.where("phone_number_id", "=", filter.phoneNumberId!))
    .$if(filter.campaignId !== undefined, (qb) => qb.where("campaign_id", "=", filter.campaignId!))
    .$if(filter.before !== undefined, (qb) => qb.where("id", "<", filter.before!))
    .$if(filter.after !== undefined, (qb) => qb.where("id", ">", filter.after!))
    .orderBy("id", filter.order ?? "desc")
    .limit(filter.limit)
    .execute();
}

/** The newest message of each conversation (a customer and one of our numbers), by the thread index; one lookup per key. */
export async function latestMessagesOf(
  db: AnyDb,
  workspaceId: WorkspaceId,
  keys: Array<{ phoneNumberId: string; waId: string }>,
): Promise<MessageRow[]> {
  const rows = await Promise.all(
    keys.map((k) =>
      q(db)
        .selectFrom("messages")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("phone_number_id", "=", k.phoneNumberId)
        .where("wa_id", "=", k.waId)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst(),
    ),
  );
  return rows.filter((r) => r !== undefined);
}

/** Where a message's words are in Meta's message object (inbound) or send body (outbound). */
const WORD_PATHS = [
  ["text", "body"],
  ["image", "caption"],
  ["video", "caption"],
  ["document", "caption"],
  ["document", "filename"],
  ["interactive", "body", "text"],
  ["button", "text"],
  ["location", "name"],
  ["location", "address"],
] as const;

/**
 * The conversations (number and customer) with a message whose words (text, captions, names; not
 * Meta's keys and ids) hold `pattern` (a LIKE pattern, lowercase, escaped with backslash): the
 * inbox's search. A scan of the workspace's messages, stopped at `limit` conversations.
 */
export async function conversationKeysWithText(
  db: AnyDb,
  workspaceId: WorkspaceId,
  pattern: string,
  limit: number,
): Promise<Array<{ phoneNumberId: string; waId: string }>> {
  const words = isPostgres(db)
    ? WORD_PATHS.map((p) => sql<string>`(content::jsonb #>> ${sql.lit(`{${p.join(",")}}`)})`)
    : WORD_PATHS.map((p) => sql<string>`json_extract(content, ${sql.lit(`$.${p.join(".")}`)})`);
  const rows = await q(db)
    .selectFrom("messages")
    .select(["phone_number_id", "wa_id"])
    .distinct()
    .where("workspace_id", "=", workspaceId)
    .where(sql<boolean>`lower(coalesce(${sql.join(words, sql`, `)})) like ${pattern} escape '\\'`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ phoneNumberId: r.phone_number_id, waId: r.wa_id }));
}

// Inbound as a literal, the partial index's own condition: with it SQLite answers max() with one
// seek of messages_last_inbound (6 us for a customer with 1,667 inbound messages); with a bound
// value it still uses the index but reads every inbound entry of the customer (18 us).
const INBOUND = sql<boolean>`direction = 'inbound'`;

/** The 24-hour window: it opens at the customer's last inbound message (Meta's timestamp). */
export const lastInboundQuery = (db: AnyDb | Executor, workspaceId: WorkspaceId, phoneNumberId: string, waId: string) =>
  q(db)
    .selectFrom("messages")
    .select((eb) => eb.fn.max("meta_timestamp").as("last"))
    .where("workspace_id", "=", workspaceId)
    .where("phone_number_id", "=", phoneNumberId)
    .where("wa_id", "=", waId)
    .where(INBOUND);
const lastInboundHot = hotQuery((db, [workspaceId, phoneNumberId, waId]: [string, string, string]) =>
  lastInboundQuery(db, workspaceId as WorkspaceId, phoneNumberId, waId),
);

export async function lastInboundAt(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  waId: string,
): Promise<number | null> {
  const row = (await lastInboundHot(db, workspaceId, phoneNumberId, waId)).rows[0];
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

/** The 24-hour windows of many customers of one number at once (a campaign chunk). */
export async function lastInboundByRecipient(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  waIds: string[],
): Promise<Map<string, number | null>> {
  if (waIds.length === 0) return new Map();
  const rows = await q(db)
    .selectFrom("messages")
    .select(["wa_id"])
    .select((eb) => eb.fn.max("meta_timestamp").as("last"))
    .where("workspace_id", "=", workspaceId)
    .where("phone_number_id", "=", phoneNumberId)
    .where(INBOUND)
    .where("wa_id", "in", waIds)
    .groupBy("wa_id")
    .execute();
  return new Map(rows.filter((r) => r.last !== null).map((r) => [r.wa_id, Number(r.last)]));
}

/**
 * A campaign's messages by current status (each message counted once). The workspace is checked on
 * one probed row (a campaign's messages all share its workspace), so the count itself reads the
 * (campaign_id, status) index alone, as it did before it was checked; a filter on every row
 * would visit each of a big campaign's rows for it.
 */
export async function countCampaignMessagesByStatus(
  db: AnyDb,
  workspaceId: WorkspaceId,
  campaignId: string,
): Promise<Record<string, number>> {
  const rows = await q(db)
    .selectFrom("messages")
    .select("status")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where(
      (eb) =>
        eb
          .selectFrom("messages as probe")
          .select("probe.workspace_id")
          .where("probe.campaign_id", "=", campaignId)
          .limit(1),
      "=",
      workspaceId,
    )
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((m) => [m.status, Number(m.n)]));
}

/** Queued messages withdrawn before dispatch (a cancelled campaign): failed with the caller's reason. */
export async function failWithdrawn(
  executor: Executor,
  workspaceId: WorkspaceId,
  messageIds: string[],
  error: { code: string; message: string },
  now: number,
): Promise<void> {
  await messages.update(
    executor,
    workspaceId,
    { id: messageIds },
    {
      status: "failed",
      status_rank: STATUS_RANK.failed,
      error_code: error.code,
      error_message: error.message,
      updated_at: now,
    },
  );
}

/** The error code of a send held as `unknown`, and of its failure when no status ever settled it. */
export const SEND_OUTCOME_UNKNOWN = "SEND_OUTCOME_UNKNOWN";

/**
 * Gives a send held as `unknown` the wamid that Meta's status webhook names, the webhook having
 * echoed Wharf's message id in `biz_opaque_callback_data`. A send the sweep already failed for want
 * of news goes back to `unknown` (Meta's word beats the guess), and the caller's status then moves
 * it on. Only such sends match: a message with a wamid, or failed by Meta, is never touched.
 * Returns the ids adopted.
 */
export async function adoptUnknownSends(
  executor: Executor,
  workspaceId: WorkspaceId,
  pairs: Array<{ id: string; wamid: string }>,
  now: number,
): Promise<string[]> {
  const adopted: string[] = [];
  // In id order: the lock order of every transaction that writes several messages.
  for (const { id, wamid } of [...pairs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const res = await q(executor)
      .updateTable("messages")
      .set({
        wamid,
        status: "unknown",
        status_rank: STATUS_RANK.unknown,
        error_code: null,
        error_message: null,
        updated_at: now,
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .where("direction", "=", "outbound")
      .where("wamid", "is", null)
      .where((eb) =>
        eb.or([
          eb("status", "=", "unknown"),
          eb.and([eb("status", "=", "failed"), eb("error_code", "=", SEND_OUTCOME_UNKNOWN)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) adopted.push(id);
  }
  return adopted;
}

/**
 * Gives a message still `queued` the wamid of Meta's status webhook that echoed its id, as the
 * send of a process that died before recording Meta's answer (its outbox row in doubt,
 * `adoptInDoubtSends`): the message is `sending` with that wamid, and the caller's status moves it
 * on. Only a queued outbound message without a wamid matches. The update takes the message's row
 * lock before the caller touches its outbox row: the order of the dispatch batch's writes.
 */
export async function adoptQueuedSend(
  executor: Executor,
  workspaceId: WorkspaceId,
  id: string,
  wamid: string,
  now: number,
): Promise<boolean> {
  const queued = { id, direction: "outbound", wamid: null, status: "queued" } as const;
  const sending = { wamid, status: "sending", status_rank: STATUS_RANK.sending, updated_at: now } as const;
  return (await messages.update(executor, workspaceId, queued, sending)) > 0;
}

/** Sends held as `unknown` since before `before`, oldest first: the sweep's candidates. */
// cross-tenant: the sweep that settles every workspace's stale unknown sends (each row carries its workspace)
export async function staleUnknownSends(
  db: AnyDb,
  before: number,
  limit: number,
): Promise<Array<Pick<MessageRow, "id" | "workspace_id" | "campaign_id" | "updated_at">>> {
  return q(db)
    .selectFrom("messages")
    .select(["id", "workspace_id", "campaign_id", "updated_at"])
    .where("status", "=", "unknown")
    .where("updated_at", "<", before)
    .orderBy("updated_at")
    .limit(limit)
    .execute();
}

/** A customer's key changed (a BSUID-keyed customer whose phone became known): their history follows. */
export async function rekeyCustomerMessages(
  executor: Executor,
  workspaceId: WorkspaceId,
  fromWaId: string,
  toWaId: string,
): Promise<void> {
  await messages.update(executor, workspaceId, { wa_id: fromWaId }, { wa_id: toWaId });
}

/**
 * Messages Meta accepted from one number since `since` (those with a wamid): the figure Meta's
 * deletion rule looks at (no more than 1,000 sent in the last 30 days).
 */
export async function countSentFrom(
  db: AnyDb,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  since: number,
): Promise<number> {
  const row = await q(db)
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("phone_number_id", "=", phoneNumberId)
    .where("direction", "=", "outbound")
    .where("created_at", ">=", since)
    .where("wamid", "is not", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Erases what a customer's messages say and who they were with (GDPR erasure): the body becomes
 * `{"erased": true}` and the customer's key the anonymous one given, so counts by status, type,
 * campaign and number stay. Errors and Meta's titles are kept (they carry no body).
 */
export async function eraseCustomerMessageRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  waId: string,
  anonymousKey: string,
  now: number,
): Promise<number> {
  const res = await q(executor)
    .updateTable("messages")
    .set({ content: ERASED_CONTENT, wa_id: anonymousKey, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("wa_id", "=", waId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export const ERASED_CONTENT = JSON.stringify({ erased: true });
