import { DeferJob } from "../../platform/jobs/index.js";
import { workspaceTimeZone } from "../workspaces/index.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import type { Step } from "../automations/index.js";
import {
  addContactTags,
  changeConversationWork,
  findContact,
  removeContactTags,
  setAttributes,
} from "../inbox/index.js";
import { findMessage } from "../messages/index.js";
import { advance, exitWith, type StepRecord } from "./advance.js";
import { renderTemplate, renderText, valueOf, type EvalContext } from "./evaluate.js";
import {
  findJourney,
  findStep,
  insertStep,
  listStepRows,
  returnDailySend,
  statusRank,
  takeDailySend,
  updateStep,
  type JourneyRow,
} from "./journeys.repo.js";
import { planVersion, type AutomationPlan } from "./plan.js";
import { contextOf, DAY_MS, type JourneyDeps, type StepPayload } from "./runtime.js";
import { isTimeZone, nextTimeOfDay } from "../../platform/time-zone.js";

/** Codes that mean "not now" rather than "not this message": the step waits, as a campaign does. */
const WAIT_CODES = new Set(["NOT_CONNECTED", "CONNECTION_NEEDS_RECONNECT", "PHONE_NUMBER_PAUSED"]);
const WAIT_MS = 5 * 60_000;

/**
 * Runs step run `seq` of a journey: the job of a step whose time has come. A stale job (the journey
 * ended, or moved on through a status or a reply) does nothing; a retried one finds its step row
 * and goes on from there, and its send replays the same idempotency key, so it never sends twice.
 */
export async function runStep(deps: JourneyDeps, p: StepPayload): Promise<void> {
  const ws = asWorkspaceId(p.workspaceId);
  const j = await findJourney(deps.db, ws, p.journeyId);
  if (!j || j.status !== "active" || j.cursor !== p.seq) return;
  const plan = await planVersion(deps.db, ws, j.automation_id, j.version);
  // Paused, archived or deleted: the journey ends at its next step (pausing also ends them at once).
  if (!plan || plan.status !== "enabled") return void (await exitWith(deps, ws, j, "paused"));
  const step = plan.definition.steps[j.step_index];
  const now = deps.clock.now();
  if (!step) return advance(deps, ws, j, plan, { stepId: "end", kind: "end", status: "done", outcome: null }, "end");
  const rec = (status: StepRecord["status"], outcome: string | null): StepRecord => ({
    stepId: step.id,
    kind: step.kind,
    status,
    outcome,
  });
  if (j.waiting_for) {
    // A wait_for's timeout: what it waited for did not come (a status or reply would have moved the cursor).
    return advance(deps, ws, j, plan, rec("done", "timeout"), step.kind === "wait_for" ? step.onTimeout : "next");
  }
  const ctx = await contextOf(deps.db, ws, j, now);
  switch (step.kind) {
    case "send_template":
    case "send_text":
      return sendStep(deps, ws, j, plan, step, ctx);
    case "wait":
      // From when this step was due, not when a (late, busy) worker got to it: "15 minutes after
      // the checkout" stays 15 minutes after it.
      return advance(deps, ws, j, plan, rec("done", "waited"), "next", {
        runAt: (j.due_at ?? now) + step.seconds * 1000,
      });
    case "wait_until": {
      const own = ctx.contact.attributes["time_zone"];
      const tz = isTimeZone(own) ? own : (step.timeZone ?? (await workspaceTimeZone(deps.db, ws)));
      return advance(deps, ws, j, plan, rec("done", "waited"), "next", { runAt: nextTimeOfDay(now, step.time, tz) });
    }
    case "wait_for":
      return startWaitFor(deps, ws, j, plan, step, ctx);
    case "add_tag":
    case "remove_tag":
    case "set_attribute": {
      const contact = await findContact(deps.db, ws, { waId: j.wa_id });
      if (!contact) return advance(deps, ws, j, plan, rec("skipped", "no_contact"), "next");
      let value: string | null = null;
      if (step.kind === "set_attribute") {
        value = valueOf(step.value, ctx);
        if (value === null) return advance(deps, ws, j, plan, rec("skipped", "missing_value"), "next");
      }
      return advance(deps, ws, j, plan, rec("done", "done"), "next", {
        also: async (trx) => {
          if (step.kind === "add_tag")
            await addContactTags(trx, ws, contact, [step.tag], { events: deps.events, at: now, source: "automation" });
          else if (step.kind === "remove_tag") await removeContactTags(trx, ws, contact.id, [step.tag]);
          else await setAttributes(trx, ws, contact.id, { [step.name]: value }, now);
        },
      });
    }
    case "call_webhook": {
      const data: Record<string, string> = {};
      for (const [k, ref] of Object.entries(step.data)) {
        const v = valueOf(ref, ctx);
        if (v === null) return advance(deps, ws, j, plan, rec("skipped", "missing_value"), "next");
        data[k] = v;
      }
      return advance(deps, ws, j, plan, rec("done", "called"), "next", {
        // Recorded with the step's move: the endpoints get it exactly when the step ran (once).
        also: async (trx) =>
          void (await deps.events.recordEvent(trx, ws, {
            type: "automation.webhook",
            at: now,
            data: {
              automationId: j.automation_id,
              journeyId: j.id,
              stepId: step.id,
              name: step.name,
              contactId: ctx.contact.id,
              waId: j.wa_id,
              data,
            },
          })),
      });
    }
    case "assign": {
      if (!j.conversation_id) return advance(deps, ws, j, plan, rec("skipped", "no_conversation"), "next");
      try {
        await changeConversationWork(deps, ws, j.conversation_id, { assigneeId: step.userId });
      } catch (err) {
        if (!(err instanceof AppError) || err.retryable) throw err;
        return advance(deps, ws, j, plan, rec("skipped", err.code), "next");
      }
      return advance(deps, ws, j, plan, rec("done", "assigned"), "next");
    }
  }
}

/**
 * A send: the step row and the contact's daily cap are taken in one transaction before the send,
 * the send goes through the normal path under the key `journey:<id>:<seq>`, and the outcome is
 * written with the move to the next step. A crash in between leaves the row `running`: the retry
 * skips the cap and replays the key (the message row answers), so the customer gets one message.
 */
async function sendStep(
  deps: JourneyDeps,
  ws: WorkspaceId,
  j: JourneyRow,
  plan: AutomationPlan,
  step: Extract<Step, { kind: "send_template" | "send_text" }>,
  ctx: EvalContext,
): Promise<void> {
  const now = deps.clock.now();
  const runId = `${j.id}:${j.cursor}`;
  const rec = (status: StepRecord["status"], outcome: string, extra: Partial<StepRecord> = {}): StepRecord => ({
    stepId: step.id,
    kind: step.kind,
    status,
    outcome,
    ...extra,
  });
  const from = j.phone_number_id;
  if (!from) return advance(deps, ws, j, plan, rec("skipped", "no_number"), "next");
  let row = await findStep(deps.db, ws, j.id, j.cursor);
  if (!row) {
    const cap = plan.definition.limits.perContactPerDay;
    const took = await deps.events.transaction(deps.db, async (trx) => {
      if (cap !== null && !(await takeDailySend(trx, ws, j.wa_id, runId, now, now - DAY_MS, cap))) return false;
      const started = await insertStep(trx, ws, {
        id: runId,
        journey_id: j.id,
        automation_id: j.automation_id,
        seq: j.cursor,
        step_id: step.id,
        kind: step.kind,
        status: "running",
        outcome: null,
        variant: null,
        message_id: null,
        message_status: null,
        detail: null,
        at: now,
        updated_at: now,
      });
      // Another run got here first (a lease that ran out under a slow worker): undo this one's cap.
      if (!started) throw new Error(`step run ${runId} started twice`);
      return true;
    });
    if (!took) return advance(deps, ws, j, plan, rec("skipped", "daily_cap"), "next");
    row = await findStep(deps.db, ws, j.id, j.cursor);
  }
  // The outcome is written already (the journey moved or ended meanwhile): nothing left to send.
  if (!row || row.status !== "running") return;
  const key = `journey:${j.id}:${j.cursor}`;
  const skip = (outcome: string) =>
    advance(deps, ws, j, plan, rec("skipped", outcome), "next", {
      also: (trx) => returnDailySend(trx, ws, j.wa_id, runId),
    });
  let variant = row.variant;
  if (step.kind === "send_text" && variant === null) {
    // Free-form goes only inside the customer service window, else the declared fallback template.
    // The choice is stored before anything is sent, so a retry (after a crash, with the window
    // opened or closed since) sends the same one, never a second message.
    if (!ctx.window.open && !step.fallbackTemplate) return skip("window_closed");
    variant = ctx.window.open ? "text" : "fallback";
    await updateStep(deps.db, ws, j.id, j.cursor, { variant, updated_at: deps.clock.now() });
  }
  try {
    if (step.kind === "send_text" && variant === "text") {
      const sent = await deps.send(ws, {
        from,
        to: j.wa_id,
        type: "text",
        payload: { body: renderText(step.text, ctx) },
        idempotencyKey: key,
      });
      return advance(deps, ws, j, plan, rec("done", "sent", { messageId: sent.message.id, variant }), "next");
    }
    const template = step.kind === "send_template" ? step.template : step.fallbackTemplate!;
    const payload = renderTemplate(template, ctx);
    if (!payload) return skip("missing_value");
    const sent = await deps.send(ws, {
      from,
      to: j.wa_id,
      type: "template",
      payload,
      idempotencyKey: variant === "fallback" ? `${key}:fallback` : key,
    });
    return advance(deps, ws, j, plan, rec("done", "sent", { messageId: sent.message.id, variant }), "next");
  } catch (err) {
    if (err instanceof AppError && WAIT_CODES.has(err.code)) throw new DeferJob(WAIT_MS, err.code);
    // A refusal (window, consent, Meta's messaging limit, a template gone): the step is skipped
    // with the rule's code and the journey goes on. Anything else is retried by the job.
    if (!(err instanceof AppError) || err.retryable) throw err;
    return skip(err.code);
  }
}

/** A wait_for step: answered at once when it already happened, else the journey waits with a timeout. */
async function startWaitFor(
  deps: JourneyDeps,
  ws: WorkspaceId,
  j: JourneyRow,
  plan: AutomationPlan,
  step: Extract<Step, { kind: "wait_for" }>,
  ctx: EvalContext,
): Promise<void> {
  const now = deps.clock.now();
  const runs = await listStepRows(deps.db, ws, j.id);
  const watched = [...runs]
    .reverse()
    .find((r) => r.message_id !== null && (step.step === undefined || r.step_id === step.step));
  const rec = (outcome: string): StepRecord => ({ stepId: step.id, kind: step.kind, status: "done", outcome });
  const wanted = step.for === "reply" ? "reply" : (step.status ?? "read");
  let happened: boolean;
  if (step.for === "reply") {
    const since = watched?.at ?? j.entered_at;
    happened = ctx.contact.lastInboundAt !== null && ctx.contact.lastInboundAt > since;
  } else {
    if (!watched?.message_id) return advance(deps, ws, j, plan, rec("no_message"), step.onTimeout);
    // The message's status now: one that came before its id was on the step row is not missed.
    const message = await findMessage(deps.db, ws, watched.message_id);
    const status = message?.status ?? watched.message_status;
    happened = status !== "failed" && statusRank(status) >= statusRank(wanted);
  }
  if (happened) return advance(deps, ws, j, plan, rec(step.for === "reply" ? "replied" : wanted), step.onMatch);
  return advance(deps, ws, j, plan, rec("waiting"), undefined, {
    runAt: now + step.timeoutSeconds * 1000,
    stay: { waitingFor: wanted, messageId: watched?.message_id ?? null },
  });
}
