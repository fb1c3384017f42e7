import type { AnyDb } from "../../platform/db/index.js";
import { workspaceTimeZone } from "../workspaces/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import { isTimeZone, nextTimeOfDay } from "../../platform/time-zone.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findAutomation } from "./automations.repo.js";
import { evaluateConditions } from "./conditions.js";
import type { JourneyContext } from "./context.js";
import { journeyKey } from "./keys.js";
import type { AutomationDefinition, Condition, Step, TemplateRef } from "./model.js";
import { renderTemplate, renderText, renderValue } from "./render.js";
import { compileSafeRegex, MAX_MATCHED_TEXT } from "./safe-regex.js";
import type { ValidationDeps } from "./validate-definition.js";

/** A contact as the dry run needs it (the runtime builds the same from inbox's ContactView). */
export interface DryRunContact {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  externalId: string | null;
  language: string | null;
  waId: string;
  attributes: Record<string, string | number | boolean | null>;
  tags: string[];
  consent: { marketing: "opted_in" | "opted_out" | "unknown" };
  lastSeenAt: string | null;
}

export interface DryRunDeps extends ValidationDeps {
  findContact(db: AnyDb, workspaceId: WorkspaceId, idOrPhone: string): Promise<DryRunContact | null>;
}

export interface DryRunInput {
  contact: string;
  event?: { type?: string | undefined; data: Record<string, unknown> } | undefined;
  message?: { text: string } | undefined;
  /** Overrides the contact's window (open when they wrote in the last 24 hours). */
  windowOpen?: boolean | undefined;
  /** Which branch a wait_for follows: the awaited status/reply comes (`match`) or not (`timeout`, the default). */
  assume?: "match" | "timeout" | undefined;
}

export interface DryRunStep {
  id: string;
  kind: Step["kind"];
  label: string | null;
  /** When the step would run, from the trigger (seconds), and as a time. */
  afterSeconds: number;
  at: string;
  outcome: "would_run" | "skipped";
  reason: string | null;
  conditions: Array<{ condition: Condition; passed: boolean }>;
  /** A send: the POST /v1/messages body it would send (text, or template with parameters filled). */
  message: Record<string, unknown> | null;
  detail: string | null;
}

const DAY = 86_400_000;

/**
 * POST /v1/automations/{id}/dry-run: what a journey for this contact and event would do, on the
 * automation's latest version: the trigger match, the entry conditions, then each step in order
 * with its time, its rendered message, and waits. Nothing is sent and nothing is written.
 */
export async function dryRunAutomation(
  deps: DryRunDeps,
  workspaceId: WorkspaceId,
  id: string,
  input: DryRunInput,
): Promise<{
  version: number;
  trigger: { matches: boolean; key: string; detail: string | null };
  conditions: Array<{ condition: Condition; passed: boolean }>;
  enters: boolean;
  steps: DryRunStep[];
  exits: string[];
}> {
  const found = await findAutomation(deps.db, workspaceId, id);
  if (!found) throw notFound("Automation");
  const def = found.definition;
  const contact = await deps.findContact(deps.db, workspaceId, input.contact);
  if (!contact)
    throw new AppError("NOT_FOUND", "That contact was not found; name it by its id (ctc_...) or phone number.");
  const now = deps.clock.now();
  const eventType = input.event?.type ?? (def.trigger.kind === "event" ? def.trigger.eventType : "api.call");
  if (input.event && def.trigger.kind === "event") {
    const schema = await deps.eventDataSchema(deps.db, workspaceId, eventType);
    const parsed = schema.safeParse(input.event.data);
    if (!parsed.success)
      throw new AppError(
        "VALIDATION_FAILED",
        `The sample ${eventType} event: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`,
      );
  }
  const event = input.event ? { id: "evt_dry_run", type: eventType, data: input.event.data } : null;
  const seen = contact.lastSeenAt ? Date.parse(contact.lastSeenAt) : null;
  const ctx: JourneyContext = {
    contact: {
      id: contact.id,
      name: contact.name,
      phone: contact.phone,
      email: contact.email,
      externalId: contact.externalId,
      language: contact.language,
      waId: contact.waId,
      attributes: contact.attributes,
      tags: contact.tags,
      consent: contact.consent.marketing,
    },
    event,
    message: input.message ? { text: input.message.text } : null,
    triggerKey: null,
    windowOpen: input.windowOpen ?? (seen !== null && now - seen < DAY),
    stepStatuses: {},
  };
  ctx.triggerKey = journeyKey(def.trigger, { event: event ?? undefined, messageId: "wamid.dry_run", tickAt: now });
  const trigger = triggerMatch(def, ctx, eventType);
  const entry = evaluateConditions(ctx, def.conditions);
  const enters = trigger.matches && entry.passed && ctx.contact.consent !== "opted_out";
  const steps = enters ? await walk(deps, workspaceId, def, ctx, now, input.assume ?? "timeout") : [];
  const exits = [
    "the contact opts out",
    "the automation is paused or archived",
    ...(def.exit.onReply ? ["the contact replies"] : []),
    ...def.exit.events.map((e) => `a ${e.type} event${e.sameKey ? " for the same key" : ""} arrives`),
  ];
  return {
    version: found.version,
    trigger: { ...trigger, key: ctx.triggerKey },
    conditions: entry.results,
    enters,
    steps,
    exits,
  };
}

function triggerMatch(def: AutomationDefinition, ctx: JourneyContext, eventType: string) {
  const t = def.trigger;
  if (t.kind === "event")
    return ctx.event && eventType === t.eventType
      ? { matches: true, detail: null }
      : { matches: false, detail: `This automation starts on ${t.eventType}; give a sample event of that type.` };
  if (t.kind === "inbound_message") {
    const text = (ctx.message?.text ?? "").slice(0, MAX_MATCHED_TEXT);
    if (!ctx.message) return { matches: false, detail: "Give a sample message (message.text) to test this trigger." };
    const m = t.match;
    const hit =
      m.type === "any"
        ? true
        : m.type === "keyword"
          ? m.keywords.some((k) => k.toLowerCase() === text.trim().toLowerCase())
          : m.type === "regex"
            ? compileSafeRegex(m.pattern, m.caseInsensitive).test(text)
            : false;
    return { matches: hit, detail: hit ? null : `"${text.slice(0, 100)}" does not match the trigger.` };
  }
  return { matches: true, detail: `A ${t.kind} trigger is assumed to fire.` };
}

async function walk(
  deps: DryRunDeps,
  workspaceId: WorkspaceId,
  def: AutomationDefinition,
  ctx: JourneyContext,
  start: number,
  assume: "match" | "timeout",
): Promise<DryRunStep[]> {
  const out: DryRunStep[] = [];
  let t = start;
  let i = 0;
  while (i < def.steps.length) {
    const s = def.steps[i]!;
    const when = evaluateConditions(ctx, s.when);
    const row: DryRunStep = {
      id: s.id,
      kind: s.kind,
      label: s.label ?? null,
      afterSeconds: Math.round((t - start) / 1000),
      at: new Date(t).toISOString(),
      outcome: when.passed ? "would_run" : "skipped",
      reason: when.passed ? null : "condition",
      conditions: when.results,
      message: null,
      detail: null,
    };
    out.push(row);
    let next = i + 1;
    if (when.passed) {
      switch (s.kind) {
        case "send_template":
          await renderSend(deps, workspaceId, ctx, s.template, row);
          break;
        case "send_text": {
          if (ctx.windowOpen) {
            const r = renderText(ctx, s.text);
            if (r.ok) row.message = { type: "text", text: { body: r.text } };
            else skip(row, "missing_value", `"${r.missing}" has no value for this contact.`);
          } else if (s.fallbackTemplate) {
            row.detail = "The 24-hour window is closed: the fallback template goes instead.";
            await renderSend(deps, workspaceId, ctx, s.fallbackTemplate, row);
          } else skip(row, "window_closed", "The 24-hour window is closed and the step has no fallback template.");
          break;
        }
        case "wait":
          row.detail = `waits ${s.seconds} s`;
          t += s.seconds * 1000;
          break;
        case "wait_until": {
          const own = ctx.contact.attributes["time_zone"];
          const zone = isTimeZone(own) ? own : (s.timeZone ?? (await workspaceTimeZone(deps.db, workspaceId)));
          const until = nextTimeOfDay(t, s.time, zone);
          row.detail = `waits until ${s.time} (${zone})`;
          t = until;
          break;
        }
        case "wait_for": {
          const target = assume === "match" ? s.onMatch : s.onTimeout;
          row.detail = `waits up to ${s.timeoutSeconds} s for ${s.for === "reply" ? "a reply" : `${s.status ?? "the status"}`}; assumed ${assume}, goes to ${target}`;
          if (assume === "timeout") t += s.timeoutSeconds * 1000;
          if (target === "end") next = def.steps.length;
          else if (target !== "next") next = def.steps.findIndex((x) => x.id === target);
          break;
        }
        case "add_tag":
          row.detail = `adds tag ${s.tag}`;
          if (!ctx.contact.tags.includes(s.tag)) ctx.contact.tags = [...ctx.contact.tags, s.tag];
          break;
        case "remove_tag":
          row.detail = `removes tag ${s.tag}`;
          ctx.contact.tags = ctx.contact.tags.filter((x) => x !== s.tag);
          break;
        case "set_attribute": {
          const v = renderValue(ctx, s.value);
          if (v.ok) {
            row.detail = `sets ${s.name} = ${v.text}`;
            ctx.contact.attributes = { ...ctx.contact.attributes, [s.name]: v.text };
          } else skip(row, "missing_value", `"${v.missing}" has no value.`);
          break;
        }
        case "call_webhook":
          row.detail = `posts automation.webhook "${s.name}" to the workspace's webhook endpoints`;
          break;
        case "assign":
          row.detail = s.userId ? `assigns the conversation to ${s.userId}` : "unassigns the conversation";
          break;
      }
      if (row.message) ctx.stepStatuses[s.id] = { status: "sent", replied: false };
    }
    i = next;
  }
  return out;
}

function skip(row: DryRunStep, reason: string, detail: string) {
  row.outcome = "skipped";
  row.reason = reason;
  row.detail = detail;
}

async function renderSend(
  deps: DryRunDeps,
  workspaceId: WorkspaceId,
  ctx: JourneyContext,
  ref: TemplateRef,
  row: DryRunStep,
): Promise<void> {
  const { template } = await deps.findTemplateShape(deps.db, workspaceId, ref);
  if (!template) return skip(row, "template_not_found", `Template "${ref.name}" (${ref.language}) no longer exists.`);
  const r = renderTemplate(ctx, ref, template);
  if (!r.ok) return skip(row, "missing_value", `"${r.missing}" has no value for this contact or event.`);
  row.message = { type: "template", template: r.template };
  if (template.status !== "APPROVED") row.detail = `Template is ${template.status}: a real send waits for approval.`;
}
