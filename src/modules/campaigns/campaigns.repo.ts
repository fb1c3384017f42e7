import { sql } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type CampaignStatus = "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";

export interface CampaignRow {
  id: string;
  workspace_id: string;
  name: string;
  phone_number_id: string;
  template_name: string;
  template_language: string;
  template_components: string | null;
  status: CampaignStatus;
  scheduled_at: number | null;
  total: number;
  created_at: number;
  updated_at: number;
}

export interface RecipientRow {
  campaign_id: string;
  seq: number;
  to: string;
  parameters: string | null;
  /** staged: uploaded by a stream that has not finished yet. */
  state: "staged" | "pending" | "queued" | "skipped";
  skip_reason: string | null;
  message_id: string | null;
}

interface Tables {
  campaigns: CampaignRow;
  campaign_recipients: RecipientRow;
  messages: { campaign_id: string | null; status: string; workspace_id: string };
  outbox: { campaign_id: string | null };
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

export const insertCampaign = (trx: Executor, row: CampaignRow) => q(trx).insertInto("campaigns").values(row).execute();

export async function findCampaign(db: AnyDb | Executor, workspaceId: WorkspaceId, id: string): Promise<CampaignRow | null> {
  return (await q(db).selectFrom("campaigns").selectAll().where("workspace_id", "=", workspaceId).where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function listCampaigns(db: AnyDb, workspaceId: WorkspaceId, before: string | undefined, limit: number): Promise<CampaignRow[]> {
  return q(db).selectFrom("campaigns").selectAll().where("workspace_id", "=", workspaceId).$if(before !== undefined, (qb) => qb.where("id", "<", before!)).orderBy("id", "desc").limit(limit).execute();
}

/** A status change that only happens from the states listed: concurrent pause/resume/cancel cannot interleave wrongly. */
export async function setCampaignStatus(db: AnyDb | Executor, workspaceId: WorkspaceId, id: string, to: CampaignStatus, from: CampaignStatus[], now: number): Promise<boolean> {
  const res = await q(db).updateTable("campaigns").set({ status: to, updated_at: now }).where("workspace_id", "=", workspaceId).where("id", "=", id).where("status", "in", from).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Appends recipients after the last sequence number, in the caller's transaction. */
export async function appendRecipients(trx: Executor, campaignId: string, rows: Array<{ to: string; parameters?: unknown }>, state: "pending" | "staged" = "pending"): Promise<number> {
  if (rows.length === 0) return 0;
  const last = await q(trx).selectFrom("campaign_recipients").select((eb) => eb.fn.max("seq").as("m")).where("campaign_id", "=", campaignId).executeTakeFirst();
  let seq = Number(last?.m ?? 0);
  const values = rows.map((r) => ({ campaign_id: campaignId, seq: ++seq, to: r.to, parameters: r.parameters === undefined ? null : JSON.stringify(r.parameters), state: state as RecipientRow["state"], skip_reason: null, message_id: null }));
  for (let i = 0; i < values.length; i += 500) await q(trx).insertInto("campaign_recipients").values(values.slice(i, i + 500)).execute();
  await q(trx).updateTable("campaigns").set({ total: sql`total + ${rows.length}` }).where("id", "=", campaignId).execute();
  return rows.length;
}

export async function pendingRecipients(db: AnyDb | Executor, campaignId: string, limit: number): Promise<RecipientRow[]> {
  return q(db).selectFrom("campaign_recipients").selectAll().where("campaign_id", "=", campaignId).where("state", "=", "pending").orderBy("seq").limit(limit).execute();
}

export async function markRecipients(trx: Executor, campaignId: string, updates: Array<{ seq: number; state: "queued" | "skipped"; skip_reason: string | null; message_id: string | null }>): Promise<void> {
  for (const u of updates) {
    await q(trx).updateTable("campaign_recipients").set({ state: u.state, skip_reason: u.skip_reason, message_id: u.message_id }).where("campaign_id", "=", campaignId).where("seq", "=", u.seq).where("state", "=", "pending").execute();
  }
}

export async function skipAllPending(trx: Executor, campaignId: string, reason: string): Promise<void> {
  await q(trx).updateTable("campaign_recipients").set({ state: "skipped", skip_reason: reason }).where("campaign_id", "=", campaignId).where("state", "=", "pending").execute();
}

/** The campaign's progress, straight from the rows (status webhooks move the messages). */
export async function campaignCounts(db: AnyDb, campaignId: string) {
  const recipients = await q(db).selectFrom("campaign_recipients").select(["state", "skip_reason"]).select((eb) => eb.fn.countAll<number>().as("n")).where("campaign_id", "=", campaignId).groupBy(["state", "skip_reason"]).execute();
  const messages = await q(db).selectFrom("messages").select("status").select((eb) => eb.fn.countAll<number>().as("n")).where("campaign_id", "=", campaignId).groupBy("status").execute();
  const outbox = await q(db).selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("campaign_id", "=", campaignId).executeTakeFirst();
  return {
    recipients: recipients.map((r) => ({ state: r.state, reason: r.skip_reason, n: Number(r.n) })),
    messages: Object.fromEntries(messages.map((m) => [m.status, Number(m.n)])) as Record<string, number>,
    outbox: Number(outbox?.n ?? 0),
  };
}

/** A finished upload's rows become pending; a failed one's disappear, total and all. */
export async function settleStaged(trx: Executor, campaignId: string, ok: boolean): Promise<number> {
  if (ok) {
    const res = await q(trx).updateTable("campaign_recipients").set({ state: "pending" }).where("campaign_id", "=", campaignId).where("state", "=", "staged").executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
  const res = await q(trx).deleteFrom("campaign_recipients").where("campaign_id", "=", campaignId).where("state", "=", "staged").executeTakeFirst();
  const n = Number(res.numDeletedRows);
  await q(trx).updateTable("campaigns").set({ total: sql`total - ${n}` }).where("id", "=", campaignId).execute();
  return n;
}
