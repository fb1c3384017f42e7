import { useEffect, useRef } from "react";

// One server-sent event stream (GET /v1/events, the session cookie) for every page that wants
// live updates: new messages, status changes, campaign progress, template reviews. The stream is
// opened for the first listener and closed after the last; a workspace switch opens a new one,
// since the server binds a stream to the workspace the session had when it was opened.

export interface LiveEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** Sent to listeners each time the stream (re)connects: anything may have been missed, so re-read. */
export const STREAM_OPENED = "stream.opened";

const EVENT_TYPES = [
  "message.received",
  "message.queued",
  "message.status",
  "campaign.progress",
  "template.created",
  "template.status",
  "template.status_changed",
  "template.deleted",
  "contact.opted_out",
];

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

/** The message an event is about: status events name it `messageId` or `id`. */
export function messageIdOf(event: LiveEvent): string | undefined {
  const id = event.data["messageId"] ?? event.data["id"];
  return typeof id === "string" ? id : undefined;
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
