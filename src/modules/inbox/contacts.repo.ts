import { sql } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type ConsentSource = "api" | "stop_keyword" | "user_preferences";

export interface ContactRow {
  workspace_id: string;
  wa_id: string;
  profile_name: string | null;
  name: string | null;
  marketing_opt_in: number | null;
  consent_source: ConsentSource | null;
  consent_at: number | null;
  last_inbound_at: number | null;
  created_at: number;
  updated_at: number;
}

interface Tables {
  contacts: ContactRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

const blank = (workspaceId: WorkspaceId, waId: string, now: number): ContactRow => ({
  workspace_id: workspaceId,
  wa_id: waId,
  profile_name: null,
  name: null,
  marketing_opt_in: null,
  consent_source: null,
  consent_at: null,
  last_inbound_at: null,
  created_at: now,
  updated_at: now,
});

/** The customer wrote at `at`: Meta's profile name is taken unless an older message is processed after a newer one. */
export async function upsertInboundContact(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { waId: string; profileName: string | null; at: number; now: number },
): Promise<void> {
  await upsertInboundHot(executor, workspaceId, input.waId, input.profileName, input.at, input.now);
}

// Once per inbound message: built and compiled once (platform/db/hot-query.ts).
const upsertInboundHot = hotQuery(
  (db, [workspaceId, waId, profileName, at, now]: [WorkspaceId, string, string | null, number, number]) => {
    const newer = sql<boolean>`contacts.last_inbound_at is null or contacts.last_inbound_at <= excluded.last_inbound_at`;
    return q(db)
      .insertInto("contacts")
      .values({ ...blank(workspaceId, waId, now), profile_name: profileName, last_inbound_at: at })
      .onConflict((oc) =>
        oc.columns(["workspace_id", "wa_id"]).doUpdateSet({
          profile_name: sql`case when ${newer} and excluded.profile_name is not null then excluded.profile_name else contacts.profile_name end`,
          last_inbound_at: sql`case when ${newer} then excluded.last_inbound_at else contacts.last_inbound_at end`,
          updated_at: now,
        }),
      );
  },
);

/**
 * Records consent said at `at`. A statement older than the stored one changes nothing, so a STOP
 * processed late never overrides a later opt-in (and the reverse). True when it was applied.
 */
export async function applyConsent(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { waId: string; optIn: boolean; source: ConsentSource; at: number; now: number },
): Promise<boolean> {
  const res = await q(executor)
    .insertInto("contacts")
    .values({
      ...blank(workspaceId, input.waId, input.now),
      marketing_opt_in: input.optIn ? 1 : 0,
      consent_source: input.source,
      consent_at: input.at,
    })
    .onConflict((oc) =>
      oc
        .columns(["workspace_id", "wa_id"])
        .doUpdateSet({
          marketing_opt_in: input.optIn ? 1 : 0,
          consent_source: input.source,
          consent_at: input.at,
          updated_at: input.now,
        })
        .where((eb) => eb.or([eb("contacts.consent_at", "is", null), eb("contacts.consent_at", "<=", input.at)])),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
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
    .values({ ...blank(workspaceId, waId, now), name })
    .onConflict((oc) => oc.columns(["workspace_id", "wa_id"]).doUpdateSet({ name, updated_at: now }))
    .execute();
}

export async function findContactRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  waId: string,
): Promise<ContactRow | null> {
  return (
    (await q(db)
      .selectFrom("contacts")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("wa_id", "=", waId)
      .executeTakeFirst()) ?? null
  );
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
