import { newId } from "../../../platform/crypto/index.js";
import { AppError, notFound } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { applyConsentBatch } from "../contacts.repo.js";
import { inferType, storedValue, type AttributeValue } from "./attributes.js";
import {
  addTagPairs,
  insertAttributeDefs,
  listAttributeDefs,
  refreshContactStatistics,
  upsertAttributeRows,
  upsertContactsByWaId,
  type AttributeRow,
  type AttributeType,
} from "./directory.repo.js";
import { checkRow, type ImportedContact } from "./import-rows.js";
import { openSource, type SourceItem } from "./import-source.js";
import { findImport, insertImport, listImportRows, updateImport, type ImportRow } from "./imports.repo.js";
import type { ContactDeps } from "./manage-contacts.js";

/** Rows written per transaction: large enough to amortise a commit, small enough to hold. */
const BATCH = 500;
/** Errors kept with the import (the count in `failed` is exact beyond them). */
export const MAX_ERRORS = 1000;
const PREVIEW_ROWS = 20;

export interface ImportView {
  id: string;
  format: "csv" | "ndjson";
  status: ImportRow["status"];
  counts: { rows: number; created: number; updated: number; failed: number };
  errors: Array<{ line: number; message: string }>;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function viewImport(r: ImportRow): ImportView {
  return {
    id: r.id,
    format: r.format,
    status: r.status,
    counts: { rows: Number(r.rows), created: Number(r.created), updated: Number(r.updated), failed: Number(r.failed) },
    errors: JSON.parse(r.errors) as ImportView["errors"],
    error: r.error,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
  };
}

export async function getImport(deps: ContactDeps, workspaceId: WorkspaceId, id: string): Promise<ImportView> {
  const row = await findImport(deps.db, workspaceId, id);
  if (!row) throw notFound("The import");
  return viewImport(row);
}

export async function listImports(deps: ContactDeps, workspaceId: WorkspaceId): Promise<ImportView[]> {
  return (await listImportRows(deps.db, workspaceId, 50)).map(viewImport);
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The type an undeclared attribute takes from its first values in a file: what all of them read as. */
function inferFromValues(values: AttributeValue[]): AttributeType {
  const present = values.filter((v) => v !== null && v !== "");
  if (present.length === 0) return "text";
  // NDJSON values carry their JSON type: the first one declares it (a later "x" for a number is an error).
  if (typeof present[0] !== "string") return inferType(present[0]!);
  if (present.every((v) => typeof v === "number" || (typeof v === "string" && NUMBER.test(v)))) return "number";
  if (present.every((v) => typeof v === "boolean" || (typeof v === "string" && BOOLEAN.test(v)))) return "boolean";
  if (present.every((v) => typeof v === "string" && DATE.test(v) && Number.isFinite(Date.parse(v)))) return "date";
  return "text";
}

type Checked = ImportedContact & { attrRows: Array<Pick<AttributeRow, "name" | "text_value" | "num_value">> };

/**
 * What the first rows of a file would import, without writing anything: the header's mapping and
 * each row checked (or its error).
 */
export async function previewImport(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  input: { format: "csv" | "ndjson"; body: AsyncIterable<Uint8Array>; mapping: Record<string, string> },
) {
  const source = await openSource(input.format, input.body, input.mapping);
  const types = new Map((await listAttributeDefs(deps.db, workspaceId)).map((d) => [d.name, d.type]));
  const rows: Array<{ line: number; contact?: Omit<ImportedContact, "line">; error?: string }> = [];
  for await (const batch of source.batches) {
    for (const item of batch.items) {
      if (rows.length >= PREVIEW_ROWS) break;
      if ("error" in item) rows.push({ line: item.line, error: item.error });
      else
        try {
          const { line, ...contact } = checkRow(item.line, item.raw);
          rows.push({ line, contact });
        } catch (err) {
          rows.push({ line: item.line, error: `Line ${item.line}: ${(err as Error).message}.` });
        }
    }
    if (rows.length >= PREVIEW_ROWS || batch.fatal) break;
  }
  return {
    preview: true as const,
    format: input.format,
    columns:
      source.columns?.map((c) => ({
        header: c.header,
        field: c.target.field,
        ...(c.target.field === "attribute"
          ? { attribute: c.target.name, type: c.target.type ?? types.get(c.target.name) ?? null }
          : {}),
      })) ?? null,
    rows,
  };
}

/**
 * POST /v1/contacts/imports: streams the body through in batches of 500 rows, one transaction
 * each, in constant memory. Idempotent by phone (a phone seen again updates its contact; an
 * empty cell keeps what the contact had); a bad row is skipped whole and reported with its line;
 * consent from the file goes through the consent rules (an opt-in never overrides an opt-out).
 * The import's row shows its progress while it runs; a file that cannot be read to its end
 * (an unclosed quote) fails the import after the rows before it.
 */
export async function importContacts(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  input: { format: "csv" | "ndjson"; body: AsyncIterable<Uint8Array>; mapping: Record<string, string> },
): Promise<ImportView> {
  const source = await openSource(input.format, input.body, input.mapping);
  const started = deps.clock.now();
  const id = newId("imp", started);
  await deps.db.transaction().execute((trx) =>
    insertImport(trx, workspaceId, {
      id,
      format: input.format,
      status: "running",
      rows: 0,
      created: 0,
      updated: 0,
      failed: 0,
      errors: "[]",
      error: null,
      created_at: started,
      updated_at: started,
      finished_at: null,
    }),
  );
  const declared: Map<string, AttributeType> = new Map(
    (await listAttributeDefs(deps.db, workspaceId)).map((d) => [d.name, d.type]),
  );
  // The mapping may name a type for a new attribute (attributes.birthday:date).
  const mapped = new Map<string, AttributeType>();
  for (const c of source.columns ?? [])
    if (c.target.field === "attribute" && c.target.type && !declared.has(c.target.name))
      mapped.set(c.target.name, c.target.type);
  const counts = { rows: 0, created: 0, updated: 0, failed: 0 };
  const errors: ImportView["errors"] = [];
  let pending: SourceItem[] = [];

  const fail = (line: number, message: string) => {
    counts.failed++;
    if (errors.length < MAX_ERRORS) errors.push({ line, message });
  };

  const write = async (items: SourceItem[]) => {
    const errorsBefore = errors.length;
    const rows: ImportedContact[] = [];
    for (const item of items) {
      counts.rows++;
      if ("error" in item) {
        fail(item.line, item.error);
        continue;
      }
      try {
        rows.push(checkRow(item.line, item.raw));
      } catch (err) {
        fail(item.line, `Line ${item.line}: ${(err as Error).message}.`);
      }
    }
    // Attributes this file introduces take their type from their values in this batch.
    const fresh = new Map<string, AttributeValue[]>();
    for (const r of rows)
      for (const [name, v] of Object.entries(r.attributes))
        if (!declared.has(name)) fresh.set(name, [...(fresh.get(name) ?? []), v]);
    const newDefs = [...fresh].map(([name, values]) => ({ name, type: mapped.get(name) ?? inferFromValues(values) }));
    for (const d of newDefs) declared.set(d.name, d.type);
    const checked: Checked[] = [];
    for (const r of rows)
      try {
        checked.push({
          ...r,
          attrRows: Object.entries(r.attributes).map(([name, v]) => ({
            name,
            ...storedValue(name, declared.get(name)!, v),
          })),
        });
      } catch (err) {
        fail(r.line, `Line ${r.line}: ${(err as AppError).message}`);
      }
    // A phone twice in one batch: the later row wins field by field, tags add up (one upsert per phone).
    const byWaId = new Map<string, Checked>();
    for (const r of checked) {
      const prev = byWaId.get(r.waId);
      if (!prev) byWaId.set(r.waId, r);
      else {
        counts.updated++;
        byWaId.set(r.waId, {
          ...r,
          name: r.name ?? prev.name,
          email: r.email ?? prev.email,
          externalId: r.externalId ?? prev.externalId,
          language: r.language ?? prev.language,
          tags: [...new Set([...prev.tags, ...r.tags])],
          consent: r.consent ?? prev.consent,
          attrRows: [...prev.attrRows.filter((a) => !r.attrRows.some((b) => b.name === a.name)), ...r.attrRows],
        });
      }
    }
    const unique = [...byWaId.values()];
    const now = deps.clock.now();
    // The upsert answers each phone's contact id: the one minted here if it created the contact,
    // the contact's own if it existed. That tells created from updated without a lookup first (on
    // PostgreSQL, a 500-key lookup planned on statistics older than the import scanned the
    // workspace's contacts, so each batch cost more than the one before).
    const minted = new Map(unique.map((r) => [r.waId, newId("ctc", now)]));
    await deps.db.transaction().execute(async (trx) => {
      await insertAttributeDefs(trx, workspaceId, newDefs, now);
      const ids = await upsertContactsByWaId(
        trx,
        workspaceId,
        unique.map((r) => ({
          id: minted.get(r.waId)!,
          wa_id: r.waId,
          name: r.name,
          email: r.email,
          external_id: r.externalId,
          language: r.language,
        })),
        now,
      );
      await upsertAttributeRows(
        trx,
        workspaceId,
        unique.flatMap((r) => r.attrRows.map((a) => ({ ...a, contact_id: ids.get(r.waId)! }))),
      );
      await addTagPairs(
        trx,
        workspaceId,
        unique.flatMap((r) => r.tags.map((tag) => ({ contactId: ids.get(r.waId)!, tag }))),
      );
      const consent = unique.filter((r) => r.consent !== null);
      if (consent.length > 0)
        await applyConsentBatch(
          trx,
          workspaceId,
          "import",
          consent.map((r) => ({
            contactId: ids.get(r.waId)!,
            optIn: r.consent!.optIn,
            at: r.consent!.at ?? now,
            proof: r.consent!.proof ?? `import ${id}, line ${r.line}`,
          })),
          now,
        );
      for (const r of unique)
        if (ids.get(r.waId) === minted.get(r.waId)) counts.created++;
        else counts.updated++;
      await updateImport(
        trx,
        workspaceId,
        id,
        { ...counts, ...(errors.length !== errorsBefore ? { errors: JSON.stringify(errors) } : {}) },
        now,
      );
    });
  };

  // The planner's statistics are refreshed each time the rows written double (2,000, 4,000, ...
  // 1,024,000): about ten ANALYZEs for a million rows, and they are never more than 2x behind.
  let analyzeAt = 2_000;
  try {
    for await (const batch of source.batches) {
      for (const item of batch.items) {
        pending.push(item);
        if (pending.length >= BATCH) {
          const full = pending;
          pending = [];
          await write(full);
          if (counts.rows >= analyzeAt) {
            analyzeAt *= 2;
            await refreshContactStatistics(deps.db);
          }
        }
      }
      if (batch.fatal) {
        await write(pending);
        pending = [];
        throw new AppError("VALIDATION_FAILED", batch.fatal);
      }
    }
    await write(pending);
    await finish("completed", null);
  } catch (err) {
    await finish("failed", err instanceof AppError ? err.message : "The import stopped on an internal error.");
    if (!(err instanceof AppError)) throw err;
  }
  return getImport(deps, workspaceId, id);

  async function finish(status: ImportRow["status"], error: string | null) {
    const now = deps.clock.now();
    await deps.db
      .transaction()
      .execute((trx) =>
        updateImport(
          trx,
          workspaceId,
          id,
          { ...counts, status, error, errors: JSON.stringify(errors), finished_at: now },
          now,
        ),
      );
  }
}
