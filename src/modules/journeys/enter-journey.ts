import { newId } from "../../platform/crypto/index.js";
import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { listPhoneNumberRows } from "../connection/index.js";
import { listConversations } from "../inbox/index.js";
import { allHold } from "./evaluate.js";
import { insertJourney, lastEntryAt, type JourneyRow } from "./journeys.repo.js";
import type { AutomationPlan } from "./plan.js";
import { contextOf, DAY_MS, scheduleStep, type JourneyDeps } from "./runtime.js";

export interface Entry {
  waId: string;
  contactId: string | null;
  /** The trigger key (automations' `journeyKey`): one active journey per (automation, contact, key). */
  key: string;
  /** What the exit events' keys are compared with (a checkout token); null when the trigger has none. */
  keyValue: string | null;
  /** The trigger's own id (an event id, a schedule tick, an API call's key): entered once per contact. */
  triggerId: string;
  event: Record<string, unknown>;
  text?: string | null;
  /** The number and conversation the contact wrote to, for inbound triggers. */
  phoneNumberId?: string | null;
  conversationId?: string | null;
}

/**
 * Enters a contact into an automation when its entry conditions hold and its re-entry rule lets
 * it: a journey row and its first step's job, in one transaction. The database decides the races:
 * a trigger processed twice (or by two workers) enters once, and a key has one active journey.
 * Returns the journey's id, or null when it did not enter.
 */
export async function enterJourney(
  deps: JourneyDeps,
  ws: WorkspaceId,
  plan: AutomationPlan,
  entry: Entry,
): Promise<string | null> {
  const now = deps.clock.now();
  const id = newId("jrn", now);
  const reentry = plan.definition.reentry;
  if (reentry.mode !== "always") {
    const last = await lastEntryAt(deps.db, ws, plan.automationId, entry.waId);
    if (last !== null && (reentry.mode === "once" || now - last < reentry.days * DAY_MS)) return null;
  }
  const where = await numberFor(deps.db, ws, entry);
  const row: Omit<JourneyRow, "workspace_id"> = {
    id,
    automation_id: plan.automationId,
    version: plan.version,
    contact_id: entry.contactId,
    wa_id: entry.waId,
    trigger_key: entry.key,
    entry_key: entry.key,
    trigger_event_id: entry.triggerId,
    phone_number_id: where.phoneNumberId,
    status: "active",
    exit_reason: null,
    cursor: 0,
    step_index: 0,
    due_at: now,
    waiting_for: null,
    waiting_message_id: null,
    conversation_id: where.conversationId,
    context: JSON.stringify({ keyValue: entry.keyValue, event: entry.event, text: entry.text ?? null }),
    entered_at: now,
    updated_at: now,
    ended_at: null,
  };
  const ctx = await contextOf(deps.db, ws, row, now);
  if (!allHold(plan.definition.conditions, ctx)) return null;
  // `once`: every journey of the contact keeps the key "once" taken... while active; the check
  // above covers the ended ones, the constraint the concurrent ones.
  if (reentry.mode === "once") row.entry_key = "once";
  const inserted = await deps.events.transaction(deps.db, async (trx) => {
    if (!(await insertJourney(trx, ws, row))) return false;
    await scheduleStep(trx, deps, ws, id, 0, now);
    return true;
  });
  return inserted ? id : null;
}

/**
 * The number a journey sends from: the one the contact wrote to, else the one of their latest
 * conversation, else the workspace's first active number. And the conversation (assign steps).
 */
async function numberFor(db: Executor, ws: WorkspaceId, entry: Entry) {
  if (entry.phoneNumberId) return { phoneNumberId: entry.phoneNumberId, conversationId: entry.conversationId ?? null };
  const latest = (await listConversations(db as never, ws, { waId: entry.waId, limit: 1 })).data[0];
  if (latest) return { phoneNumberId: latest.phoneNumberId, conversationId: latest.id };
  const active = (await listPhoneNumberRows(db as never, ws)).find((n) => Number(n.active) === 1);
  return { phoneNumberId: active?.id ?? null, conversationId: null };
}
