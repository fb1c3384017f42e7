import type { z } from "zod";
import { workspaceTimeZone } from "../workspaces/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { JourneyContext } from "./context.js";
import { parseCron, nextCronTime } from "./cron.js";
import type { AutomationDefinition, Condition, Step, TemplateRef, ValueRef } from "./model.js";
import { placeholdersIn, renderTemplate } from "./render.js";
import { compileSafeRegex } from "./safe-regex.js";

interface PartCounts {
  bodyParameterCount: number;
  headerParameterCount: number;
  buttonParameterCounts: number[];
  optionalButtons: number[];
  buttonTypes: string[];
}

/** A template as the templates module describes it for a send (TemplateForSend), with its status. */
export interface TemplateShapeForCheck extends PartCounts {
  name: string;
  language: string;
  status: string;
  category: string;
  parameterFormat: "POSITIONAL" | "NAMED";
  headerFormat: string | null;
  offerExpiration: boolean;
  cards: PartCounts[] | null;
}

/** What validation needs of other modules (their index.ts functions, passed in by the composition root). */
export interface ValidationDeps {
  db: AnyDb;
  clock: { now(): number };
  findTemplateShape(
    db: AnyDb,
    workspaceId: WorkspaceId,
    ref: { name: string; language: string },
  ): Promise<{ template: TemplateShapeForCheck | null; languages: string[] }>;
  /** The send path's own check of a rendered template body (messages' index); throws its AppError. */
  checkTemplateContent(template: TemplateShapeForCheck, content: unknown): void;
  eventDataSchema(db: AnyDb, workspaceId: WorkspaceId, type: string): Promise<z.ZodObject>;
}

const CONTACT_FIELDS = ["id", "name", "firstName", "phone", "email", "externalId", "language", "waId"];
const bad = (message: string) => new AppError("VALIDATION_FAILED", message);

/** Unwraps optional/nullable/default and answers the schema a path segment leads to (or null when untyped). */
function child(schema: z.ZodType, segment: string): z.ZodType | null | undefined {
  let s = schema;
  for (;;) {
    const def = s.def as { type: string; innerType?: z.ZodType };
    if ((def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType)
      s = def.innerType;
    else break;
  }
  const def = s.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; catchall?: z.ZodType };
  if (def.type === "object") {
    const next = def.shape?.[segment];
    if (next) return next;
    // A field the schema does not declare: the type's documented fields are what automations rely on.
    return undefined;
  }
  if (def.type === "array") return /^\d+$/.test(segment) ? (def.element ?? null) : undefined;
  if (def.type === "record" || def.type === "any" || def.type === "unknown") return null;
  return undefined;
}

function checkEventPath(schema: z.ZodObject, type: string, path: string): void {
  let s: z.ZodType | null = schema;
  for (const seg of path.split(".")) {
    if (s === null) return; // below an untyped object: anything goes
    const next = child(s, seg);
    if (next === undefined) {
      const fields = Object.keys(schema.shape).join(", ");
      throw bad(`"event.${path}" is not a field of ${type} (its fields: ${fields}; GET /v1/events/types shows them).`);
    }
    s = next;
  }
}

/**
 * Checks a definition against the workspace before it is saved: event types exist and paths into
 * their data are typed fields, template steps name a template that is approved or in review and
 * give exactly the parameters it takes, regexes are safe, the cron fires, step references and
 * jumps point forward at steps that exist. Throws a VALIDATION_FAILED (or the templates' own
 * error) that names the step.
 */
export async function validateDefinition(
  deps: ValidationDeps,
  workspaceId: WorkspaceId,
  def: AutomationDefinition,
): Promise<void> {
  const trigger = def.trigger;
  const eventSchema =
    trigger.kind === "event" ? await deps.eventDataSchema(deps.db, workspaceId, trigger.eventType) : null;
  if (trigger.kind === "event" && trigger.keyPath && eventSchema)
    checkEventPath(eventSchema, trigger.eventType, trigger.keyPath);
  if (trigger.kind === "inbound_message" && trigger.match.type === "regex")
    compileSafeRegex(trigger.match.pattern, trigger.match.caseInsensitive);
  if (
    trigger.kind === "schedule" &&
    nextCronTime(
      parseCron(trigger.cron),
      deps.clock.now(),
      trigger.timeZone ?? (await workspaceTimeZone(deps.db, workspaceId)),
    ) === null
  )
    throw bad(`Cron "${trigger.cron}" never fires.`);
  for (const e of def.exit.events) await deps.eventDataSchema(deps.db, workspaceId, e.type);

  const checkPath = (path: string, where: string) => {
    const [root, ...rest] = path.split(".");
    const tail = rest.join(".");
    if (root === "contact") {
      if (rest.length === 1 && CONTACT_FIELDS.includes(tail)) return;
      if (rest[0] === "attributes" && rest.length === 2 && /^[a-z][a-z0-9_]{0,63}$/.test(rest[1]!)) return;
      throw bad(
        `${where}: "${path}" is not a contact value (contact.${CONTACT_FIELDS.join(", contact.")}, contact.attributes.<name>).`,
      );
    }
    if (root === "event") {
      if (trigger.kind !== "event" && trigger.kind !== "api")
        throw bad(`${where}: "${path}" reads the trigger's event, but this automation is not started by an event.`);
      if (tail === "type" || tail === "id" || trigger.kind === "api") return;
      if (tail === "") throw bad(`${where}: "event" needs a field, e.g. event.checkoutToken.`);
      checkEventPath(eventSchema!, trigger.eventType, tail);
      return;
    }
    if (root === "message" && tail === "text") {
      if (trigger.kind !== "inbound_message") throw bad(`${where}: "message.text" needs an inbound-message trigger.`);
      return;
    }
    if (root === "trigger" && tail === "key") return;
    throw bad(`${where}: "${path}" is not a value path (contact.*, event.*, message.text, trigger.key).`);
  };
  const checkRef = (ref: ValueRef, where: string) => {
    if ("path" in ref) checkPath(ref.path, where);
  };

  const ids = def.steps.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw bad(`Two steps have the id "${dup}"; step ids are unique within an automation.`);
  const sendSteps = new Set(
    def.steps.filter((s) => s.kind === "send_template" || s.kind === "send_text").map((s) => s.id),
  );

  const checkConditions = (conditions: Condition[], where: string, earlier: Set<string>) => {
    for (const c of conditions) {
      if (c.kind === "event") checkPath(`event.${c.path}`, where);
      if (c.kind === "step_status" && !earlier.has(c.step))
        throw bad(`${where}: condition on step "${c.step}", which is not an earlier send step.`);
      if ("op" in c && c.op !== "exists" && c.op !== "not_exists" && (c.op === "in") !== Array.isArray(c.value))
        throw bad(`${where}: "${c.op}" takes ${c.op === "in" ? "a list of values" : "one value"}.`);
    }
  };
  checkConditions(def.conditions, "Entry conditions", new Set());

  const earlierSends = new Set<string>();
  for (const [i, s] of def.steps.entries()) {
    const where = `Step "${s.id}"`;
    checkConditions(s.when, where, earlierSends);
    await checkStep(deps, workspaceId, s, where, checkRef, checkPath);
    if (s.kind === "wait_for") {
      if (s.for === "status" && (!s.status || (!s.step && trigger.kind !== "message_status")))
        throw bad(
          `${where}: waiting for a status names the send step (step; only a message_status trigger may leave it out) and the status (delivered or read).`,
        );
      if (s.step && !earlierSends.has(s.step)) throw bad(`${where}: "${s.step}" is not an earlier send step.`);
      for (const target of [s.onMatch, s.onTimeout])
        if (target !== "next" && target !== "end" && ids.indexOf(target) <= i)
          throw bad(
            `${where}: jumps go forward to a later step's id, "next" or "end"; "${target}" is not a later step.`,
          );
    }
    if (sendSteps.has(s.id)) earlierSends.add(s.id);
  }
}

async function checkStep(
  deps: ValidationDeps,
  workspaceId: WorkspaceId,
  s: Step,
  where: string,
  checkRef: (ref: ValueRef, where: string) => void,
  checkPath: (path: string, where: string) => void,
): Promise<void> {
  switch (s.kind) {
    case "send_template":
      return checkTemplate(deps, workspaceId, s.template, where, checkRef);
    case "send_text":
      for (const p of placeholdersIn(s.text)) checkPath(p, where);
      if (s.fallbackTemplate)
        await checkTemplate(deps, workspaceId, s.fallbackTemplate, `${where} (fallback template)`, checkRef);
      return;
    case "set_attribute":
      return checkRef(s.value, where);
    case "call_webhook":
      for (const v of Object.values(s.data)) checkRef(v, where);
      return;
    default:
      return;
  }
}

/** Every path filled with a sample, so the send path's own count check sees what a send would give. */
const SAMPLE_CONTEXT: JourneyContext = {
  contact: {
    id: "ctc_sample",
    name: "Sample",
    phone: "+15550000000",
    email: "s@example.com",
    externalId: "x",
    language: "en",
    waId: "15550000000",
    attributes: {},
    tags: [],
    consent: "unknown",
  },
  event: null,
  message: null,
  triggerKey: null,
  windowOpen: true,
  stepStatuses: {},
};
const sampled = (ref: ValueRef): ValueRef => ("path" in ref ? { value: "sample" } : ref);

async function checkTemplate(
  deps: ValidationDeps,
  workspaceId: WorkspaceId,
  ref: TemplateRef,
  where: string,
  checkRef: (ref: ValueRef, where: string) => void,
): Promise<void> {
  const found = await deps.findTemplateShape(deps.db, workspaceId, { name: ref.name, language: ref.language });
  const t = found.template;
  if (!t)
    throw new AppError(
      "TEMPLATE_NOT_FOUND",
      `${where}: template "${ref.name}" in "${ref.language}" does not exist in this workspace.${found.languages.length > 0 ? ` It exists in ${found.languages.join(", ")}.` : " Create it with POST /v1/templates, or check the name."}`,
      { details: { name: ref.name, language: ref.language, availableLanguages: found.languages } },
    );
  if (t.status !== "APPROVED" && t.status !== "PENDING")
    throw new AppError(
      "TEMPLATE_NOT_APPROVED",
      `${where}: template "${ref.name}" (${ref.language}) is ${t.status}; an automation may use an approved template or one in review.`,
    );
  const named = !Array.isArray(ref.body);
  if (named !== (t.parameterFormat === "NAMED") && Object.keys(ref.body).length > 0)
    throw bad(
      `${where}: template "${ref.name}" takes ${t.parameterFormat === "NAMED" ? "named parameters: give body as {name: value}" : "positional parameters: give body as a list"}.`,
    );
  if (ref.header) checkRef(ref.header, where);
  for (const v of Array.isArray(ref.body) ? ref.body : Object.values(ref.body)) checkRef(v, where);
  for (const b of ref.buttons) {
    checkRef(b.value, where);
    const kind = t.buttonTypes[b.index];
    if (kind === undefined) throw bad(`${where}: template "${ref.name}" has no button ${b.index}.`);
    if (kind === "FLOW" || kind === "CATALOG" || kind === "MPM")
      throw bad(`${where}: button ${b.index} is a ${kind} button, which automations do not fill; leave it out.`);
  }
  const sample: TemplateRef = {
    ...ref,
    header: ref.header ? sampled(ref.header) : undefined,
    body: Array.isArray(ref.body)
      ? ref.body.map(sampled)
      : Object.fromEntries(Object.entries(ref.body).map(([k, v]) => [k, sampled(v)])),
    buttons: ref.buttons.map((b) => ({ index: b.index, value: sampled(b.value) })),
  };
  const rendered = renderTemplate(SAMPLE_CONTEXT, sample, t);
  if (!rendered.ok) throw bad(`${where}: "${rendered.missing}" has no value.`);
  try {
    deps.checkTemplateContent(t, rendered.template);
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, `${where}: ${err.message}`, err.extra);
    throw err;
  }
}
