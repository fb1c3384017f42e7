import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { containsPattern, isPostgres, typed, workspaceTable } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { blankContact, type ConsentEventRow, type ContactRow } from "../contacts.repo.js";
import type { ConversationRow } from "../conversations.repo.js";

export type AttributeType = "text" | "number" | "date" | "boolean";

export interface AttributeDefRow {
  workspace_id: string;
  name: string;
  type: AttributeType;
  created_at: number;
}

export interface AttributeRow {
  workspace_id: string;
  contact_id: string;
  name: string;
  text_value: string | null;
  num_value: number | null;
}

interface TagRow {
  workspace_id: string;
  contact_id: string;
  tag: string;
}

interface Tables {
  contacts: ContactRow;
  contact_tags: TagRow;
  contact_attributes: AttributeRow;
  contact_attribute_defs: AttributeDefRow;
  contact_consent_events: ConsentEventRow;
  conversations: ConversationRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const contacts = workspaceTable<ContactRow>({ table: "contacts" });
const tagRows = workspaceTable<TagRow>({ table: "contact_tags" });
const attributes = workspaceTable<AttributeRow>({ table: "contact_attributes" });
const attributeDefs = workspaceTable<AttributeDefRow>({ table: "contact_attribute_defs" });
const consentEvents = workspaceTable<ConsentEventRow>({ table: "contact_consent_events" });
const conversations = workspaceTable<ConversationRow>({ table: "conversations" });

/** Which contact a path or a caller names: our id, or the key (phone digits or BSUID). */
export type ContactKey = { id: string } | { waId: string } | { email: string } | { externalId: string };

export async function findContactByKey(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  key: ContactKey,
): Promise<ContactRow | null> {
  let query = q(db).selectFrom("contacts").selectAll().where("workspace_id", "=", workspaceId);
  if ("id" in key) query = query.where("id", "=", key.id);
  else if ("waId" in key) query = query.where("wa_id", "=", key.waId);
  else if ("email" in key) query = query.where("email", "=", key.email);
  else query = query.where("external_id", "=", key.externalId);
  return (await query.orderBy("id").limit(1).executeTakeFirst()) ?? null;
}

export type ProfileChange = Partial<
  Pick<ContactRow, "wa_id" | "name" | "email" | "external_id" | "language" | "last_inbound_at">
>;

export async function insertContactRow(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<ContactRow, "workspace_id">,
): Promise<void> {
  await contacts.insert(executor, workspaceId, row);
}

export async function updateContactProfile(
  executor: Executor,
  workspaceId: WorkspaceId,
  id: string,
  change: ProfileChange,
  now: number,
): Promise<void> {
  await contacts.update(executor, workspaceId, { id }, { ...change, updated_at: now });
}

/** The contact row and what hangs on it (tags, attributes, consent history) go; the caller erases the rest. */
export async function deleteContactRows(executor: Executor, workspaceId: WorkspaceId, id: string): Promise<void> {
  for (const hanging of [tagRows, attributes, consentEvents])
    await hanging.delete(executor, workspaceId, { contact_id: id });
  await contacts.delete(executor, workspaceId, { id });
}

/** A merge folded contact `fromId` into `intoId`: its tags, attributes (where `into` has none) and history follow. */
export async function moveContactData(
  executor: Executor,
  workspaceId: WorkspaceId,
  fromId: string,
  intoId: string,
): Promise<void> {
  const tags = await listTagRows(executor, workspaceId, [fromId]);
  if (tags.length > 0) await addTagRows(executor, workspaceId, intoId, [...new Set(tags.map((t) => t.tag))]);
  const attrs = await listAttributeRows(executor, workspaceId, [fromId]);
  const have = new Set((await listAttributeRows(executor, workspaceId, [intoId])).map((a) => a.name));
  const moving = attrs.filter((a) => !have.has(a.name)).map((a) => ({ ...a, contact_id: intoId }));
  if (moving.length > 0) await upsertAttributeRows(executor, workspaceId, moving);
  await consentEvents.update(executor, workspaceId, { contact_id: fromId }, { contact_id: intoId });
  for (const moved of [tagRows, attributes]) await moved.delete(executor, workspaceId, { contact_id: fromId });
}

// --- tags ---

export async function listTagRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  contactIds: string[],
): Promise<TagRow[]> {
  return tagRows.list(db, workspaceId, { contact_id: contactIds }, { orderBy: [["tag", "asc"]] });
}

/** Adds tags a contact may already have; returns those it did not have (the rows inserted). */
export async function addTagRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  contactId: string,
  tags: string[],
): Promise<string[]> {
  if (tags.length === 0) return [];
  const rows = await q(executor)
    .insertInto("contact_tags")
    .values(tags.map((tag) => ({ workspace_id: workspaceId, contact_id: contactId, tag })))
    .onConflict((oc) => oc.doNothing())
    .returning("tag")
    .execute();
  return rows.map((r) => r.tag);
}

/** Many contacts' tags at once (an import batch): rows of (contact, tag). */
export async function addTagPairs(
  executor: Executor,
  workspaceId: WorkspaceId,
  pairs: Array<{ contactId: string; tag: string }>,
): Promise<void> {
  for (let i = 0; i < pairs.length; i += 1000)
    await q(executor)
      .insertInto("contact_tags")
      .values(pairs.slice(i, i + 1000).map((p) => ({ workspace_id: workspaceId, contact_id: p.contactId, tag: p.tag })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function removeTagRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  contactId: string,
  tags: string[],
): Promise<void> {
  await tagRows.delete(executor, workspaceId, { contact_id: contactId, tag: tags });
}

/** Every tag in use with how many contacts carry it. */
export async function countTags(db: AnyDb, workspaceId: WorkspaceId): Promise<Array<{ tag: string; count: number }>> {
  const rows = await q(db)
    .selectFrom("contact_tags")
    .select(["tag", (eb) => eb.fn.countAll<number>().as("count")])
    .where("workspace_id", "=", workspaceId)
    .groupBy("tag")
    .orderBy("tag")
    .limit(1000)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}

// --- attributes ---

export async function listAttributeDefs(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<AttributeDefRow[]> {
  return attributeDefs.list(db, workspaceId, {}, { orderBy: [["name", "asc"]] });
}

/** Declares attributes not yet known; an existing name keeps its type. */
export async function insertAttributeDefs(
  executor: Executor,
  workspaceId: WorkspaceId,
  defs: Array<{ name: string; type: AttributeType }>,
  now: number,
): Promise<void> {
  if (defs.length === 0) return;
  await q(executor)
    .insertInto("contact_attribute_defs")
    .values(defs.map((d) => ({ workspace_id: workspaceId, name: d.name, type: d.type, created_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listAttributeRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  contactIds: string[],
): Promise<AttributeRow[]> {
  return attributes.list(db, workspaceId, { contact_id: contactIds });
}

export async function upsertAttributeRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  rows: Array<Omit<AttributeRow, "workspace_id">>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await q(executor)
      .insertInto("contact_attributes")
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, workspace_id: workspaceId })))
      .onConflict((oc) =>
        oc.columns(["workspace_id", "contact_id", "name"]).doUpdateSet({
          text_value: (eb) => eb.ref("excluded.text_value"),
          num_value: (eb) => eb.ref("excluded.num_value"),
        }),
      )
      .execute();
}

export async function deleteAttributeRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  contactId: string,
  names: string[],
): Promise<void> {
  await attributes.delete(executor, workspaceId, { contact_id: contactId, name: names });
}

// --- consent history ---

export async function listConsentEvents(
  db: AnyDb,
  workspaceId: WorkspaceId,
  contactId: string,
): Promise<ConsentEventRow[]> {
  return consentEvents.list(db, workspaceId, { contact_id: contactId }, { orderBy: [["id", "asc"]], limit: 1000 });
}

// --- conversations of a contact ---

export async function listContactConversations(
  db: AnyDb,
  workspaceId: WorkspaceId,
  waId: string,
): Promise<Array<Pick<ConversationRow, "id" | "phone_number_id" | "last_message_at" | "unread_count">>> {
  return conversations.list(db, workspaceId, { wa_id: waId }, { orderBy: [["last_message_at", "desc"]], limit: 50 });
}

// --- the filter language, as SQL ---

/** A filter resolved for SQL: attribute values already converted to their stored form. */
export interface ResolvedFilter {
  q?: string;
  tags?: string[];
  anyTags?: string[];
  notTags?: string[];
  consent?: "opted_in" | "opted_out" | "unknown";
  lastSeenAfter?: number;
  lastSeenBefore?: number;
  neverSeen?: boolean;
  hasPhone?: boolean;
  attributes?: Array<{
    name: string;
    op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
    column: "text_value" | "num_value";
    value: string | number | null;
  }>;
}

function filterWhere(
  eb: ExpressionBuilder<Tables, "contacts">,
  f: ResolvedFilter,
  ws: WorkspaceId,
): Expression<SqlBool> {
  const all: Array<Expression<SqlBool>> = [eb("contacts.workspace_id", "=", ws)];
  const tagged = (tag: string) =>
    eb.exists(
      eb
        .selectFrom("contact_tags")
        .select(sql`1`.as("one"))
        .where("contact_tags.workspace_id", "=", ws)
        .where("contact_tags.tag", "=", tag)
        .whereRef("contact_tags.contact_id", "=", "contacts.id"),
    );
  if (f.q !== undefined) {
    const like = containsPattern(f.q.toLowerCase());
    const digits = f.q.replace(/[\s().+-]/g, "");
    const ors: Array<Expression<SqlBool>> = [
      sql<SqlBool>`lower(coalesce(contacts.name, contacts.profile_name, '')) like ${like} escape '\\'`,
      sql<SqlBool>`lower(coalesce(contacts.email, '')) like ${like} escape '\\'`,
    ];
    if (/^\d+$/.test(digits)) ors.push(sql<SqlBool>`contacts.wa_id like ${`%${digits}%`}`);
    all.push(eb.or(ors));
  }
  for (const tag of f.tags ?? []) all.push(tagged(tag));
  if (f.anyTags && f.anyTags.length > 0) all.push(eb.or(f.anyTags.map(tagged)));
  for (const tag of f.notTags ?? []) all.push(eb.not(tagged(tag)));
  if (f.consent === "opted_in") all.push(eb("contacts.marketing_opt_in", "=", 1));
  if (f.consent === "opted_out") all.push(eb("contacts.marketing_opt_in", "=", 0));
  if (f.consent === "unknown") all.push(eb("contacts.marketing_opt_in", "is", null));
  if (f.lastSeenAfter !== undefined) all.push(eb("contacts.last_inbound_at", ">=", f.lastSeenAfter));
  if (f.lastSeenBefore !== undefined) all.push(eb("contacts.last_inbound_at", "<", f.lastSeenBefore));
  if (f.neverSeen === true) all.push(eb("contacts.last_inbound_at", "is", null));
  if (f.hasPhone !== undefined) {
    const phone = sql<SqlBool>`contacts.wa_id not like 'ctc\\_%' escape '\\'`;
    all.push(f.hasPhone ? phone : eb.not(phone));
  }
  for (const a of f.attributes ?? []) {
    const base = eb
      .selectFrom("contact_attributes")
      .select(sql`1`.as("one"))
      .where("contact_attributes.workspace_id", "=", ws)
      .where("contact_attributes.name", "=", a.name)
      .whereRef("contact_attributes.contact_id", "=", "contacts.id");
    if (a.op === "exists") all.push(eb.exists(base));
    else if (a.op === "missing") all.push(eb.not(eb.exists(base)));
    else if (a.op === "ne") all.push(eb.not(eb.exists(base.where(`contact_attributes.${a.column}`, "=", a.value))));
    else {
      const op = { eq: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;
      all.push(eb.exists(base.where(`contact_attributes.${a.column}`, op[a.op], a.value)));
    }
  }
  return eb.and(all);
}

/** Newest first; the cursor is the last row's id (ids sort by creation time). */
export async function listContactRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  filter: ResolvedFilter,
  page: { after: string | null; limit: number },
): Promise<ContactRow[]> {
  return q(db)
    .selectFrom("contacts")
    .selectAll()
    .where((eb) => filterWhere(eb, filter, workspaceId))
    .$if(page.after !== null, (qb) => qb.where("contacts.id", "<", page.after!))
    .orderBy("contacts.id", "desc")
    .limit(page.limit)
    .execute();
}

export async function countContactRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  filter: ResolvedFilter,
): Promise<number> {
  const row = await q(db)
    .selectFrom("contacts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => filterWhere(eb, filter, workspaceId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- imports ---

/**
 * PostgreSQL plans on the statistics its last ANALYZE took. An import can grow a workspace's
 * contacts from nothing to a million rows in one run, faster than autovacuum (when it is on at all)
 * analyzes them; planned on statistics that say "a few hundred rows", a batch's lookup of 500 ids
 * read every row of the workspace. The import refreshes them as it goes. SQLite plans without them.
 */
// cross-tenant: planner statistics are kept per table, for every workspace at once
export async function refreshContactStatistics(executor: AnyDb | Executor): Promise<void> {
  if (isPostgres(executor)) await sql`analyze contacts, contact_tags, contact_attributes`.execute(executor);
}

/**
 * Creates or updates contacts by phone, many per statement; an empty cell (null) keeps what the
 * contact had. Keys must be unique within a call. Answers each key's contact id.
 */
export async function upsertContactsByWaId(
  executor: Executor,
  workspaceId: WorkspaceId,
  rows: Array<Pick<ContactRow, "id" | "wa_id" | "name" | "email" | "external_id" | "language">>,
  now: number,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const keep = (c: "name" | "email" | "external_id" | "language") =>
    sql<string | null>`coalesce(${sql.ref(`excluded.${c}`)}, ${sql.ref(`contacts.${c}`)})`;
  for (let i = 0; i < rows.length; i += 250) {
    const out = await q(executor)
      .insertInto("contacts")
      .values(
        rows.slice(i, i + 250).map((r) => ({
          ...blankContact(workspaceId, r.wa_id, now, r.id),
          name: r.name,
          email: r.email,
          external_id: r.external_id,
          language: r.language,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["workspace_id", "wa_id"]).doUpdateSet({
          name: keep("name"),
          email: keep("email"),
          external_id: keep("external_id"),
          language: keep("language"),
          updated_at: now,
        }),
      )
      .returning(["id", "wa_id"])
      .execute();
    for (const r of out) ids.set(r.wa_id, r.id);
  }
  return ids;
}
