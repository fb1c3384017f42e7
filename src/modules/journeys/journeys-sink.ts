import type { EventSink } from "../../platform/events.js";
import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { hasEnabledAutomations, type TriggerKind } from "../automations/index.js";
import { HEARD_EVENTS } from "./handle-event.js";
import { hasActiveJourneys, hasJourneyMessage, hasJourneyMessages } from "./journeys.repo.js";
import { EVENT_JOB, type JourneyDeps } from "./runtime.js";

const STATUSES_HEARD = new Set(["sent", "delivered", "read", "failed"]);

/**
 * Queues the runtime's job for an event, in the transaction that records it: an inbound message,
 * a status, a commerce event or an opt-out is heard exactly when it is committed, and a crash after
 * the commit still has the job row. Only events something may care about are queued (indexed
 * reads: a journey of the contact or of the message, or an enabled automation of that trigger
 * kind), so a workspace without automations pays a few reads per transaction and writes nothing.
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

/**
 * Workspace-wide answers, asked once per transaction: a webhook batch records up to hundreds of
 * statuses and inbound messages in one, and without this each paid two reads (measured: 5.3 of
 * the ~13.5 statements of an outbound message in bench/dispatch.ts). Its events commit together,
 * so they are heard as of one moment: an automation enabled, or a journey started, by another
 * transaction while this one runs is not seen by its later events, as it would not be by its
 * earlier ones. A journey's message is safe too: its step row commits before the message is sent,
 * so before Meta can post a status of it. On the plain handle (no transaction) nothing is kept.
 */
const perTransaction = new WeakMap<Executor, Map<string, Promise<boolean>>>();
function once(db: Executor, key: string, ask: () => Promise<boolean>): Promise<boolean> {
  if (!db.isTransaction) return ask();
  let answers = perTransaction.get(db);
  if (!answers) perTransaction.set(db, (answers = new Map<string, Promise<boolean>>()));
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = ask()));
  return answer;
}

const automationsOf = (db: Executor, ws: WorkspaceId, kind: TriggerKind, match?: string) =>
  once(db, `a\u0000${ws}\u0000${kind}\u0000${match ?? ""}\u0000${match === undefined ? 0 : 1}`, () =>
    hasEnabledAutomations(db, ws, kind, match),
  );
const anyActiveJourney = (db: Executor, ws: WorkspaceId) =>
  once(db, `j\u0000${ws}`, () => hasActiveJourneys(db, ws, null));
const activeJourneyOf = async (db: Executor, ws: WorkspaceId, waId: string) =>
  (await anyActiveJourney(db, ws)) && hasActiveJourneys(db, ws, waId);
const journeyMessage = async (db: Executor, ws: WorkspaceId, messageId: string) =>
  (await once(db, `m\u0000${ws}`, () => hasJourneyMessages(db, ws))) && hasJourneyMessage(db, ws, messageId);

async function concerns(db: Executor, ws: WorkspaceId, type: string, data: Record<string, unknown>): Promise<boolean> {
  switch (type) {
    case "message.received":
      return (await activeJourneyOf(db, ws, String(data["from"]))) || automationsOf(db, ws, "inbound_message");
    case "contact.opted_out":
      return activeJourneyOf(db, ws, String(data["waId"]));
    case "message.status":
      if (!STATUSES_HEARD.has(String(data["status"]))) return false;
      return (await journeyMessage(db, ws, String(data["messageId"]))) || automationsOf(db, ws, "message_status");
    case "contact.tag_added":
      return automationsOf(db, ws, "tag_added", String(data["tag"]));
    case "commerce.event":
      return (await anyActiveJourney(db, ws)) || automationsOf(db, ws, "event", String(data["type"]));
    default:
      return false;
  }
}
