import type { AnyDb } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  countJourneys,
  countSteps,
  findJourney,
  listJourneyRows,
  listStepRows,
  type JourneyFilter,
  type JourneyRow,
  type JourneyStepRow,
} from "./journeys.repo.js";

export interface JourneyView {
  id: string;
  automationId: string;
  version: number;
  contactId: string | null;
  waId: string;
  triggerKey: string;
  status: JourneyRow["status"];
  exitReason: string | null;
  /** The step it is at (its id in the version's steps), null once ended. */
  stepIndex: number | null;
  /** When its next step runs (a wait's end, a wait_for's timeout). */
  dueAt: string | null;
  waitingFor: string | null;
  enteredAt: string;
  endedAt: string | null;
}

export interface JourneyStepView {
  seq: number;
  stepId: string;
  kind: string;
  status: JourneyStepRow["status"];
  /** sent, waited, replied, read, timeout, called, assigned...; for a skipped step its reason (daily_cap, a send rule's code). */
  outcome: string | null;
  messageId: string | null;
  messageStatus: string | null;
  /** send_text: "text", or "fallback" when the window was closed. */
  variant: string | null;
  at: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const journeyView = (r: JourneyRow): JourneyView => ({
  id: r.id,
  automationId: r.automation_id,
  version: r.version,
  contactId: r.contact_id,
  waId: r.wa_id,
  triggerKey: r.trigger_key,
  status: r.status,
  exitReason: r.exit_reason,
  stepIndex: r.status === "active" ? r.step_index : null,
  dueAt: r.status === "active" ? iso(r.due_at) : null,
  waitingFor: r.waiting_for,
  enteredAt: iso(r.entered_at)!,
  endedAt: iso(r.ended_at),
});

const stepView = (s: JourneyStepRow): JourneyStepView => ({
  seq: s.seq,
  stepId: s.step_id,
  kind: s.kind,
  status: s.status,
  outcome: s.outcome,
  messageId: s.message_id,
  messageStatus: s.message_status,
  variant: s.variant,
  at: iso(s.at)!,
});

/** Journeys newest first, filtered; `nextCursor` is the `before` of the next page. */
export async function listJourneys(
  db: AnyDb,
  workspaceId: WorkspaceId,
  filter: Omit<JourneyFilter, "limit"> & { limit?: number },
): Promise<{ data: JourneyView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const rows = await listJourneyRows(db, workspaceId, { ...filter, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { data: page.map(journeyView), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** A journey with its timeline (every step run in order); null when the workspace has no such journey. */
export async function journeyTimeline(
  db: AnyDb,
  workspaceId: WorkspaceId,
  journeyId: string,
): Promise<(JourneyView & { steps: JourneyStepView[] }) | null> {
  const j = await findJourney(db, workspaceId, journeyId);
  if (!j) return null;
  return { ...journeyView(j), steps: (await listStepRows(db, workspaceId, journeyId)).map(stepView) };
}

export interface JourneyStats {
  entered: number;
  active: number;
  completed: number;
  /** Exited journeys by reason: replied, event (converted by the exit event), opted_out, paused... */
  exited: Record<string, number>;
  /** Per step id: its runs by outcome, and its messages' furthest statuses. */
  steps: Record<
    string,
    { runs: number; outcomes: Record<string, number>; sent: number; delivered: number; read: number; failed: number }
  >;
}

/** An automation's funnel: journeys by state and exit reason, step runs by outcome and message status. */
export async function journeyStats(db: AnyDb, workspaceId: WorkspaceId, automationId: string): Promise<JourneyStats> {
  const stats: JourneyStats = { entered: 0, active: 0, completed: 0, exited: {}, steps: {} };
  for (const r of await countJourneys(db, workspaceId, automationId)) {
    stats.entered += r.n;
    if (r.status === "active") stats.active += r.n;
    else if (r.status === "completed") stats.completed += r.n;
    else stats.exited[r.exitReason ?? "unknown"] = (stats.exited[r.exitReason ?? "unknown"] ?? 0) + r.n;
  }
  for (const r of await countSteps(db, workspaceId, automationId)) {
    const s = (stats.steps[r.stepId] ??= { runs: 0, outcomes: {}, sent: 0, delivered: 0, read: 0, failed: 0 });
    s.runs += r.n;
    const outcome = r.outcome ?? r.status;
    s.outcomes[outcome] = (s.outcomes[outcome] ?? 0) + r.n;
    if (r.outcome === "sent") {
      s.sent += r.n;
      // A read message was delivered too: the funnel counts each stage it reached.
      if (r.messageStatus === "delivered" || r.messageStatus === "read") s.delivered += r.n;
      if (r.messageStatus === "read") s.read += r.n;
      if (r.messageStatus === "failed") s.failed += r.n;
    }
  }
  return stats;
}
