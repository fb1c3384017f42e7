import type { Transaction } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../../platform/clock.js";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import { defineJob, type JobDefinition, type JobQueue } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { z } from "zod";
import { findContact } from "../inbox/index.js";
import type { SendInput } from "../messages/index.js";
import type { EvalContext } from "./evaluate.js";
import { listStepRows, type JourneyRow } from "./journeys.repo.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the transaction of `events.transaction`, on any module's tables
export type AnyTransaction = Transaction<any>;

export interface JourneyDeps {
  db: AnyDb;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  logger?: Logger;
  /** The normal send path (messages' `sendMessage` with its deps): same rules, same dispatcher. */
  send: (workspaceId: WorkspaceId, input: SendInput) => Promise<{ message: { id: string }; replayed: boolean }>;
}

export const DAY_MS = 24 * 3_600_000;

const StepPayload = z.object({ workspaceId: z.string(), journeyId: z.string(), seq: z.number().int().nonnegative() });
export type StepPayload = z.infer<typeof StepPayload>;

/** The step job's definition; its handler is set by the module (it needs the deps). */
export function stepJob(handler: (p: StepPayload) => Promise<void>): JobDefinition<typeof StepPayload> {
  return defineJob({
    name: "journeys.step",
    payload: StepPayload,
    // A step that keeps failing (not a refusal: those are outcomes) is retried for about a day.
    maxAttempts: 20,
    handler: (payload) => handler(payload),
  });
}
const EventPayload = z.object({
  workspaceId: z.string(),
  event: z.object({ id: z.string(), type: z.string(), at: z.number(), data: z.unknown() }),
});
export type EventPayload = z.infer<typeof EventPayload>;

/** The job of one heard event (handle-event.ts). */
export function eventJob(handler: (p: EventPayload) => Promise<void>): JobDefinition<typeof EventPayload> {
  return defineJob({ name: "journeys.event", payload: EventPayload, handler: (payload) => handler(payload) });
}

// The jobs' names and payloads, for enqueueing where the handlers (and their deps) are not at hand.
export const STEP_JOB = stepJob(() => Promise.resolve());
export const EVENT_JOB = eventJob(() => Promise.resolve());

/** Queues step run `seq` of a journey at `runAt`, in the caller's transaction. */
export async function scheduleStep(
  trx: Executor,
  deps: Pick<JourneyDeps, "jobs">,
  workspaceId: WorkspaceId,
  journeyId: string,
  seq: number,
  runAt: number,
) {
  await deps.jobs.enqueue(
    trx,
    STEP_JOB,
    { workspaceId, journeyId, seq },
    { runAt, dedupeKey: `journey:${journeyId}:${seq}`, workspaceId },
  );
}

/** The journey's view of its contact, its trigger and its earlier sends. */
export async function contextOf(
  db: Executor,
  workspaceId: WorkspaceId,
  j: Pick<JourneyRow, "id" | "wa_id" | "contact_id" | "context" | "trigger_key">,
  now: number,
): Promise<EvalContext> {
  const contact = await findContact(db, workspaceId, { waId: j.wa_id });
  const steps: EvalContext["steps"] = {};
  for (const s of await listStepRows(db, workspaceId, j.id))
    if (s.message_id !== null) steps[s.step_id] = { messageStatus: s.message_status, at: s.at };
  const lastInbound = contact?.lastInboundAt ? Date.parse(contact.lastInboundAt) : null;
  const stored = JSON.parse(j.context) as { event?: Record<string, unknown>; text?: string | null };
  const name = contact?.name ?? null;
  return {
    contact: {
      id: contact?.id ?? j.contact_id,
      waId: j.wa_id,
      name,
      firstName: name?.trim().split(/\s+/)[0] ?? null,
      phone: contact?.phone ?? null,
      email: contact?.email ?? null,
      externalId: contact?.externalId ?? null,
      language: contact?.language ?? null,
      tags: contact?.tags ?? [],
      attributes: contact?.attributes ?? {},
      consent: contact?.consent.marketing ?? "unknown",
      lastInboundAt: lastInbound,
    },
    event: stored.event ?? {},
    message: { text: stored.text ?? null },
    trigger: { key: j.trigger_key },
    window: { open: lastInbound !== null && now - lastInbound < DAY_MS },
    steps,
  };
}
