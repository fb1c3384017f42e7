import { z } from "zod";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  countEventTypeRows,
  deleteEventTypeRow,
  findEventTypeRow,
  listEventTypeRows,
  upsertEventTypeRow,
  type EventTypeRow,
} from "./commerce.repo.js";
import { customDataSchema, CustomFields, type CustomField } from "./custom-event-types.js";
import { BUILT_IN_EVENT_TYPES, EVENT_TYPE_NAME, isBuiltInEventType } from "./event-types.js";

/** A workspace's own types are few by nature; the cap keeps GET /v1/events/types small. */
export const MAX_CUSTOM_TYPES = 100;

export interface EventTypeView {
  type: string;
  builtIn: boolean;
  description: string | null;
  /** JSON Schema of `data` (fields not listed are allowed). */
  schema: unknown;
  fields?: CustomField[];
}

const parseFields = (row: EventTypeRow): CustomField[] => CustomFields.parse(JSON.parse(row.fields));

export async function dataSchemaOf(db: AnyDb | Executor, workspaceId: WorkspaceId, type: string): Promise<z.ZodObject> {
  if (isBuiltInEventType(type)) return BUILT_IN_EVENT_TYPES[type].data;
  const row = EVENT_TYPE_NAME.test(type) ? await findEventTypeRow(db, workspaceId, type) : null;
  if (row) return customDataSchema(parseFields(row));
  const known = await knownTypes(db, workspaceId);
  throw new AppError(
    "EVENT_TYPE_UNKNOWN",
    `"${type.slice(0, 100)}" is not an event type of this workspace. Known types: ${known.join(", ")}. Register your own with PUT /v1/events/types/{type}.`,
    { details: { known } },
  );
}

async function knownTypes(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<string[]> {
  return [...Object.keys(BUILT_IN_EVENT_TYPES), ...(await listEventTypeRows(db, workspaceId)).map((r) => r.type)];
}

const toJsonSchema = (schema: z.ZodObject) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

function viewCustom(row: EventTypeRow): EventTypeView {
  const fields = parseFields(row);
  return {
    type: row.type,
    builtIn: false,
    description: row.description,
    schema: toJsonSchema(customDataSchema(fields)),
    fields,
  };
}

/** GET /v1/events/types: the built-in catalog, then the workspace's own. */
export async function listEventTypes(db: AnyDb, workspaceId: WorkspaceId): Promise<EventTypeView[]> {
  const builtIn = Object.entries(BUILT_IN_EVENT_TYPES).map(([type, spec]) => ({
    type,
    builtIn: true,
    description: spec.summary,
    schema: toJsonSchema(spec.data),
  }));
  return [...builtIn, ...(await listEventTypeRows(db, workspaceId)).map(viewCustom)];
}

/** PUT /v1/events/types/{type}: creates or replaces a workspace's own type. Built-in names are taken. */
export async function registerEventType(
  deps: { db: AnyDb; clock: { now(): number } },
  workspaceId: WorkspaceId,
  type: string,
  input: { description?: string | undefined; fields: CustomField[] },
): Promise<EventTypeView> {
  if (!EVENT_TYPE_NAME.test(type))
    throw new AppError(
      "VALIDATION_FAILED",
      "An event type is lower-case words joined by dots, e.g. subscription.renewed (2 to 4 words of at most 40 characters).",
    );
  if (isBuiltInEventType(type))
    throw new AppError("CONFLICT", `${type} is a built-in type; its schema cannot be replaced. Pick another name.`);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findEventTypeRow(trx, workspaceId, type);
    if (!existing && (await countEventTypeRows(trx, workspaceId)) >= MAX_CUSTOM_TYPES)
      throw new AppError(
        "CONFLICT",
        `A workspace registers at most ${MAX_CUSTOM_TYPES} event types; delete one first.`,
      );
    const row = {
      type,
      description: input.description ?? null,
      fields: JSON.stringify(input.fields),
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    await upsertEventTypeRow(trx, workspaceId, row);
    return viewCustom({ ...row, workspace_id: workspaceId });
  });
}

/** Events already recorded under the type stay on their timelines; new ones are refused. */
export async function deleteEventType(db: AnyDb, workspaceId: WorkspaceId, type: string): Promise<void> {
  const gone = await db.transaction().execute((trx) => deleteEventTypeRow(trx, workspaceId, type));
  if (!gone) throw notFound("The event type");
}
