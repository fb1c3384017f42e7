import type { EventSink } from "../../platform/events.js";
import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findEnabledAutomations } from "../automations/index.js";
import { HEARD_EVENTS } from "./handle-event.js";
import { hasActiveJourneys, hasJourneyMessage } from "./journeys.repo.js";
import { EVENT_JOB, type JourneyDeps } from "./runtime.js";

const STATUSES_HEARD = new Set(["sent", "delivered", "read", "failed"]);

/**
 * Queues the runtime's job for an event, in the transaction that records it: an inbound message,
 * a status, a commerce event or an opt-out is heard exactly when it is committed, and a crash after
 * the commit still has the job row. Only events something may care about are queued (indexed
 * reads: a journey of the contact or of the message, or an enabled automation of that trigger
 * kind), so a workspace without automations pays a read per event and writes nothing.
 */
export function journeysSink(deps: Pick<JourneyDeps, "jobs">): EventSink {
  return async (executor, workspaceId, event) => {
    if (!HEARD_EVENTS.has(event.type)) return;
    if (!(await concerns(executor, workspaceId, event.type, event.data))) return;
    await deps.jobs.enqueue(
      executor,
      EVENT_JOB,
      { workspaceId, event: { id: event.id, type: event.type, at: event.at, data: event.data } },
      { dedupeKey: `journey-event:${event.id}`, workspaceId },
    );
  };
}

async function concerns(db: Executor, ws: WorkspaceId, type: string, data: Record<string, unknown>): Promise<boolean> {
  switch (type) {
    case "message.received":
      return (
        (await hasActiveJourneys(db, ws, String(data["from"]))) ||
        (await findEnabledAutomations(db, ws, "inbound_message")).length > 0
      );
    case "contact.opted_out":
      return hasActiveJourneys(db, ws, String(data["waId"]));
    case "message.status":
      if (!STATUSES_HEARD.has(String(data["status"]))) return false;
      return (
        (await hasJourneyMessage(db, ws, String(data["messageId"]))) ||
        (await findEnabledAutomations(db, ws, "message_status")).length > 0
      );
    case "contact.tag_added":
      return (await findEnabledAutomations(db, ws, "tag_added", String(data["tag"]))).length > 0;
    case "commerce.event":
      return (
        (await hasActiveJourneys(db, ws, null)) ||
        (await findEnabledAutomations(db, ws, "event", String(data["type"]))).length > 0
      );
    default:
      return false;
  }
}
