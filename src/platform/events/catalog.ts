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
/** A campaign's stored statuses (the campaigns module keeps its rows in these). */
export const CAMPAIGN_STATUSES = [
  "draft",
  "scheduled",
  "running",
  "paused",
  "completed",
  "completed_with_skips",
  "failed",
  "cancelled",
] as const;
const campaignStatus = z.enum(CAMPAIGN_STATUSES);
/** A template Meta's webhook reported on: Meta's id, and Wharf's when Wharf keeps the template. */
const reportedTemplate = {
  id: nullableString,
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
};

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

/** An event the workspace's endpoints may subscribe to. */
function subscribable<D extends z.ZodObject>(summary: string, data: D) {
  return { summary, endpoints: true, data };
}

/** An event only the dashboard hears (see `EventSpec.endpoints` for why some are). */
function dashboardOnly<D extends z.ZodObject>(summary: string, data: D) {
  return { summary, endpoints: false, data };
}

export const EVENT_CATALOG = {
  "message.received": subscribable(
    "A customer's message arrived on one of the workspace's numbers.",
    z.object({
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
  ),
  "order.received": subscribable(
    "A customer sent an order (their cart) from a product, multi-product or catalog message; recorded with its `message.received`.",
    z.object({
      messageId: z.string(),
      conversationId: z.string(),
      wamid: z.string(),
      from: z.string().describe("the customer's wa_id"),
      phoneNumberId: z.string(),
      catalogId: z.string(),
      text: nullableString.describe("the customer's note with the order"),
      items: z.array(
        z.object({
          retailerId: z.string(),
          quantity: z.number(),
          itemPrice: z.number().describe("per unit, in the currency's major unit as Meta sends it (9.5 = 9.50)"),
          currency: z.string(),
        }),
      ),
      quantity: z.number().describe("units across the items"),
      total: z
        .object({ amount: z.number(), currency: z.string() })
        .nullable()
        .describe("sum of quantity x item price; null when the items are in more than one currency"),
      timestamp: isoTime,
    }),
  ),
  "message.queued": dashboardOnly(
    "An outbound message was accepted by POST /v1/messages (the caller already has its id).",
    z.object({ id: z.string(), to: z.string() }),
  ),
  "message.status": subscribable(
    "An outbound message moved forward: `sending` once Meta accepted it (dashboard only), then Meta's `sent`, `delivered`, `read`; or `failed`, by Meta or already at dispatch (then `wamid` is null and `error.code` is Wharf's). `unknown` (`error.code` `SEND_OUTCOME_UNKNOWN`): the send got no answer from Meta, so it may or may not have been accepted; it is never sent again automatically, Meta's statuses move it on (`previous: \"unknown\"`, with its wamid), and after 15 minutes without one it is `failed` with `SEND_OUTCOME_UNKNOWN`. A send whose worker died after handing it to Meta and before recording the answer has no `sending` event: Meta's first status settles it (`previous: \"sending\"`), or it is sent again after `WHARF_SEND_DOUBT_GRACE_MS` without one.",
    z.object({
      messageId: z.string(),
      wamid: nullableString,
      status: z.string().describe("sending | unknown | sent | delivered | read | failed"),
      previous: nullableString,
      campaignId: nullableString,
      timestamp: isoTime,
      error: z
        .unknown()
        .optional()
        .describe(
          "present when failed or unknown: Meta's error, or {code, message, metaCode, title, fbtraceId} from dispatch",
        ),
      pricing: z
        .object({
          billable: z.boolean().nullable(),
          category: nullableString,
          pricingModel: nullableString,
          type: nullableString.describe(
            "regular | free_customer_service | free_entry_point; only in webhooks v24.0+ (WHARF_GRAPH_VERSION), else null",
          ),
        })
        .optional()
        .describe("Meta's pricing, on sent and delivered"),
    }),
  ),
  "contact.opted_out": subscribable(
    "A customer opted out of marketing (a STOP keyword or their WhatsApp preferences).",
    z.object({ waId: z.string(), source: z.enum(["stop_keyword", "user_preferences"]) }),
  ),
  "contact.opted_in": subscribable(
    "A customer opted back in to marketing in their WhatsApp preferences.",
    z.object({ waId: z.string(), source: z.enum(["user_preferences"]) }),
  ),
  "contact.tag_added": subscribable(
    "A tag was added to a contact that did not have it (POST/PATCH /v1/contacts or an automation's add_tag step; not imports): the trigger of `tag_added` automations.",
    z.object({
      contactId: z.string(),
      waId: z.string().describe("the contact's wa_id (its own id when it has no phone)"),
      tag: z.string(),
      source: z.enum(["api", "automation"]),
    }),
  ),
  "commerce.event": subscribable(
    "A business event was recorded on a contact's timeline (POST /v1/events or the Shopify connector): the trigger automations listen to. `type` is a commerce type (`order.created`, `checkout.created`, ... or one the workspace registered; GET /v1/events/types).",
    z.object({
      id: z.string(),
      type: z.string().describe("the commerce event type, e.g. order.created"),
      contactId: z.string(),
      source: z.enum(["api", "shopify"]),
      occurredAt: isoTime,
      data: z.record(z.string(), z.unknown()).describe("the event's data, as checked against its type's schema"),
    }),
  ),
  "campaign.progress": dashboardOnly(
    "A chunk of a campaign's recipients was queued (dashboard only: re-read the campaign).",
    z.object({ id: z.string() }),
  ),
  "campaign.status": subscribable(
    "A campaign was started, paused, resumed, cancelled or finished (once every recipient was handed to Meta or skipped, recorded with the last of them: completed when none was skipped, completed_with_skips when some were, failed when all were).",
    z.object({
      id: z.string(),
      status: campaignStatus,
      previous: campaignStatus.nullable(),
    }),
  ),
  "template.created": subscribable(
    "A template was submitted to Meta for review from Wharf.",
    z.object({ id: z.string(), name: z.string(), language: z.string(), status: z.string() }),
  ),
  "template.status": subscribable(
    "A template's review status changed: Meta's decision (`event` is Meta's word, `status` what Wharf stored) or PENDING again after an edit. Replaces the dashboard's former `template.status_changed`.",
    z.object({
      id: nullableString.describe("Wharf's template id, null when Wharf does not keep the template"),
      wabaId: z.string(),
      metaTemplateId: nullableString,
      name: z.string(),
      language: z.string(),
      status: z.string(),
      event: nullableString,
      reason: nullableString,
    }),
  ),
  "template.deleted": subscribable(
    "A template was deleted, from Wharf or in WhatsApp Manager.",
    z.object({ id: nullableString, metaTemplateId: nullableString, name: z.string(), language: z.string() }),
  ),
  "template.quality": subscribable(
    "Meta changed a template's quality score (message_template_quality_update): GREEN, YELLOW, RED or UNKNOWN.",
    z.object({
      ...reportedTemplate,
      previous: nullableString,
      qualityScore: z.string(),
    }),
  ),
  "template.category": subscribable(
    "Meta re-categorised a template (template_category_update): done (`previous` set, `category` the new one), or announced for the next 24 hours (`upcoming` set, `category` unchanged yet).",
    z.object({
      ...reportedTemplate,
      previous: nullableString,
      category: z.string(),
      upcoming: nullableString,
    }),
  ),
  "account.capabilities": subscribable(
    "Meta changed the business's capabilities (business_capability_update): messaging limit, phone numbers allowed (`changed`: Meta's fields as received; GET /v1/connection shows all known so far).",
    z.object({ wabaId: z.string(), changed: z.record(z.string(), z.unknown()) }),
  ),
  "phone_number.quality": subscribable(
    "Meta changed a number's quality rating or messaging limit (its webhook, as received).",
    z.object({
      wabaId: z.string(),
      displayPhoneNumber: z.string(),
      event: z.string(),
      messagingLimit: nullableString,
      previousLimit: nullableString,
    }),
  ),
  "phone_number.health_changed": dashboardOnly(
    "Wharf re-read a number's quality, limit and status from Meta after an account or quality webhook.",
    z.object({
      id: z.string(),
      qualityRating: nullableString,
      messagingLimit: nullableString,
      status: nullableString,
    }),
  ),
  "phone_number.sending_paused": subscribable(
    "Meta's rate limit (130429 throughput, 80007/80008 account) paused sending from a number: queued messages wait and go on at resumeAt. Recorded once per pause.",
    z.object({ id: z.string(), metaCode: z.number(), resumeAt: isoTime }),
  ),
  "phone_number.activated": subscribable(
    "A number was made active for sending in this workspace.",
    z.object({ id: z.string() }),
  ),
  "phone_number.deactivated": subscribable("A number was deactivated in this workspace.", z.object({ id: z.string() })),
  "phone_number.sending": subscribable(
    "A number paused (Meta's health_status says it cannot send, or its deletion is scheduled; its queued messages wait) or resumed.",
    z.object({ id: z.string(), paused: z.boolean(), reasons: z.array(z.string()) }),
  ),
  "phone_number.deregistered": subscribable(
    "A number was deregistered from Meta's Cloud API (it no longer sends or receives there).",
    z.object({ id: z.string() }),
  ),
  "phone_number.workflow": subscribable(
    "A number's add, migration or deletion workflow moved to another step or state (failed steps carry the error and what to do).",
    z.object({
      workflowId: z.string(),
      kind: z.enum(["add", "migration", "deletion"]),
      phoneNumberId: nullableString,
      state: z.string(),
      step: z.string(),
      error: z.object({ code: z.string(), message: z.string(), metaCode: z.number().nullable() }).nullable(),
      scheduledFor: nullableString,
    }),
  ),
  "account.update": subscribable(
    "Meta's account_update webhook for the workspace's WABA (restrictions, bans, offboarding...).",
    z.object({
      wabaId: z.string(),
      event: z.string(),
      phoneNumber: nullableString,
      banInfo: z.unknown(),
      restrictionInfo: z.unknown(),
      violationInfo: z.unknown(),
    }),
  ),
  "connection.connected": subscribable(
    "The workspace connected its WhatsApp Business Account.",
    z.object({ wabaId: z.string() }),
  ),
  "connection.disconnected": subscribable("The workspace disconnected its WhatsApp Business Account.", z.object({})),
  "connection.needs_reconnect": subscribable(
    "Meta refused the workspace's token: sending stops until an admin reconnects.",
    z.object({ error: z.string() }),
  ),
  "connection.token_expiring": subscribable(
    "The workspace's Meta token expires within 7 days (a user token from a login without an Embedded Signup configuration): reconnect before then, or sending stops. Recorded once per token.",
    z.object({ expiresAt: isoTime }),
  ),
  "connection.catalog_connected": subscribable("A product catalog was connected.", z.object({ catalogId: z.string() })),
  "connection.catalog_needs_reconnect": subscribable(
    "Meta refused the catalog's token: reconnect the catalog.",
    z.object({ error: z.string() }),
  ),
  "automation.webhook": subscribable(
    "An automation's call_webhook step ran for a contact: `name` is the step's, `data` its mapped values (recorded once per step run, with the journey's move to its next step).",
    z.object({
      automationId: z.string(),
      journeyId: z.string(),
      stepId: z.string(),
      name: z.string(),
      contactId: nullableString,
      waId: z.string(),
      data: z.record(z.string(), z.string()),
    }),
  ),
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
