import { useEffect, useRef } from "react";
// Types only (erased at build): the dashboard reads the server's own event catalog.
import type { EventData, EventType } from "../../src/platform/events/catalog.js";

// One server-sent event stream (GET /v1/events, the session cookie) for every page that wants
// live updates: new messages, status changes, campaign progress, template reviews. The stream is
// opened for the first listener and closed after the last; a workspace switch opens a new one,
// since the server binds a stream to the workspace the session had when it was opened. Events
// come from every Wharf process; after a drop, EventSource reconnects with Last-Event-ID and the
// server replays what was missed (the last minutes). Pages also poll slowly as the fallback.

/** Sent to listeners each time the stream (re)connects: anything may have been missed, so re-read. */
export const STREAM_OPENED = "stream.opened";

/** One event as the stream sends it (`at` is ISO 8601), or the dashboard's own "stream opened". */
export type LiveEvent =
  | { [T in EventType]: { id: string; type: T; at: string; data: EventData<T> } }[EventType]
  | { type: typeof STREAM_OPENED; at: string; data: Record<string, never> };

// Every type of the catalog: a type added there fails the dashboard's type-check until listed here.
const LISTENED: Record<EventType, true> = {
  "message.received": true,
  "order.received": true,
  "message.queued": true,
  "message.status": true,
  "contact.opted_out": true,
  "contact.opted_in": true,
  "contact.tag_added": true,
  "commerce.event": true,
  "campaign.progress": true,
  "campaign.status": true,
  "template.created": true,
  "template.status": true,
  "template.deleted": true,
  "template.quality": true,
  "template.category": true,
  "phone_number.quality": true,
  "phone_number.health_changed": true,
  "phone_number.sending_paused": true,
  "phone_number.activated": true,
  "phone_number.deactivated": true,
  "phone_number.sending": true,
  "phone_number.deregistered": true,
  "phone_number.workflow": true,
  "account.update": true,
  "account.capabilities": true,
  "connection.connected": true,
  "connection.disconnected": true,
  "connection.needs_reconnect": true,
  "connection.token_expiring": true,
  "connection.catalog_connected": true,
  "connection.catalog_needs_reconnect": true,
  "automation.webhook": true,
};
const EVENT_TYPES = Object.keys(LISTENED);

let source: EventSource | undefined;
let sourceWorkspace: string | undefined;
const listeners = new Set<(event: LiveEvent) => void>();

function dispatch(event: LiveEvent): void {
  for (const listener of listeners) listener(event);
}

function open(workspaceId: string): void {
  if (source && sourceWorkspace === workspaceId && source.readyState !== EventSource.CLOSED) return;
  source?.close();
  sourceWorkspace = workspaceId;
  const stream = new EventSource("/v1/events", { withCredentials: true });
  stream.onopen = () => dispatch({ type: STREAM_OPENED, at: new Date().toISOString(), data: {} });
  for (const type of EVENT_TYPES) {
    stream.addEventListener(type, (message: MessageEvent<string>) => {
      try {
        dispatch(JSON.parse(message.data) as LiveEvent);
      } catch {
        // A line the dashboard cannot read is skipped; the next re-read catches up.
      }
    });
  }
  source = stream;
}

/** The message an event is about. */
export function messageIdOf(event: LiveEvent): string | undefined {
  if (event.type === "message.status" || event.type === "message.received") return event.data.messageId;
  if (event.type === "message.queued") return event.data.id;
  return undefined;
}

/** The campaign an event is about. */
export function campaignIdOf(event: LiveEvent): string | undefined {
  if (event.type === "campaign.progress" || event.type === "campaign.status") return event.data.id;
  if (event.type === "message.status") return event.data.campaignId ?? undefined;
  return undefined;
}

/** Calls `onEvent` for every event of the workspace while the component is mounted. */
export function useLiveEvents(workspaceId: string, onEvent: (event: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    const listener = (event: LiveEvent) => handler.current(event);
    listeners.add(listener);
    open(workspaceId);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        source?.close();
        source = undefined;
      }
    };
  }, [workspaceId]);
}
