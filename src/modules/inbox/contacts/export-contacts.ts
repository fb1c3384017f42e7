import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { viewContacts, type ContactView } from "./contact-view.js";
import { listAttributeDefs, listContactRows } from "./directory.repo.js";
import { resolveFilter, type ContactFilter } from "./filter.js";
import type { ContactDeps } from "./manage-contacts.js";

const PAGE = 1000;

/** A CSV cell; a text starting like a formula is prefixed with ' so spreadsheets show it as text (CSV injection). */
function cell(value: string | number | boolean | null | undefined, formulaSafe = true): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (formulaSafe && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Every contact matching the filter as CSV or NDJSON, a page of 1,000 at a time (constant memory
 * whatever the list's size): the caller streams what this yields.
 */
export async function* exportContacts(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  filter: ContactFilter,
  format: "csv" | "ndjson",
): AsyncGenerator<string> {
  const resolved = await resolveFilter(deps.db, workspaceId, filter);
  const attributes = (await listAttributeDefs(deps.db, workspaceId)).map((d) => d.name);
  const fixed = [
    "id",
    "phone",
    "name",
    "email",
    "external_id",
    "language",
    "tags",
    "consent",
    "consent_source",
    "consent_at",
    "last_seen_at",
    "created_at",
  ];
  if (format === "csv") yield `${[...fixed, ...attributes].map((h) => cell(h)).join(",")}\r\n`;
  let after: string | null = null;
  for (;;) {
    const rows = await listContactRows(deps.db, workspaceId, resolved, { after, limit: PAGE });
    if (rows.length === 0) return;
    const views = await viewContacts(deps.db, workspaceId, rows);
    yield views.map((v) => (format === "csv" ? csvLine(v, attributes) : `${JSON.stringify(ndjson(v))}\n`)).join("");
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

function csvLine(v: ContactView, attributes: string[]): string {
  return `${[
    cell(v.id),
    cell(v.phone, false),
    cell(v.name),
    cell(v.email),
    cell(v.externalId),
    cell(v.language),
    cell(v.tags.join(";")),
    cell(v.consent.marketing),
    cell(v.consent.source),
    cell(v.consent.at),
    cell(v.lastSeenAt),
    cell(v.createdAt),
    ...attributes.map((a) => cell(v.attributes[a])),
  ].join(",")}\r\n`;
}

const ndjson = (v: ContactView) => ({
  id: v.id,
  phone: v.phone,
  name: v.name,
  email: v.email,
  externalId: v.externalId,
  language: v.language,
  tags: v.tags,
  attributes: v.attributes,
  consent: v.consent,
  lastSeenAt: v.lastSeenAt,
  createdAt: v.createdAt,
});
