import { z } from "zod";
import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { storedValue } from "./attributes.js";
import { listAttributeDefs, type ResolvedFilter } from "./directory.repo.js";

/** A tag: trimmed, lower case, at most 64 characters, no commas (a CSV cell lists tags with `;` or `,`). */
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .regex(/^[^,;|\p{Cc}]+$/u, "a tag has no commas, semicolons, bars or control characters");

const Iso = z.string().datetime({ offset: true });

/**
 * The filter language, shared by the contact list (GET /v1/contacts?filter=...) and segments:
 * every condition given must hold.
 */
export const ContactFilter = z
  .strictObject({
    q: z.string().trim().min(1).max(200).optional().describe("name, email or phone contains"),
    tags: z.array(Tag).max(20).optional().describe("carries every one of these tags"),
    anyTags: z.array(Tag).max(20).optional().describe("carries at least one of these tags"),
    notTags: z.array(Tag).max(20).optional().describe("carries none of these tags"),
    consent: z.enum(["opted_in", "opted_out", "unknown"]).optional().describe("marketing consent"),
    lastSeenAfter: Iso.optional().describe("wrote to us at or after this time"),
    lastSeenBefore: Iso.optional().describe("last wrote to us before this time"),
    neverSeen: z.boolean().optional().describe("never wrote to us"),
    hasPhone: z
      .boolean()
      .optional()
      .describe("has a phone number (contacts known only by email or external id have none)"),
    attributes: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(64),
          op: z.enum(["eq", "ne", "gt", "gte", "lt", "lte", "exists", "missing"]),
          value: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
        }),
      )
      .max(20)
      .optional()
      .describe("custom attribute conditions; values are read as the attribute's type"),
  })
  .describe("contacts matching every condition given");
export type ContactFilter = z.infer<typeof ContactFilter>;

/** Converts attribute values to their stored form; an unknown attribute is a VALIDATION_FAILED. */
export async function resolveFilter(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  f: ContactFilter,
): Promise<ResolvedFilter> {
  const out: ResolvedFilter = {
    ...(f.q !== undefined ? { q: f.q } : {}),
    ...(f.tags ? { tags: f.tags } : {}),
    ...(f.anyTags ? { anyTags: f.anyTags } : {}),
    ...(f.notTags ? { notTags: f.notTags } : {}),
    ...(f.consent ? { consent: f.consent } : {}),
    ...(f.lastSeenAfter ? { lastSeenAfter: Date.parse(f.lastSeenAfter) } : {}),
    ...(f.lastSeenBefore ? { lastSeenBefore: Date.parse(f.lastSeenBefore) } : {}),
    ...(f.neverSeen !== undefined ? { neverSeen: f.neverSeen } : {}),
    ...(f.hasPhone !== undefined ? { hasPhone: f.hasPhone } : {}),
  };
  if (f.attributes && f.attributes.length > 0) {
    const defs = new Map((await listAttributeDefs(db, workspaceId)).map((d) => [d.name, d.type]));
    out.attributes = f.attributes.map((a) => {
      const type = defs.get(a.name);
      if (!type)
        throw new AppError(
          "VALIDATION_FAILED",
          `No contact attribute is named "${a.name}"; GET /v1/contacts/attributes lists them.`,
        );
      const column = type === "text" ? ("text_value" as const) : ("num_value" as const);
      if (a.op === "exists" || a.op === "missing") return { name: a.name, op: a.op, column, value: null };
      if (a.value === undefined)
        throw new AppError("VALIDATION_FAILED", `The condition on "${a.name}" (${a.op}) needs a value.`);
      const stored = storedValue(a.name, type, a.value);
      return { name: a.name, op: a.op, column, value: stored[column] };
    });
  }
  return out;
}

/** A tag from a query string or a caller; not a tag is a VALIDATION_FAILED (never a 500). */
export function tagOf(text: string): string {
  const parsed = Tag.safeParse(text);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", `"${text.slice(0, 80)}" is not a tag: ${parsed.error.issues[0]?.message}.`);
  return parsed.data;
}

/** The list's query string: simple parameters and/or a JSON `filter`; they combine. */
export function filterFromQuery(query: {
  q?: string | undefined;
  tag?: string | undefined;
  consent?: ContactFilter["consent"] | undefined;
  lastSeenAfter?: string | undefined;
  lastSeenBefore?: string | undefined;
  filter?: string | undefined;
}): ContactFilter {
  let base: ContactFilter = {};
  if (query.filter !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(query.filter);
    } catch {
      throw new AppError("VALIDATION_FAILED", "filter must be a JSON object in the segment filter language.");
    }
    const parsed = ContactFilter.safeParse(json);
    if (!parsed.success)
      throw new AppError(
        "VALIDATION_FAILED",
        `filter: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      );
    base = parsed.data;
  }
  const tags = query.tag === undefined ? [] : query.tag.split(",").map(tagOf);
  return {
    ...base,
    ...(query.q !== undefined && query.q.trim() !== "" ? { q: query.q.trim() } : {}),
    ...(tags.length > 0 ? { tags: [...(base.tags ?? []), ...tags] } : {}),
    ...(query.consent ? { consent: query.consent } : {}),
    ...(query.lastSeenAfter ? { lastSeenAfter: query.lastSeenAfter } : {}),
    ...(query.lastSeenBefore ? { lastSeenBefore: query.lastSeenBefore } : {}),
  };
}
