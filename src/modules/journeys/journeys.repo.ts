import { sql } from "kysely";
import { hotQuery, typed, workspaceTable, type AnyDb, type Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface JourneyRow {
  id: string;
  workspace_id: string;
  automation_id: string;
  version: number;
  contact_id: string | null;
  wa_id: string;
  trigger_key: string;
  entry_key: string;
  trigger_event_id: string;
  phone_number_id: string | null;
  status: "active" | "completed" | "exited";
  exit_reason: string | null;
  cursor: number;
  step_index: number;
  due_at: number | null;
  waiting_for: string | null;
  waiting_message_id: string | null;
  conversation_id: string | null;
  context: string;
  entered_at: number;
  updated_at: number;
  ended_at: number | null;
}

export interface JourneyStepRow {
  id: string;
  journey_id: string;
  workspace_id: string;
  automation_id: string;
  seq: number;
  step_id: string;
  kind: string;
  status: "running" | "done" | "skipped" | "failed";
  outcome: string | null;
  variant: string | null;
  message_id: string | null;
  message_status: string | null;
  detail: string | null;
  at: number;
  updated_at: number;
}

interface Tables {
  journeys: JourneyRow;
  journey_steps: JourneyStepRow;
  journey_sends: { workspace_id: string; wa_id: string; step_run_id: string; at: number };
  journey_send_locks: { workspace_id: string; wa_id: string; taken: number };
  journey_schedule_ticks: {
    workspace_id: string;
    automation_id: string;
    tick_at: number;
    version: number;
    created_at: number;
  };
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const journeys = workspaceTable<JourneyRow>({ table: "journeys" });
const steps = workspaceTable<JourneyStepRow>({ table: "journey_steps" });
const sends = workspaceTable<Tables["journey_sends"]>({ table: "journey_sends" });
// PostgreSQL answers bigint columns as strings.
const num = <T extends object>(row: T, keys: Array<keyof T>): T => {
  const r = row as Record<keyof T, unknown>;
  for (const k of keys) if (r[k] !== null && r[k] !== undefined) r[k] = Number(r[k]);
  return row;
};
const journeyOut = (r: JourneyRow) =>
  num(r, ["version", "cursor", "step_index", "due_at", "entered_at", "updated_at", "ended_at"]);
const stepOut = (r: JourneyStepRow) => num(r, ["seq", "at", "updated_at"]);

/**
 * Enters a contact: false when its trigger entered it already, or a journey with the same key is
 * active (either unique constraint; the database decides between concurrent workers).
 */
export async function insertJourney(trx: Executor, workspaceId: WorkspaceId, row: Omit<JourneyRow, "workspace_id">) {
  const res = await q(trx)
    .insertInto("journeys")
    .values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function findJourney(db: AnyDb | Executor, workspaceId: WorkspaceId, id: string) {
  const row = await journeys.find(db, workspaceId, { id });
  return row ? journeyOut(row) : null;
}

/** When the contact last entered the automation (re-entry rules); null when never. */
export async function lastEntryAt(db: Executor, workspaceId: WorkspaceId, automationId: string, waId: string) {
  const row = await q(db)
    .selectFrom("journeys")
    .select((eb) => eb.fn.max("entered_at").as("at"))
    .where("workspace_id", "=", workspaceId)
    .where("automation_id", "=", automationId)
    .where("wa_id", "=", waId)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/**
 * Moves an active journey on from step run `fromCursor`: a compare-and-set, so of a timeout job and
 * a status webhook racing for the same wait (or a retried job), exactly one wins.
 */
export async function moveJourney(
  trx: Executor,
  workspaceId: WorkspaceId,
  id: string,
  fromCursor: number,
  changes: Partial<
    Pick<
      JourneyRow,
      | "cursor"
      | "step_index"
      | "due_at"
      | "waiting_for"
      | "waiting_message_id"
      | "status"
      | "exit_reason"
      | "ended_at"
      | "entry_key"
    >
  > & { updated_at: number },
): Promise<boolean> {
  return (await journeys.update(trx, workspaceId, { id, status: "active", cursor: fromCursor }, changes)) > 0;
}

/** Ends an active journey whatever step it is at (exits); false when it had ended already. */
export async function exitJourney(trx: Executor, workspaceId: WorkspaceId, id: string, reason: string, now: number) {
  const res = await q(trx)
    .updateTable("journeys")
    .set((eb) => ({
      status: "exited" as const,
      exit_reason: reason,
      ended_at: now,
      updated_at: now,
      waiting_for: null,
      due_at: null,
      entry_key: eb.ref("id"),
    }))
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .where("status", "=", "active")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** A contact's active journeys (exits on a reply, an event, an opt-out). */
export async function activeJourneysOf(db: Executor, workspaceId: WorkspaceId, waId: string) {
  return (await journeys.list(db, workspaceId, { wa_id: waId, status: "active" })).map(journeyOut);
}

// The journeys sink asks these for every event a journey may hear (each status of each message,
// each inbound message): built once (platform/db/hot-query.ts), not by Kysely per event.
const activeJourneyOfHot = hotQuery((db, [workspaceId, waId]: [WorkspaceId, string]) =>
  q(db)
    .selectFrom("journeys")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("wa_id", "=", waId)
    .where("status", "=", "active")
    .limit(1),
);
const anyActiveJourneyHot = hotQuery((db, [workspaceId]: [WorkspaceId]) =>
  q(db)
    .selectFrom("journeys")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "active")
    .limit(1),
);
const journeyMessageHot = hotQuery((db, [workspaceId, messageId]: [WorkspaceId, string]) =>
  q(db)
    .selectFrom("journey_steps")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("message_id", "=", messageId)
    .limit(1),
);

const anyJourneyMessageHot = hotQuery((db, [workspaceId]: [WorkspaceId]) =>
  q(db)
    .selectFrom("journey_steps")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("message_id", "is not", null)
    .limit(1),
);

/** Whether the workspace has an active journey (of that customer, unless null). */
export async function hasActiveJourneys(db: Executor, workspaceId: WorkspaceId, waId: string | null) {
  const found =
    waId === null ? await anyActiveJourneyHot(db, workspaceId) : await activeJourneyOfHot(db, workspaceId, waId);
  return found.rows.length > 0;
}

/** Whether a journey of the workspace ever sent a message. */
export async function hasJourneyMessages(db: Executor, workspaceId: WorkspaceId) {
  return (await anyJourneyMessageHot(db, workspaceId)).rows.length > 0;
}

/** Whether a journey sent this message. */
export async function hasJourneyMessage(db: Executor, workspaceId: WorkspaceId, messageId: string) {
  return (await journeyMessageHot(db, workspaceId, messageId)).rows.length > 0;
}

/** An automation's active journeys, a page at a time (pausing ends them). */
export async function activeJourneyIds(db: Executor, workspaceId: WorkspaceId, automationId: string, limit: number) {
  const rows = await q(db)
    .selectFrom("journeys")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("automation_id", "=", automationId)
    .where("status", "=", "active")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Journeys whose wait_for step watches this message. */
export async function journeysWaitingOn(db: Executor, workspaceId: WorkspaceId, messageId: string) {
  return (await journeys.list(db, workspaceId, { waiting_message_id: messageId, status: "active" })).map(journeyOut);
}

/** Starts a step run's row; false when it exists (a retried job: the row says how far it got). */
export async function insertStep(trx: Executor, workspaceId: WorkspaceId, row: Omit<JourneyStepRow, "workspace_id">) {
  const res = await q(trx)
    .insertInto("journey_steps")
    .values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(["journey_id", "seq"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function findStep(db: AnyDb | Executor, workspaceId: WorkspaceId, journeyId: string, seq: number) {
  const row = await steps.find(db, workspaceId, { journey_id: journeyId, seq });
  return row ? stepOut(row) : null;
}

export async function updateStep(
  trx: Executor,
  workspaceId: WorkspaceId,
  journeyId: string,
  seq: number,
  changes: Partial<
    Pick<JourneyStepRow, "status" | "outcome" | "variant" | "message_id" | "message_status" | "detail">
  > & {
    updated_at: number;
  },
) {
  await steps.update(trx, workspaceId, { journey_id: journeyId, seq }, changes);
}

/** A journey's latest step run of a step id (what `steps.<id>.status` and a wait_for read). */
export async function latestRunOf(db: Executor, workspaceId: WorkspaceId, journeyId: string, stepId: string) {
  const row = await steps.find(db, workspaceId, { journey_id: journeyId, step_id: stepId }, [["seq", "desc"]]);
  return row ? stepOut(row) : null;
}

/** The step run that sent a message (status triggers: which automation's, which step's). */
export async function findStepByMessage(db: Executor, workspaceId: WorkspaceId, messageId: string) {
  const row = await steps.find(db, workspaceId, { message_id: messageId });
  return row ? stepOut(row) : null;
}

const RANK: Record<string, number> = { queued: 0, sending: 1, unknown: 1, sent: 2, delivered: 3, read: 4, failed: 9 };
export const statusRank = (s: string | null) => (s === null ? -1 : (RANK[s] ?? -1));

/** A journey message's status moved: kept on its step run for the funnel (only forward). */
export async function noteMessageStatus(
  trx: Executor,
  workspaceId: WorkspaceId,
  messageId: string,
  status: string,
  now: number,
) {
  const rows = await q(trx)
    .selectFrom("journey_steps")
    .select(["journey_id", "seq", "message_status"])
    .where("workspace_id", "=", workspaceId)
    .where("message_id", "=", messageId)
    .execute();
  for (const r of rows) {
    if (statusRank(status) <= statusRank(r.message_status)) continue;
    await updateStep(trx, workspaceId, r.journey_id, Number(r.seq), { message_status: status, updated_at: now });
  }
  return rows.length;
}

/**
 * Takes one of the contact's automation messages of the last 24 hours for step run `stepRunId`;
 * false when `cap` are taken. The contact's lock row is updated first, so on PostgreSQL a second
 * worker waits for this transaction before it counts.
 */
export async function takeDailySend(
  trx: Executor,
  workspaceId: WorkspaceId,
  waId: string,
  stepRunId: string,
  now: number,
  windowStart: number,
  cap: number,
) {
  await q(trx)
    .insertInto("journey_send_locks")
    .values({ workspace_id: workspaceId, wa_id: waId, taken: 0 })
    .onConflict((oc) => oc.columns(["workspace_id", "wa_id"]).doNothing())
    .execute();
  await q(trx)
    .updateTable("journey_send_locks")
    .set({ taken: sql`taken + 1` })
    .where("workspace_id", "=", workspaceId)
    .where("wa_id", "=", waId)
    .execute();
  const row = await q(trx)
    .selectFrom("journey_sends")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("wa_id", "=", waId)
    .where("at", ">", windowStart)
    .executeTakeFirst();
  if (Number(row?.n ?? 0) >= cap) return false;
  await q(trx)
    .insertInto("journey_sends")
    .values({ workspace_id: workspaceId, wa_id: waId, step_run_id: stepRunId, at: now })
    .execute();
  return true;
}

/** Gives back a send that did not go (the send was refused). */
export async function returnDailySend(trx: Executor, workspaceId: WorkspaceId, waId: string, stepRunId: string) {
  await sends.delete(trx, workspaceId, { wa_id: waId, step_run_id: stepRunId });
}

/** Sends older than the cap's window are no longer counted. */
// cross-tenant: a scheduled sweep of every workspace's old rows
export async function pruneDailySends(db: AnyDb, before: number) {
  await q(db).deleteFrom("journey_sends").where("at", "<", before).execute();
}

export interface JourneyFilter {
  automationId?: string | undefined;
  status?: JourneyRow["status"] | undefined;
  waId?: string | undefined;
  exitReason?: string | undefined;
  /** The last id of the previous page (ids sort by entry time). */
  before?: string | undefined;
  limit: number;
}

/** Journeys newest first. */
export async function listJourneyRows(db: AnyDb | Executor, workspaceId: WorkspaceId, f: JourneyFilter) {
  let query = q(db).selectFrom("journeys").selectAll().where("workspace_id", "=", workspaceId);
  if (f.automationId) query = query.where("automation_id", "=", f.automationId);
  if (f.status) query = query.where("status", "=", f.status);
  if (f.waId) query = query.where("wa_id", "=", f.waId);
  if (f.exitReason) query = query.where("exit_reason", "=", f.exitReason);
  if (f.before) query = query.where("id", "<", f.before);
  const rows = await query.orderBy("id", "desc").limit(f.limit).execute();
  return rows.map(journeyOut);
}

export async function listStepRows(db: AnyDb | Executor, workspaceId: WorkspaceId, journeyId: string) {
  return (await steps.list(db, workspaceId, { journey_id: journeyId }, { orderBy: [["seq", "asc"]] })).map(stepOut);
}

/** An automation's journeys by status and exit reason. */
export async function countJourneys(db: AnyDb | Executor, workspaceId: WorkspaceId, automationId: string) {
  const rows = await q(db)
    .selectFrom("journeys")
    .select(["status", "exit_reason", (eb) => eb.fn.countAll<number>().as("n")])
    .where("workspace_id", "=", workspaceId)
    .where("automation_id", "=", automationId)
    .groupBy(["status", "exit_reason"])
    .execute();
  return rows.map((r) => ({ status: r.status, exitReason: r.exit_reason, n: Number(r.n) }));
}

/** An automation's step runs by step, status, outcome and message status. */
export async function countSteps(db: AnyDb | Executor, workspaceId: WorkspaceId, automationId: string) {
  const rows = await q(db)
    .selectFrom("journey_steps")
    .select(["step_id", "status", "outcome", "message_status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("workspace_id", "=", workspaceId)
    .where("automation_id", "=", automationId)
    .groupBy(["step_id", "status", "outcome", "message_status"])
    .execute();
  return rows.map((r) => ({
    stepId: r.step_id,
    status: r.status,
    outcome: r.outcome,
    messageStatus: r.message_status,
    n: Number(r.n),
  }));
}

// --- schedule ticks ---

/** The latest fire time a schedule automation fired at, or null when it never did. */
export async function lastScheduleTick(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  automationId: string,
): Promise<number | null> {
  const row = await q(db)
    .selectFrom("journey_schedule_ticks")
    .select((eb) => eb.fn.max("tick_at").as("last"))
    .where("workspace_id", "=", workspaceId)
    .where("automation_id", "=", automationId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

/** Claims a fire time: true for the one caller that inserted the row (the database decides a race). */
export async function claimScheduleTick(
  trx: Executor,
  workspaceId: WorkspaceId,
  automationId: string,
  tickAt: number,
  version: number,
  now: number,
): Promise<boolean> {
  const res = await q(trx)
    .insertInto("journey_schedule_ticks")
    .values({ workspace_id: workspaceId, automation_id: automationId, tick_at: tickAt, version, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}
