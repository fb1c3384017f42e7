import type { RecordedEvent } from "../../platform/events.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import { eventKeyPath, exitEventKey, journeyKey, readPath } from "../automations/index.js";
import { findContact } from "../inbox/index.js";
import { findMessage } from "../messages/index.js";
import { advance, exitWith } from "./advance.js";
import { enterJourney } from "./enter-journey.js";
import { inboundText } from "./evaluate.js";
import { inboundMatches } from "./inbound-match.js";
import {
  activeJourneysOf,
  findStepByMessage,
  journeysWaitingOn,
  noteMessageStatus,
  statusRank,
  type JourneyRow,
} from "./journeys.repo.js";
import { enabledPlans, planVersion, type AutomationPlan } from "./plan.js";
import type { JourneyDeps } from "./runtime.js";

/** The events the runtime listens to: what triggers, resolves waits and ends journeys. */
export const HEARD_EVENTS: ReadonlySet<string> = new Set([
  "message.received",
  "commerce.event",
  "contact.opted_out",
  "message.status",
  "contact.tag_added",
]);

export type HeardEvent = Pick<RecordedEvent, "id" | "type" | "at" | "data">;

/**
 * One recorded event, from its job (queued in the event's own transaction, so none is lost).
 * Safe to run twice: waits move by compare-and-set, exits only end active journeys, and a trigger
 * enters a contact once. Exits and waits come before entries, so the message that starts a
 * keyword auto-reply does not also end it.
 */
export async function handleEvent(deps: JourneyDeps, workspaceId: string, event: HeardEvent): Promise<void> {
  const ws = asWorkspaceId(workspaceId);
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case "message.received":
      return onInbound(deps, ws, event, data);
    case "commerce.event":
      return onCommerce(deps, ws, event, data);
    case "contact.opted_out":
      // Opt-out ends every journey of the contact, whatever the automation says.
      for (const j of await activeJourneysOf(deps.db, ws, String(data["waId"])))
        await exitWith(deps, ws, j, "opted_out");
      return;
    case "message.status":
      return onStatus(deps, ws, event, data);
    case "contact.tag_added":
      return onTagAdded(deps, ws, event, data);
    default:
      return;
  }
}

/** Versions read once per event, however many of the contact's journeys run on them. */
function versions(deps: JourneyDeps, ws: WorkspaceId) {
  const cache = new Map<string, Promise<AutomationPlan | null>>();
  return (j: JourneyRow) => {
    const k = `${j.automation_id}:${j.version}`;
    if (!cache.has(k)) cache.set(k, planVersion(deps.db, ws, j.automation_id, j.version));
    return cache.get(k)!;
  };
}

async function onInbound(deps: JourneyDeps, ws: WorkspaceId, event: HeardEvent, data: Record<string, unknown>) {
  const waId = String(data["from"]);
  const planOf = versions(deps, ws);
  for (const j of await activeJourneysOf(deps.db, ws, waId)) {
    if (j.entered_at > event.at || j.trigger_event_id === event.id) continue;
    const plan = await planOf(j);
    if (!plan) continue;
    if (j.waiting_for === "reply") {
      await resolveWait(deps, ws, j, plan, "replied");
      continue;
    }
    if (plan.definition.exit.onReply) await exitWith(deps, ws, j, "replied");
  }
  const plans = await enabledPlans(deps.db, ws, "inbound_message");
  if (plans.length === 0) return;
  const contact = await findContact(deps.db, ws, { waId });
  const { text, replyId } = inboundText(data["content"]);
  const messageId = String(data["messageId"]);
  for (const plan of plans) {
    const trigger = plan.definition.trigger;
    if (trigger.kind !== "inbound_message") continue;
    if (!inboundMatches(trigger, { text, replyId, language: contact?.language ?? null })) continue;
    await enterJourney(deps, ws, plan, {
      waId,
      contactId: contact?.id ?? null,
      key: journeyKey(trigger, { messageId }),
      keyValue: null,
      triggerId: event.id,
      event: { ...data, text, replyId },
      text,
      phoneNumberId: typeof data["phoneNumberId"] === "string" ? data["phoneNumberId"] : null,
      conversationId: typeof data["conversationId"] === "string" ? data["conversationId"] : null,
    });
  }
}

async function onCommerce(deps: JourneyDeps, ws: WorkspaceId, event: HeardEvent, data: Record<string, unknown>) {
  const contact = await findContact(deps.db, ws, { id: String(data["contactId"]) });
  if (!contact) return;
  const type = String(data["type"]);
  const eventData = (data["data"] ?? {}) as Record<string, unknown>;
  const planOf = versions(deps, ws);
  const exitKey = exitEventKey(type, eventData);
  for (const j of await activeJourneysOf(deps.db, ws, contact.waId)) {
    if (j.trigger_event_id === event.id) continue;
    const plan = await planOf(j);
    if (!plan) continue;
    const keyValue = (JSON.parse(j.context) as { keyValue?: string | null }).keyValue ?? null;
    const ends = plan.definition.exit.events.some(
      (e) => e.type === type && (!e.sameKey || (exitKey !== null && exitKey === keyValue)),
    );
    if (ends) await exitWith(deps, ws, j, "event");
  }
  const commerce = { id: String(data["id"]), type, data: eventData };
  for (const plan of await enabledPlans(deps.db, ws, "event", type)) {
    const trigger = plan.definition.trigger;
    if (trigger.kind !== "event" || trigger.eventType !== type) continue;
    const path = eventKeyPath(trigger);
    const v = path === null ? undefined : readPath(eventData, path);
    await enterJourney(deps, ws, plan, {
      waId: contact.waId,
      contactId: contact.id,
      key: journeyKey(trigger, { event: commerce }),
      keyValue: typeof v === "string" || typeof v === "number" ? String(v) : null,
      triggerId: event.id,
      event: { ...eventData, type, id: commerce.id, occurredAt: data["occurredAt"] },
    });
  }
}

async function onStatus(deps: JourneyDeps, ws: WorkspaceId, event: HeardEvent, data: Record<string, unknown>) {
  const messageId = String(data["messageId"]);
  const status = String(data["status"]);
  await deps.events.transaction(deps.db, (trx) => noteMessageStatus(trx, ws, messageId, status, deps.clock.now()));
  const planOf = versions(deps, ws);
  for (const j of await journeysWaitingOn(deps.db, ws, messageId)) {
    if (j.waiting_for === "reply" || status === "failed" || statusRank(status) < statusRank(j.waiting_for)) continue;
    const plan = await planOf(j);
    if (plan) await resolveWait(deps, ws, j, plan, j.waiting_for!);
  }
  if (!["delivered", "read", "failed"].includes(status)) return;
  const plans = (await enabledPlans(deps.db, ws, "message_status")).filter(
    (p) => p.definition.trigger.kind === "message_status" && p.definition.trigger.status === status,
  );
  if (plans.length === 0) return;
  const message = await findMessage(deps.db, ws, messageId);
  if (!message) return;
  const sentBy = await findStepByMessage(deps.db, ws, messageId);
  const error = (data["error"] ?? {}) as { metaCode?: unknown; code?: unknown };
  const metaCode = Number(error.metaCode ?? error.code);
  for (const plan of plans) {
    const trigger = plan.definition.trigger;
    if (trigger.kind !== "message_status") continue;
    const source = trigger.source;
    if (source.type === "campaign") {
      if (message.campaign_id === null || (source.campaignId && source.campaignId !== message.campaign_id)) continue;
    } else {
      if (!sentBy) continue;
      if ((source.automationId ?? plan.automationId) !== sentBy.automation_id) continue;
      if (source.stepId && source.stepId !== sentBy.step_id) continue;
    }
    if (status === "failed" && trigger.errorCodes.length > 0 && !trigger.errorCodes.includes(metaCode)) continue;
    await enterJourney(deps, ws, plan, {
      waId: message.wa_id,
      contactId: null,
      key: journeyKey(trigger, { messageId }),
      keyValue: null,
      triggerId: event.id,
      event: { ...data },
      phoneNumberId: message.phone_number_id,
    });
  }
}

/**
 * A tag the contact did not have: enabled automations triggered by that tag enter the contact,
 * keyed by the tag. A journey that adds its own trigger tag starts nothing while it is active (same
 * key) and a tag the contact keeps is never "added" again; beyond that the re-entry rule decides.
 */
async function onTagAdded(deps: JourneyDeps, ws: WorkspaceId, event: HeardEvent, data: Record<string, unknown>) {
  const tag = String(data["tag"]);
  const plans = await enabledPlans(deps.db, ws, "tag_added", tag);
  if (plans.length === 0) return;
  const contact = await findContact(deps.db, ws, { id: String(data["contactId"]) });
  // Removed since, or erased: nobody to enter. Known by email or external id only: nothing to send to.
  if (!contact || !contact.tags.includes(tag) || contact.waId === contact.id) return;
  for (const plan of plans) {
    const trigger = plan.definition.trigger;
    if (trigger.kind !== "tag_added" || trigger.tag !== tag) continue;
    await enterJourney(deps, ws, plan, {
      waId: contact.waId,
      contactId: contact.id,
      key: journeyKey(trigger, {}),
      keyValue: null,
      triggerId: event.id,
      event: { tag, source: data["source"] },
    });
  }
}

/** A wait_for got what it waited for: the journey takes the step's onMatch branch (once: compare-and-set). */
async function resolveWait(deps: JourneyDeps, ws: WorkspaceId, j: JourneyRow, plan: AutomationPlan, outcome: string) {
  const step = plan.definition.steps[j.step_index];
  if (step?.kind !== "wait_for") return;
  await advance(deps, ws, j, plan, { stepId: step.id, kind: step.kind, status: "done", outcome }, step.onMatch);
}
