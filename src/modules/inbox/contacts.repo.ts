import { sql } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotInsert, keyRounds, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

import { newId } from "../../platform/crypto/index.js";

/**
 * Who said it. `stop_keyword` is an inbound STOP (shown as `inbound_stop`), `user_preferences`
 * Meta's own "stop promotions" setting; `start_keyword` an inbound START.
 */
export type ConsentSource =
  "api" | "stop_keyword" | "start_keyword" | "user_preferences" | "import" | "store" | "dashboard";

export interface ContactRow {
  workspace_id: string;
  /** Ours (ctc_...): stays when the key (wa_id) changes. */
  id: string;
  wa_id: string;
  profile_name: string | null;
  name: string | null;
  marketing_opt_in: number | null;
  consent_source: ConsentSource | null;
  consent_at: number | null;
  last_inbound_at: number | null;
  /** Meta's business-scoped user id (2026), its parent BSUID and the customer's username. */
  user_id: string | null;
  parent_user_id: string | null;
  username: string | null;
  email: string | null;
  external_id: string | null;
  language: string | null;
  consent_proof: string | null;
  created_at: number;
  updated_at: number;
}

export interface ConsentEventRow {
  id: string;
  workspace_id: string;
  contact_id: string;
  marketing: "opted_in" | "opted_out";
  source: ConsentSource;
  at: number;
  proof: string | null;
  applied: number;
  created_at: number;
}

interface Tables {
  contacts: ContactRow;
  contact_consent_events: ConsentEventRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const contacts = workspaceTable<ContactRow>({ table: "contacts" });

export const blankContact = (
  workspaceId: WorkspaceId,
  waId: string,
  now: number,
  id: string = newId("ctc", now),
): ContactRow => ({
  workspace_id: workspaceId,
  id,
  wa_id: waId,
  profile_name: null,
  name: null,
  marketing_opt_in: null,
  consent_source: null,
  consent_at: null,
  last_inbound_at: null,
  user_id: null,
  parent_user_id: null,
  username: null,
  email: null,
  external_id: null,
  language: null,
  consent_proof: null,
  created_at: now,
  updated_at: now,
});

/** Every column of a contact row, for multi-row inserts. */
const CONTACT_COLUMNS = [
  "workspace_id",
  "id",
  "wa_id",
  "profile_name",
  "name",
  "marketing_opt_in",
  "consent_source",
  "consent_at",
  "last_inbound_at",
  "user_id",
  "parent_user_id",
  "username",
  "email",
  "external_id",
  "language",
  "consent_proof",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof ContactRow)[];

/**
 * The contacts a processing batch's inbound messages came from: created, or their profile name and
 * last inbound time moved forward (webhooks arrive out of order). One statement per 100 distinct
 * contacts; a contact that wrote twice in the batch is upserted in a second round, as if one by one.
 */
// cross-tenant: a webhook processing batch holds several workspaces' rows, each carrying its own workspace_id
export async function upsertInboundContacts(
  executor: Executor,
  inputs: ReadonlyArray<{
    workspaceId: WorkspaceId;
    waId: string;
    profileName: string | null;
    at: number;
    now: number;
  }>,
): Promise<void> {
  const rounds = keyRounds(inputs, (c) => `${c.workspaceId}\u0000${c.waId}`);
  for (const round of rounds)
    for (let i = 0; i < round.length; i += 100)
      await upsertInboundHot(
        executor,
        round.slice(i, i + 100).map((c) => ({
          ...blankContact(c.workspaceId, c.waId, c.now),
          profile_name: c.profileName,
          last_inbound_at: c.at,
        })),
      );
}

// Once per processing batch: built and compiled once per row count (platform/db/hot-query.ts).
const upsertInboundHot = hotInsert<ContactRow>(CONTACT_COLUMNS, (db, rows) => {
  const newer = sql<boolean>`contacts.last_inbound_at is null or contacts.last_inbound_at <= excluded.last_inbound_at`;
  return q(db)
    .insertInto("contacts")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["workspace_id", "wa_id"]).doUpdateSet({
        profile_name: sql`case when ${newer} and excluded.profile_name is not null then excluded.profile_name else contacts.profile_name end`,
        last_inbound_at: sql`case when ${newer} then excluded.last_inbound_at else contacts.last_inbound_at end`,
        updated_at: sql`excluded.updated_at`,
      }),
    );
});

/**
 * Records consent said at `at`, with its history entry. A statement older than the stored one
 * changes nothing, so a STOP processed late never overrides a later opt-in (and the reverse), and
 * an import's opt-in never overrides an opt-out (the customer said no; a file is not their word).
 * Statements that change nothing are kept in the history as not applied. True when it was applied.
 */
export async function applyConsent(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { waId: string; optIn: boolean; source: ConsentSource; at: number; now: number; proof?: string | null },
): Promise<boolean> {
  await q(executor)
    .insertInto("contacts")
    .values(blankContact(workspaceId, input.waId, input.now))
    .onConflict((oc) => oc.columns(["workspace_id", "wa_id"]).doNothing())
    .execute();
  const proof = input.proof ?? null;
  const applied = await q(executor)
    .updateTable("contacts")
    .set({
      marketing_opt_in: input.optIn ? 1 : 0,
      consent_source: input.source,
      consent_at: input.at,
      consent_proof: proof,
      updated_at: input.now,
    })
    .where("workspace_id", "=", workspaceId)
    .where("wa_id", "=", input.waId)
    .where((eb) => eb.or([eb("consent_at", "is", null), eb("consent_at", "<=", input.at)]))
    .$if(input.source === "import" && input.optIn, (qb) =>
      qb.where((eb) => eb.or([eb("marketing_opt_in", "is", null), eb("marketing_opt_in", "=", 1)])),
    )
    .returning("id")
    .executeTakeFirst();
  const contactId =
    applied?.id ??
    (
      await q(executor)
        .selectFrom("contacts")
        .select("id")
        .where("workspace_id", "=", workspaceId)
        .where("wa_id", "=", input.waId)
        .executeTakeFirstOrThrow()
    ).id;
  await q(executor)
    .insertInto("contact_consent_events")
    .values({
      id: newId("cns", input.now),
      workspace_id: workspaceId,
      contact_id: contactId,
      marketing: input.optIn ? "opted_in" : "opted_out",
      source: input.source,
      at: input.at,
      proof,
      applied: applied ? 1 : 0,
      created_at: input.now,
    })
    .execute();
  return applied !== undefined;
}

/**
 * applyConsent for many contacts of one source at once (an import batch), with the same rules:
 * one update per 500 statements, joined to them as a VALUES list (each statement its own time and
 * proof), that applies only where the rules allow, and every statement goes into the history,
 * applied or not. Each contact at most once per call. Returns the ids of the contacts it changed.
 */
export async function applyConsentBatch(
  executor: Executor,
  workspaceId: WorkspaceId,
  source: ConsentSource,
  items: Array<{ contactId: string; optIn: boolean; at: number; proof: string | null }>,
  now: number,
): Promise<Set<string>> {
  if (new Set(items.map((i) => i.contactId)).size !== items.length)
    throw new Error("applyConsentBatch: a contact appears twice in one call");
  const applied = new Set<string>();
  // One statement per contact was the bulk of an import's round trips (a third of a file's rows
  // carry consent, each with its own proof). The VALUES list names its columns column1..column4 on
  // both dialects; the casts give PostgreSQL their types.
  const importOptIn =
    source === "import"
      ? sql`and (v.column2 = 0 or contacts.marketing_opt_in is null or contacts.marketing_opt_in = 1)`
      : sql``;
  for (let i = 0; i < items.length; i += 500) {
    const values = sql.join(
      items
        .slice(i, i + 500)
        .map(
          (it) =>
            sql`(${it.contactId}, cast(${it.optIn ? 1 : 0} as integer), cast(${it.at} as bigint), cast(${it.proof} as text))`,
        ),
    );
    const rows = await sql<{ id: string }>`update contacts set marketing_opt_in = v.column2,
        consent_source = ${source}, consent_at = v.column3, consent_proof = v.column4, updated_at = ${now}
      from (values ${values}) as v
      where contacts.workspace_id = ${workspaceId} and contacts.id = v.column1
        and (contacts.consent_at is null or contacts.consent_at <= v.column3) ${importOptIn}
      returning id`.execute(executor);
    for (const r of rows.rows) applied.add(r.id);
  }
  for (let i = 0; i < items.length; i += 500)
    await q(executor)
      .insertInto("contact_consent_events")
      .values(
        items.slice(i, i + 500).map((item) => ({
          id: newId("cns", now),
          workspace_id: workspaceId,
          contact_id: item.contactId,
          marketing: item.optIn ? ("opted_in" as const) : ("opted_out" as const),
          source,
          at: item.at,
          proof: item.proof,
          applied: applied.has(item.contactId) ? 1 : 0,
          created_at: now,
        })),
      )
      .execute();
  return applied;
}

export async function setContactName(
  executor: Executor,
  workspaceId: WorkspaceId,
  waId: string,
  name: string | null,
  now: number,
): Promise<void> {
  await q(executor)
    .insertInto("contacts")
    .values({ ...blankContact(workspaceId, waId, now), name })
    .onConflict((oc) => oc.columns(["workspace_id", "wa_id"]).doUpdateSet({ name, updated_at: now }))
    .execute();
}

export async function findContactRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  waId: string,
): Promise<ContactRow | null> {
  return contacts.find(db, workspaceId, { wa_id: waId });
}

/** Consent of many recipients (a campaign's audience), in chunks that stay under SQLite's parameter limit. */
export async function consentOf(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  waIds: string[],
): Promise<Array<Pick<ContactRow, "wa_id" | "marketing_opt_in">>> {
  const out: Array<Pick<ContactRow, "wa_id" | "marketing_opt_in">> = [];
  const unique = [...new Set(waIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    out.push(
      ...(await q(db)
        .selectFrom("contacts")
        .select(["wa_id", "marketing_opt_in"])
        .where("workspace_id", "=", workspaceId)
        .where("wa_id", "in", chunk)
        .execute()),
    );
  }
  return out;
}

/** The contacts carrying this BSUID (normally one; two only while a merge is pending). */
export async function findContactsByUserId(
  executor: Executor,
  workspaceId: WorkspaceId,
  userId: string,
): Promise<ContactRow[]> {
  return contacts.list(executor, workspaceId, { user_id: userId });
}

/** Records the customer's BSUID, parent BSUID and username on their contact (created if new). */
export async function setContactIdentity(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { waId: string; userId: string | null; parentUserId: string | null; username: string | null; now: number },
): Promise<void> {
  const set = {
    ...(input.userId !== null ? { user_id: input.userId } : {}),
    ...(input.parentUserId !== null ? { parent_user_id: input.parentUserId } : {}),
    ...(input.username !== null ? { username: input.username } : {}),
  };
  await q(executor)
    .insertInto("contacts")
    .values({ ...blankContact(workspaceId, input.waId, input.now), ...set })
    .onConflict((oc) => oc.columns(["workspace_id", "wa_id"]).doUpdateSet({ ...set, updated_at: input.now }))
    .execute();
}

/**
 * Folds the contact keyed `from` (a BSUID) into the one keyed `intoWaId` (the phone): the later
 * consent statement and profile win, an API-set name is kept, then the `from` row goes.
 */
export async function mergeContactRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  from: ContactRow,
  intoWaId: string,
  into: ContactRow | null,
  now: number,
): Promise<void> {
  if (!into) {
    await contacts.update(executor, workspaceId, { wa_id: from.wa_id }, { wa_id: intoWaId, updated_at: now });
    return;
  }
  const n = (v: number | null) => (v === null ? null : Number(v));
  const fromNewer = (n(from.last_inbound_at) ?? -1) > (n(into.last_inbound_at) ?? -1);
  const fromConsent = (n(from.consent_at) ?? -1) > (n(into.consent_at) ?? -1);
  await contacts.update(
    executor,
    workspaceId,
    { wa_id: into.wa_id },
    {
      name: into.name ?? from.name,
      profile_name: fromNewer ? (from.profile_name ?? into.profile_name) : (into.profile_name ?? from.profile_name),
      last_inbound_at: fromNewer ? from.last_inbound_at : into.last_inbound_at,
      ...(fromConsent
        ? { marketing_opt_in: from.marketing_opt_in, consent_source: from.consent_source, consent_at: from.consent_at }
        : {}),
      ...(fromConsent ? { consent_proof: from.consent_proof } : {}),
      email: into.email ?? from.email,
      external_id: into.external_id ?? from.external_id,
      language: into.language ?? from.language,
      user_id: into.user_id ?? from.user_id,
      parent_user_id: into.parent_user_id ?? from.parent_user_id,
      username: into.username ?? from.username,
      created_at: Math.min(Number(into.created_at), Number(from.created_at)),
      updated_at: now,
    },
  );
  await contacts.delete(executor, workspaceId, { wa_id: from.wa_id });
}
