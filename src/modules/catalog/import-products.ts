import { type z } from "zod";
import { newId } from "../../platform/crypto/ids.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { CatalogDeps } from "./catalog-deps.js";
import { findImport, insertImport, updateImport, type ImportRow } from "./imports.repo.js";
import { notFound } from "../../platform/errors/index.js";
import { csvRecords, ndjsonRecords, type ImportRecord } from "./import-records.js";
import { minorDigits, ProductFields, RetailerId } from "./product-fields.js";
import { requestSync } from "./request-sync.js";
import { upsertProducts } from "./upsert-product.js";

/** A product is a few KiB; 64 K characters bound one record (and so what an unterminated quote holds). */
const MAX_RECORD_CHARS = 64 * 1024;
/** Products per transaction. */
const BATCH = 500;
/** Errors kept for `GET …/imports/{id}` (all are counted). */
const MAX_ERRORS = 100;

export type ImportFormat = "csv" | "ndjson";

type Parsed = { ok: true; retailerId: string; fields: ProductFields } | { ok: false; message: string };

const issueText = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "line"}: ${i.message}`)
    .join("; ");

/** NDJSON lines are the PUT body plus its `retailerId`. */
function parseJsonLine(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: "not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, message: "expected a JSON object per line" };
  const { retailerId, ...rest } = value as Record<string, unknown>;
  const id = RetailerId.safeParse(retailerId);
  if (!id.success) return { ok: false, message: `retailerId: ${id.error.issues[0]?.message ?? "required"}` };
  const fields = ProductFields.safeParse(rest);
  return fields.success
    ? { ok: true, retailerId: id.data, fields: fields.data }
    : { ok: false, message: issueText(fields.error) };
}

/** A store export's column names (Meta's data feed, Shopify-like and Wharf's own) to Wharf's fields. */
const COLUMNS: Record<string, string> = {
  id: "retailerId",
  retailer_id: "retailerId",
  retailerid: "retailerId",
  sku: "retailerId",
  title: "title",
  name: "title",
  description: "description",
  price: "price",
  sale_price: "salePrice",
  saleprice: "salePrice",
  currency: "currency",
  availability: "availability",
  condition: "condition",
  link: "link",
  url: "link",
  image_link: "imageLink",
  imagelink: "imageLink",
  image_url: "imageLink",
  brand: "brand",
  category: "category",
  google_product_category: "category",
  fb_product_category: "category",
  item_group_id: "itemGroupId",
  itemgroupid: "itemGroupId",
  inventory: "inventory",
  quantity_to_sell_on_facebook: "inventory",
  quantity: "inventory",
};

function columnOf(header: string): string | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (/^custom_label_[0-4]$/.test(key)) return key;
  return COLUMNS[key] ?? null;
}

/** "9.99 USD", or "9.99" with a currency column, in the currency's minor units. */
function parseAmount(text: string, currencyColumn: string | undefined): { minor: number; currency: string } | string {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*([A-Za-z]{3})?\s*$/.exec(text);
  if (!m) return `"${text.slice(0, 40)}" is not an amount like 9.99 or "9.99 USD"`;
  const currency = (m[3] ?? currencyColumn ?? "").toUpperCase();
  if (!currency) return "needs a currency (a currency column, or the price as 9.99 USD)";
  const digits = minorDigits(currency);
  const frac = m[2] ?? "";
  if (frac.length > digits) return `has more decimals than ${currency} has (${digits})`;
  return { minor: Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0"), currency };
}

function parseCsvRow(columns: Array<string | null>, values: string[]): Parsed {
  const raw: Record<string, string> = {};
  const labels: string[] = [];
  columns.forEach((col, i) => {
    const v = (values[i] ?? "").trim();
    if (!col || v === "") return;
    if (col.startsWith("custom_label_")) labels[Number(col.slice(-1))] = v;
    else raw[col] = v;
  });
  const id = RetailerId.safeParse(raw["retailerId"]);
  if (!id.success) return { ok: false, message: `id: ${id.error.issues[0]?.message ?? "required"}` };
  const candidate: Record<string, unknown> = { ...raw };
  delete candidate["retailerId"];
  for (const key of ["price", "salePrice"] as const) {
    if (raw[key] === undefined) continue;
    const amount = parseAmount(raw[key], raw["currency"]);
    if (typeof amount === "string") return { ok: false, message: `${key}: ${amount}` };
    candidate[key] = amount.minor;
    candidate["currency"] ??= amount.currency;
  }
  if (raw["inventory"] !== undefined)
    candidate["inventory"] = /^\d+$/.test(raw["inventory"]) ? Number(raw["inventory"]) : raw["inventory"];
  if (raw["availability"]) candidate["availability"] = raw["availability"].toLowerCase().replace(/_/g, " ");
  if (raw["condition"]) candidate["condition"] = raw["condition"].toLowerCase();
  const customLabels = labels.filter((l) => l !== undefined);
  if (customLabels.length > 0) candidate["customLabels"] = customLabels;
  const fields = ProductFields.safeParse(candidate);
  return fields.success
    ? { ok: true, retailerId: id.data, fields: fields.data }
    : { ok: false, message: issueText(fields.error) };
}

/**
 * `POST /v1/catalog/products/imports`: a CSV store export or NDJSON, read as it arrives and
 * written 500 products per transaction, so memory stays flat whatever the size. A bad line is
 * counted and named (the first 100 are kept) and the rest goes on; identical products are left
 * alone. One debounced sync follows.
 */
export async function importProducts(
  deps: CatalogDeps,
  workspaceId: WorkspaceId,
  format: ImportFormat,
  body: AsyncIterable<Uint8Array>,
): Promise<ImportRow> {
  const now = deps.clock.now();
  const row: Omit<ImportRow, "workspace_id"> = {
    id: newId("cim", now),
    format,
    status: "running",
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    errors: "[]",
    error: null,
    created_at: now,
    finished_at: null,
  };
  await insertImport(deps.db, workspaceId, row);
  const errors: Array<{ line: number; message: string }> = [];
  const fail = (line: number, message: string) => {
    row.failed++;
    if (errors.length < MAX_ERRORS) errors.push({ line, message });
  };
  let batch: Array<{ retailerId: string; fields: ProductFields }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const products = batch;
    batch = [];
    const results = await deps.db.transaction().execute(async (trx) => {
      const r = await upsertProducts(trx, workspaceId, products, deps.clock.now());
      await updateImport(trx, workspaceId, row.id, {
        rows: row.rows,
        created: row.created + r.filter((x) => x === "created").length,
        updated: row.updated + r.filter((x) => x === "updated").length,
        unchanged: row.unchanged + r.filter((x) => x === "unchanged").length,
        failed: row.failed,
        errors: JSON.stringify(errors),
      });
      return r;
    });
    for (const r of results) row[r]++;
  };
  let columns: Array<string | null> | null = null;
  const records = format === "csv" ? csvRecords(body, MAX_RECORD_CHARS) : ndjsonRecords(body, MAX_RECORD_CHARS);
  try {
    for await (const chunk of records) {
      for (const record of chunk) {
        if (record.kind === "too_long") {
          row.error = `Line ${record.line}: a record longer than ${MAX_RECORD_CHARS / 1024} K characters (an unclosed quote?); the import stopped there.`;
          break;
        }
        if (format === "csv" && columns === null) {
          columns = headerOf(record);
          if (!columns.includes("retailerId")) {
            row.error = "The first line must name the columns, with an id (or retailer_id, sku) column.";
            break;
          }
          continue;
        }
        row.rows++;
        const parsed =
          record.kind === "text"
            ? parseJsonLine(record.text)
            : parseCsvRow(columns!, (record as { fields: string[] }).fields);
        if (!parsed.ok) fail(record.line, parsed.message);
        else batch.push({ retailerId: parsed.retailerId, fields: parsed.fields });
        if (batch.length >= BATCH) await flush();
      }
      if (row.error) break;
    }
    await flush();
  } catch (err) {
    // The upload broke off (or the database failed): what was committed stays, the import says where it stopped.
    row.status = "failed";
    row.error = `The import stopped after ${row.rows} rows: ${err instanceof Error ? err.message : String(err)}`;
    row.finished_at = deps.clock.now();
    const { id, ...rest } = row;
    await updateImport(deps.db, workspaceId, id, { ...rest, errors: JSON.stringify(errors) }).catch(() => undefined);
    throw err;
  }
  row.status = row.error ? "failed" : "completed";
  row.finished_at = deps.clock.now();
  row.errors = JSON.stringify(errors);
  const { id, ...rest } = row;
  await deps.db.transaction().execute(async (trx) => {
    await updateImport(trx, workspaceId, id, rest);
    if (row.created + row.updated > 0) await requestSync(deps, trx, workspaceId, deps.sync.debounceMs);
  });
  deps.jobs.poke();
  return { ...row, workspace_id: workspaceId };
}

function headerOf(record: ImportRecord): Array<string | null> {
  return record.kind === "fields" ? record.fields.map(columnOf) : [];
}

export function importView(r: ImportRow) {
  return {
    id: r.id,
    format: r.format,
    status: r.status,
    counts: { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, failed: r.failed },
    errors: JSON.parse(r.errors) as Array<{ line: number; message: string }>,
    error: r.error,
    createdAt: new Date(Number(r.created_at)).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(Number(r.finished_at)).toISOString(),
  };
}

export async function getImport(
  deps: Pick<CatalogDeps, "db">,
  workspaceId: WorkspaceId,
  id: string,
): Promise<ImportRow> {
  const row = await findImport(deps.db, workspaceId, id);
  if (!row) throw notFound("The import");
  return row;
}
