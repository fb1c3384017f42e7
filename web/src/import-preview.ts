import type { MessageKey } from "./i18n/en.js";
// What the import page sends for a preview: the start of the file, cut at a line's end, so the
// server (`POST /v1/contacts/imports?preview=true`, which reads the first 20 rows and writes
// nothing) never sees a half line. The server parses; the page only slices.

export type ImportFormat = "csv" | "ndjson";

export const MIME: Record<ImportFormat, string> = { csv: "text/csv", ndjson: "application/x-ndjson" };

/** How much of the file a preview sends: 20 rows fit many times over. */
export const PREVIEW_BYTES = 64 * 1024;

export function formatOf(name: string, type: string): ImportFormat {
  return /\.(nd)?jsonl?$/i.test(name) || /ndjson|jsonl/i.test(type) ? "ndjson" : "csv";
}

/**
 * The first `limit` bytes of the file's text up to the last line break in them (all of it when it
 * is shorter). A CSV field with a line break in quotes that spans the cut only affects the rows
 * after the twentieth, which the preview does not show.
 */
export function previewPart(text: string, complete: boolean): string {
  if (complete) return text;
  const end = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
  return end < 0 ? text : text.slice(0, end + 1);
}

/** The part of the file a preview sends, typed so the server reads it as the file's format. */
export async function previewBody(file: File, format: ImportFormat): Promise<Blob> {
  const complete = file.size <= PREVIEW_BYTES;
  const text = await file.slice(0, PREVIEW_BYTES).text();
  return new Blob([previewPart(text, complete)], { type: MIME[format] });
}

/** The mapping choices for a CSV column, as `?mapping=` takes them. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  phone: "contacts.field.phone",
  name: "contacts.field.name",
  first_name: "contacts.field.first_name",
  last_name: "contacts.field.last_name",
  email: "contacts.field.email",
  external_id: "contacts.field.external_id",
  language: "contacts.field.language",
  tags: "contacts.field.tags",
  consent: "contacts.field.consent",
  consent_proof: "contacts.field.consent_proof",
  consent_at: "contacts.field.consent_at",
  ignore: "contacts.field.ignore",
};

/** `Favourite Colour` → `favourite_colour`: the attribute name a column gets by default. */
export function attributeNameOf(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
