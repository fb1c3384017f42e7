import { z } from "zod";

/*
 * Every event Wharf emits, once: its name, who may receive it, and the shape of its `data`.
 * The dashboard (web/) imports the types from this file and docs/events.md is generated from it,
 * so it imports nothing but zod: no Node, no module code.
 *
 * A new event is one entry here, then `events.recordEvent(trx, workspaceId, { type, at, data })`
 * in the transaction that made it happen; a payload that does not match is a compile error.
 */

const nullableString = z.string().nullable();
const isoTime = z.string().describe("ISO 8601");
const campaignStatus = z.enum(["draft", "scheduled", "running", "paused", "completed", "cancelled"]);

export interface EventSpec {
  /** What happened, for docs/events.md. */
  summary: string;
  /**
   * Whether the workspace's endpoints (POST /v1/webhook-endpoints) may subscribe to it. Events
   * only the dashboard needs stay off the endpoints: they are chatty (campaign progress) or on
   * the send hot path, where owing them to endpoints would cost a query per message.
   */
  endpoints: boolean;
  data: z.ZodObject;
}

export const EVENT_CATALOG = {
  "message.received": {
    summary: "A customer's message arrived on one of the workspace's numbers.",
    endpoints: true,
    data: z.object({
      messageId: z.string(),
      conversationId: z.string(),
      wamid: z.string(),
      from: z.string().describe("the customer's wa_id"),
      contactName: nullableString,
      phoneNumberId: z.string(),
      type: z.string().describe("Meta's message type: text, image, ..."),
      preview: z.string(),
      timestamp: isoTime,
      content: z.unknown().describe("the message as Meta sent it"),
    }),
  },
  "message.queued": {
    summary: "An outbound message was accepted by POST /v1/messages (the caller already has its id).",
    endpoints: false,
    data: z.object({ id: z.string(), to: z.string() }),
  },
  "message.status": {
    summary:
      "An outbound message moved forward: `sending` once Meta accepted it (dashboard only), then Meta's `sent`, `delivered`, `read`; or `failed`, by Meta or already at dispatch (then `wamid` is null and `error.code` is Wharf's).",
    endpoints: true,
    data: z.object({
      messageId: z.string(),
      wamid: nullableString,
      status: z.string().describe("sending | sent | delivered | read | failed"),
      previous: nullableString,
      campaignId: nullableString,
      timestamp: isoTime,
      error: z
        .unknown()
        .optional()
        .describe("present when failed: Meta's error, or {code, message, metaCode, title, fbtraceId} from dispatch"),
    }),
  },
  "contact.opted_out": {
    summary: "A customer opted out of marketing (a STOP keyword or their WhatsApp preferences).",
    endpoints: true,
    data: z.object({ waId: z.string(), source: z.enum(["stop_keyword", "user_preferences"]) }),
  },
  "contact.opted_in": {
    summary: "A customer opted back in to marketing in their WhatsApp preferences.",
    endpoints: true,
    data: z.object({ waId: z.string(), source: z.enum(["user_preferences"]) }),
  },
  "campaign.progress": {
    summary: "A chunk of a campaign's recipients was queued (dashboard only: re-read the campaign).",
    endpoints: false,
    data: z.object({ id: z.string() }),
  },
  "campaign.status": {
    summary:
      "A campaign was started, paused, resumed, cancelled or completed (completed: every recipient was handed to Meta or skipped; recorded with the last of them, whether or not anyone reads the campaign).",
    endpoints: true,
    data: z.object({
      id: z.string(),
      status: campaignStatus,
      previous: campaignStatus.nullable(),
    }),
  },
  "template.created": {
    summary: "A template was submitted to Meta for review from Wharf.",
    endpoints: true,
    data: z.object({ id: z.string(), name: z.string(), language: z.string(), status: z.string() }),
  },
  "template.status": {
    summary:
      "A template's review status changed: Meta's decision (`event` is Meta's word, `status` what Wharf stored) or PENDING again after an edit. Replaces the dashboard's former `template.status_changed`.",
    endpoints: true,
    data: z.object({
      id: nullableString.describe("Wharf's template id, null when Wharf does not keep the template"),
      wabaId: z.string(),
      metaTemplateId: nullableString,
      name: z.string(),
      language: z.string(),
      status: z.string(),
      event: nullableString,
      reason: nullableString,
    }),
  },
  "template.deleted": {
    summary: "A template was deleted, from Wharf or in WhatsApp Manager.",
    endpoints: true,
    data: z.object({ id: nullableString, metaTemplateId: nullableString, name: z.string(), language: z.string() }),
  },
  "phone_number.quality": {
    summary: "Meta changed a number's quality rating or messaging limit (its webhook, as received).",
    endpoints: true,
    data: z.object({
      wabaId: z.string(),
      displayPhoneNumber: z.string(),
      event: z.string(),
      messagingLimit: nullableString,
      previousLimit: nullableString,
    }),
  },
  "phone_number.health_changed": {
    summary: "Wharf re-read a number's quality, limit and status from Meta after an account or quality webhook.",
    endpoints: false,
    data: z.object({
      id: z.string(),
      qualityRating: nullableString,
      messagingLimit: nullableString,
      status: nullableString,
    }),
  },
  "phone_number.activated": {
    summary: "A number was made active for sending in this workspace.",
    endpoints: true,
    data: z.object({ id: z.string() }),
  },
  "phone_number.deactivated": {
    summary: "A number was deactivated in this workspace.",
    endpoints: true,
    data: z.object({ id: z.string() }),
  },
  "account.update": {
    summary: "Meta's account_update webhook for the workspace's WABA (restrictions, bans, offboarding...).",
    endpoints: true,
    data: z.object({
      wabaId: z.string(),
      event: z.string(),
      phoneNumber: nullableString,
      banInfo: z.unknown(),
      restrictionInfo: z.unknown(),
      violationInfo: z.unknown(),
    }),
  },
  "connection.connected": {
    summary: "The workspace connected its WhatsApp Business Account.",
    endpoints: true,
    data: z.object({ wabaId: z.string() }),
  },
  "connection.disconnected": {
    summary: "The workspace disconnected its WhatsApp Business Account.",
    endpoints: true,
    data: z.object({}),
  },
  "connection.needs_reconnect": {
    summary: "Meta refused the workspace's token: sending stops until an admin reconnects.",
    endpoints: true,
    data: z.object({ error: z.string() }),
  },
  "connection.token_expiring": {
    summary:
      "The workspace's Meta token expires within 7 days (a user token from a login without an Embedded Signup configuration): reconnect before then, or sending stops. Recorded once per token.",
    endpoints: true,
    data: z.object({ expiresAt: isoTime }),
  },
  "connection.catalog_connected": {
    summary: "A product catalog was connected.",
    endpoints: true,
    data: z.object({ catalogId: z.string() }),
  },
  "connection.catalog_needs_reconnect": {
    summary: "Meta refused the catalog's token: reconnect the catalog.",
    endpoints: true,
    data: z.object({ error: z.string() }),
  },
} as const satisfies Record<string, EventSpec>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]["data"]>;

/** One event as a module records it: `at` is the injected clock's epoch ms. */
export type WharfEvent = { [T in EventType]: { type: T; at: number; data: EventData<T> } }[EventType];
/** A recorded event: its id is time-sortable (`evt_` + time + random), stable across deliveries. */
export type RecordedEvent = WharfEvent & { id: string };

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];
/** What an endpoint may subscribe to, besides `*` (everything below, including types added later). */
export const ENDPOINT_EVENT_TYPES = EVENT_TYPES.filter((t) => EVENT_CATALOG[t].endpoints);

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOG, type);
}
