import { AppError } from "../../../platform/errors/index.js";
import { csvRecords, type CsvRecord } from "./csv-records.js";
import { mapColumns, rawFromFields, rawFromJson, type ColumnTarget } from "./import-rows.js";

/** A record of the file: the row as read (not yet checked), or why it could not be read. */
export type SourceItem = { line: number; raw: ReturnType<typeof rawFromFields> } | { line: number; error: string };
export type SourceBatch = { items: SourceItem[]; fatal?: string };

/** A record may be this long (a contact's fields and attributes); it bounds what is held in memory. */
export const MAX_RECORD_CHARS = 64 * 1024;

export interface ImportSource {
  /** The CSV header and where each column goes (null for NDJSON). */
  columns: Array<{ header: string; target: ColumnTarget }> | null;
  batches: AsyncGenerator<SourceBatch>;
}

/**
 * Opens a CSV or NDJSON body: a CSV's header is read and mapped before anything else (a missing
 * phone column is a VALIDATION_FAILED before any row is read), then rows come a batch per chunk.
 */
export async function openSource(
  format: "csv" | "ndjson",
  body: AsyncIterable<Uint8Array>,
  mapping: Record<string, string>,
): Promise<ImportSource> {
  if (format === "ndjson") return { columns: null, batches: ndjsonItems(body) };
  const records = csvRecords(body, MAX_RECORD_CHARS);
  let first = await records.next();
  while (!first.done && first.value.records.length === 0 && !first.value.fatal) first = await records.next();
  if (first.done || first.value.records.length === 0)
    throw new AppError(
      "VALIDATION_FAILED",
      first.done ? "The file is empty; send a header line (phone,name,...) and rows." : first.value.fatal!,
    );
  const [header, ...rest] = first.value.records as [CsvRecord, ...CsvRecord[]];
  if ("error" in header) throw new AppError("VALIDATION_FAILED", `The header cannot be read: ${header.error}`);
  const headers = header.fields.map((h) => h.trim());
  const targets = mapColumns(headers, mapping);
  const toItems = (records: typeof rest): SourceItem[] =>
    records.map((r) => {
      if ("error" in r) return r;
      try {
        return { line: r.line, raw: rawFromFields(targets, r.fields) };
      } catch (err) {
        return { line: r.line, error: `Line ${r.line}: ${(err as Error).message}.` };
      }
    });
  const leftover = first.value;
  async function* batches(): AsyncGenerator<SourceBatch> {
    yield { items: toItems(rest), ...(leftover.fatal ? { fatal: leftover.fatal } : {}) };
    if (leftover.fatal) return;
    for await (const b of records) yield { items: toItems(b.records), ...(b.fatal ? { fatal: b.fatal } : {}) };
  }
  return { columns: headers.map((h, i) => ({ header: h, target: targets[i]! })), batches: batches() };
}

/** NDJSON lines (\n or \r\n), a batch per chunk; a line past MAX_RECORD_CHARS ends the stream. */
async function* ndjsonItems(body: AsyncIterable<Uint8Array>): AsyncGenerator<SourceBatch> {
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let line = 0;
  const toItem = (text: string): SourceItem | null => {
    line++;
    const t = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (t.trim() === "") return null;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return { line, error: `Line ${line}: not a JSON object.` };
    }
    try {
      return { line, raw: rawFromJson(value) };
    } catch (err) {
      return { line, error: `Line ${line}: ${(err as Error).message}.` };
    }
  };
  const take = (text: string, final: boolean): SourceBatch => {
    const parts = (carry + text).split("\n");
    carry = final ? "" : parts.pop()!;
    const items = parts.map(toItem).filter((i): i is SourceItem => i !== null);
    if (carry.length > MAX_RECORD_CHARS)
      return {
        items,
        fatal: `Line ${line + 1}: longer than ${MAX_RECORD_CHARS} characters; put one contact on each line.`,
      };
    return { items };
  };
  for await (const chunk of body) {
    const b = take(decoder.decode(chunk, { stream: true }), false);
    if (b.items.length > 0 || b.fatal) yield b;
    if (b.fatal) return;
  }
  const last = take(decoder.decode(), true);
  if (last.items.length > 0) yield last;
}
