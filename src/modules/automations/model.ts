import { z } from "zod";
import { isTimeZone } from "../../platform/time-zone.js";

/*
 * MODEL.md: the automation model, shared by the API (this module) and the runtime (journeys).
 *
 * An automation row holds a name, a status and its latest `version`; each version's definition
 * (`AutomationDefinition` below) lives in `automation_versions`. A version that has ever been
 * enabled is frozen: PATCH of an automation whose latest version is frozen writes version + 1.
 * New journeys start on the automation's latest version while it is `enabled`; a running journey
 * keeps the version it started with (read it with `getAutomationVersion(db, ws, id, version)`).
 *
 * How the runtime reads a definition:
 * - `trigger` says what starts a journey; `journeyKey(trigger, input)` (keys.ts) gives the trigger
 *   key, so a journey is unique per (automation, contact, trigger key). For an event trigger the key
 *   is the value at `keyPath` of the event's data (default per type: `checkoutToken` for checkout.*,
 *   `orderId` for order.*), else the event's id.
 * - `conditions` (entry conditions) must all hold when the trigger fires, else no journey starts.
 *   `compare` (conditions.ts) is the one comparison: the dry run's `evaluateCondition` and the
 *   runtime's `holds` (journeys/evaluate.ts) both use it, so a dry run predicts what a journey does.
 * - `steps` run in order, starting at `steps[0]`. Each has a stable `id` (unique within the
 *   automation; the runtime keys its step jobs and idempotency keys by it). A `wait_for` step jumps
 *   to `onMatch` / `onTimeout`: "next", "end", or a later step's id (jumps only go forward, so a
 *   journey always ends). Other steps go to the next one; after the last, the journey completes.
 * - Values come from `ValueRef` paths (`contact.name`, `contact.attributes.city`,
 *   `event.recoveryUrl`, `message.text`) resolved by `resolvePath` (render.ts); template steps are
 *   rendered into a POST /v1/messages template body by `renderTemplate` (render.ts).
 * - `exit`: the journey ends when the customer replies (if `onReply`), when one of `events`
 *   arrives for the contact (with `sameKey`, only if its key equals the journey's trigger key),
 *   and always on opt-out or when the automation is paused or archived.
 * - `reentry`: whether a contact may start the automation again: `once` (ever), `cooldown` (not
 *   within `days` of their last journey's start), `always`. A journey with the same key as an active
 *   one never starts twice, whatever the mode.
 * - `limits.perContactPerDay`: at most that many automation messages (any automation of the
 *   workspace) to one contact in the last 24 hours; a send past it is skipped (outcome `daily_cap`).
 */

const MAX_TEXT = 4096;
export const STEP_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const TAG = z.string().trim().min(1).max(64);
const stepId = z.string().regex(STEP_ID, "a step id is 1-40 lower-case letters, digits, '_' or '-'");

/** An IANA time zone Intl knows (Europe/Paris, UTC). */
export const timeZone = z
  .string()
  .max(64)
  .refine((tz) => isTimeZone(tz), { message: "not a time zone Intl knows (use an IANA name, e.g. Europe/Paris)" });

/*
 * A value: a path into what the journey knows, or literal text. Paths:
 *   contact.{id,name,firstName,phone,email,externalId,language,waId}, contact.attributes.<name>,
 *   event.<field>[.<field>|.<index>...] (checked against the trigger event type's schema),
 *   event.type, event.id, message.text (inbound-message triggers), trigger.key.
 */
export const valueRef = z.union([
  z.strictObject({
    path: z.string().min(1).max(200),
    /** Used when the path has no value for this contact/event (else the step is skipped: `missing_value`). */
    fallback: z.string().max(1000).optional(),
  }),
  z.strictObject({ value: z.string().max(1000) }),
]);
export type ValueRef = z.infer<typeof valueRef>;

export const EVENT_TYPE = /^[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39}){1,3}$/;

// ---------------------------------------------------------------- triggers

export const inboundMatch = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("any") }),
  /** Whole-message keywords, compared trimmed and case-insensitively. */
  z.strictObject({
    type: z.literal("keyword"),
    keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
  }),
  /** A regex (checked when saved: at most 200 characters, no nested quantifiers or backreferences). */
  z.strictObject({
    type: z.literal("regex"),
    pattern: z.string().min(1).max(200),
    caseInsensitive: z.boolean().default(true),
  }),
  /** An interactive reply (button or list row) whose id is one of these. */
  z.strictObject({
    type: z.literal("interactive_reply"),
    replyIds: z.array(z.string().min(1).max(256)).min(1).max(50),
  }),
]);

export const trigger = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("inbound_message"),
    match: inboundMatch,
    /** Only messages from contacts whose `language` starts with one of these (e.g. "es"); empty = any. */
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/))
      .max(20)
      .default([]),
  }),
  z.strictObject({
    kind: z.literal("event"),
    /** A type of GET /v1/events/types (built in or the workspace's own). */
    eventType: z.string().regex(EVENT_TYPE),
    /** The event data field that keys the journey (and `exit.events[].sameKey`); default per type. */
    keyPath: z.string().min(1).max(100).optional(),
  }),
  z.strictObject({ kind: z.literal("tag_added"), tag: TAG }),
  z.strictObject({
    kind: z.literal("message_status"),
    status: z.enum(["delivered", "read", "failed"]),
    /** For `failed`: only these Meta error codes (empty = any). */
    errorCodes: z.array(z.number().int().min(0)).max(50).default([]),
    /** Whose message: a step of an automation (this one if `automationId` is left out) or a campaign. */
    source: z.discriminatedUnion("type", [
      z.strictObject({
        type: z.literal("automation"),
        automationId: z.string().max(64).optional(),
        stepId: stepId.optional(),
      }),
      z.strictObject({ type: z.literal("campaign"), campaignId: z.string().max(64).optional() }),
    ]),
  }),
  z.strictObject({
    kind: z.literal("schedule"),
    /** Five fields: minute hour day-of-month month day-of-week (`0 9 * * 1` = Mondays 09:00). */
    cron: z.string().min(9).max(100),
    /** Omitted: the workspace's time zone (PATCH /v1/workspace), read at each tick. */
    timeZone: timeZone.optional(),
    /** Who enters on each tick: contacts with this tag (a schedule without an audience has nobody). */
    audience: z.strictObject({ tag: TAG }),
  }),
  /** POST /v1/automations/{id}/trigger (runtime) with a contact and optional data. */
  z.strictObject({ kind: z.literal("api") }),
]);
export type Trigger = z.infer<typeof trigger>;
export type TriggerKind = Trigger["kind"];

// ---------------------------------------------------------------- conditions

export const compareOp = z.enum(["eq", "neq", "gt", "gte", "lt", "lte", "contains", "exists", "not_exists", "in"]);
export type CompareOp = z.infer<typeof compareOp>;
const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);
const compared = { op: compareOp, value: z.union([scalar, z.array(scalar).max(100)]).optional() };

export const condition = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("attribute"), name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/), ...compared }),
  /** A contact field: name, email, phone, language, externalId. */
  z.strictObject({
    kind: z.literal("contact_field"),
    field: z.enum(["name", "email", "phone", "language", "externalId"]),
    ...compared,
  }),
  z.strictObject({ kind: z.literal("tag"), tag: TAG, present: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal("consent"), in: z.array(z.enum(["opted_in", "opted_out", "unknown"])).min(1) }),
  /** The customer service window (24 h since the contact's last message). */
  z.strictObject({ kind: z.literal("window"), open: z.boolean() }),
  /** A path into the trigger event's data, checked against its type's schema when saved. */
  z.strictObject({ kind: z.literal("event"), path: z.string().min(1).max(200), ...compared }),
  /** The furthest status an earlier send step's message reached (`replied` = the contact wrote since). */
  z.strictObject({
    kind: z.literal("step_status"),
    step: stepId,
    status: z.enum(["sent", "delivered", "read", "failed", "replied"]),
    present: z.boolean().default(true),
  }),
]);
export type Condition = z.infer<typeof condition>;

// ---------------------------------------------------------------- steps

/**
 * A template and where its parameters come from. `body` is positional (`{{1}}` = body[0]) for a
 * POSITIONAL template, or by name for a NAMED one; `header` is the TEXT header's variable or a
 * media header's link; `buttons` by Meta's 0-based button index (URL suffix, coupon code, a quick
 * reply's payload). An authentication template takes its code as body[0] (sent for the OTP button too).
 */
export const templateRef = z.strictObject({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  header: valueRef.optional(),
  body: z.union([z.array(valueRef).max(60), z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), valueRef)]).default([]),
  buttons: z
    .array(z.strictObject({ index: z.number().int().min(0).max(9), value: valueRef }))
    .max(10)
    .default([]),
});
export type TemplateRef = z.infer<typeof templateRef>;

const goto = z.union([z.literal("next"), z.literal("end"), stepId]);
export type Goto = z.infer<typeof goto>;

/**
 * Every step: its stable `id`, an optional `label` for the dashboard, and `when`: conditions that
 * must all hold when the step is reached (e.g. `step_status` of an earlier send), else the step is
 * skipped (outcome `skipped_condition`) and the journey goes on to the next one.
 */
const base = { id: stepId, label: z.string().max(100).optional(), when: z.array(condition).max(10).default([]) };

export const step = z.discriminatedUnion("kind", [
  z.strictObject({ ...base, kind: z.literal("send_template"), template: templateRef }),
  /**
   * Free-form text with `{{path}}` placeholders; only inside the 24-hour window. Outside it the
   * fallback template goes instead, or (without one) the step is skipped (`window_closed`).
   */
  z.strictObject({
    ...base,
    kind: z.literal("send_text"),
    text: z.string().min(1).max(MAX_TEXT),
    fallbackTemplate: templateRef.optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal("wait"),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 86400),
  }),
  /** Until the next `time` (HH:MM) in the contact's time zone (attribute `time_zone`), else `timeZone`. */
  z.strictObject({
    ...base,
    kind: z.literal("wait_until"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    /** Omitted: the workspace's time zone (PATCH /v1/workspace), read when the step runs. */
    timeZone: timeZone.optional(),
  }),
  /** Wait for an earlier send step's message to reach `status`, or for a reply; branch on the outcome. */
  z.strictObject({
    ...base,
    kind: z.literal("wait_for"),
    for: z.enum(["status", "reply"]),
    /**
     * For `status`: the send step whose message is watched (left out under a message_status
     * trigger: the trigger's own message), and the status that counts as a match.
     */
    step: stepId.optional(),
    status: z.enum(["delivered", "read"]).optional(),
    timeoutSeconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 86400),
    onMatch: goto.default("next"),
    onTimeout: goto.default("next"),
  }),
  z.strictObject({ ...base, kind: z.literal("add_tag"), tag: TAG }),
  z.strictObject({ ...base, kind: z.literal("remove_tag"), tag: TAG }),
  z.strictObject({
    ...base,
    kind: z.literal("set_attribute"),
    name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    value: valueRef,
  }),
  /** An `automation.webhook` event to the workspace's webhook endpoints, with `name` and the mapped data. */
  z.strictObject({
    ...base,
    kind: z.literal("call_webhook"),
    name: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/),
    data: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), valueRef).default({}),
  }),
  /** Assign the contact's conversation to a member (`userId`), or unassign it (null). */
  z.strictObject({ ...base, kind: z.literal("assign"), userId: z.string().max(64).nullable() }),
]);
export type Step = z.infer<typeof step>;
export type StepKind = Step["kind"];
export const SEND_STEP_KINDS = ["send_template", "send_text"] as const satisfies StepKind[];

// ---------------------------------------------------------------- exit, re-entry, limits

export const exitRules = z.strictObject({
  /** The customer writes (any inbound message after the journey started). */
  onReply: z.boolean().default(false),
  events: z
    .array(
      z.strictObject({
        type: z.string().regex(EVENT_TYPE),
        /** Only an event whose key (its type's key path) equals the journey's trigger key. */
        sameKey: z.boolean().default(true),
      }),
    )
    .max(10)
    .default([]),
});
export type ExitRules = z.infer<typeof exitRules>;

export const reentry = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("once") }),
  z.strictObject({ mode: z.literal("cooldown"), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ mode: z.literal("always") }),
]);
export type Reentry = z.infer<typeof reentry>;

export const limits = z.strictObject({ perContactPerDay: z.number().int().min(1).max(100).nullable().default(null) });

/** One version of an automation: what the runtime runs. */
export const automationDefinition = z.strictObject({
  trigger,
  conditions: z.array(condition).max(20).default([]),
  steps: z.array(step).min(1).max(50),
  exit: exitRules.default({ onReply: false, events: [] }),
  reentry: reentry.default({ mode: "always" }),
  limits: limits.default({ perContactPerDay: null }),
});
export type AutomationDefinition = z.infer<typeof automationDefinition>;

export const AUTOMATION_STATUSES = ["draft", "enabled", "paused", "archived"] as const;
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];

/** Why a journey ended (the runtime writes these; stats count them). */
export const EXIT_REASONS = ["completed", "replied", "event", "opted_out", "paused", "failed"] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** The key path of an event type's journeys, when the trigger does not name one. */
export function defaultKeyPath(eventType: string): string | null {
  if (eventType.startsWith("checkout.")) return "checkoutToken";
  if (eventType.startsWith("order.")) return "orderId";
  return null;
}
