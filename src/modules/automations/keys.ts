import { defaultKeyPath, type Trigger } from "./model.js";
import { readPath } from "./paths.js";

/** What fired a trigger, as the runtime hands it over. */
export interface TriggerInput {
  /** The commerce event (event triggers), with its id, type and data. */
  event?: { id: string; type: string; data: Record<string, unknown> } | undefined;
  /** The inbound message (inbound triggers) or the status's message (status triggers). */
  messageId?: string | undefined;
  /** The schedule's tick, in epoch ms (schedule triggers). */
  tickAt?: number | undefined;
  /** The caller's key (API triggers), if it gave one. */
  key?: string | undefined;
}

/** The event data field that keys an event trigger's journeys, or null (keyed by the event id). */
export function eventKeyPath(trigger: Extract<Trigger, { kind: "event" }>): string | null {
  return trigger.keyPath ?? defaultKeyPath(trigger.eventType);
}

/** The key of an exit event: the same field its type keys journeys by. */
export function exitEventKey(type: string, data: Record<string, unknown>): string | null {
  const path = defaultKeyPath(type);
  const v = path === null ? undefined : readPath(data, path);
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

/**
 * The trigger key: a journey is unique per (automation, contact, key). An event keys by its key
 * path's value (one abandoned-cart journey per checkout), an inbound message or a status by the
 * message, a schedule by its tick, a tag by the tag (re-entry rules decide whether it may repeat).
 */
export function journeyKey(trigger: Trigger, input: TriggerInput): string {
  switch (trigger.kind) {
    case "event": {
      const path = eventKeyPath(trigger);
      const v = path === null || !input.event ? undefined : readPath(input.event.data, path);
      if (typeof v === "string" || typeof v === "number") return `${trigger.eventType}:${String(v)}`;
      return `event:${input.event?.id ?? "none"}`;
    }
    case "inbound_message":
    case "message_status":
      return `message:${input.messageId ?? "none"}`;
    case "schedule":
      return `tick:${input.tickAt ?? 0}`;
    case "tag_added":
      return `tag:${trigger.tag}`;
    case "api":
      return input.key !== undefined ? `api:${input.key}` : `api:${input.event?.id ?? input.messageId ?? "none"}`;
  }
}
