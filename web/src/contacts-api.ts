import { api, uploadFile, urlOf } from "./api";
import type { ApiBody, ApiQuery, ApiResponse } from "./api/generated";
import type { MessageKey } from "./i18n";

// Contacts: one per customer in the workspace, with attributes, tags and marketing consent as a
// record (who said what, when, through which source). Paths and shapes: the API contract,
// "Contacts, events, segments".

/** A contact; `phone` is E.164 with `+` or null (known only by email, external id or Meta's user id). */
export type Contact = ApiResponse<"/v1/contacts/{idOrPhone}", "get">;
export type MarketingConsent = Contact["consent"]["marketing"];
export type AttributeValue = Contact["attributes"][string];
export type AttributeType = ApiResponse<"/v1/contacts/attributes", "get">["data"][number]["type"];
/** The list's query: search, a tag, consent, last activity, or a JSON filter in the segment language. */
export type ContactQuery = Omit<ApiQuery<"/v1/contacts", "get">, "cursor" | "limit">;
/** `applied` is false when a later-dated or stronger statement (an opt-out beats a later import) kept it from applying. */
export type ConsentChange = ApiResponse<"/v1/contacts/{idOrPhone}/consent-history", "get">["data"][number];
/** Consent (owner or admin) is recorded with the dashboard as its source. */
export type ContactPatch = ApiBody<"/v1/contacts/{idOrPhone}", "patch">;
/** A business event on the contact's timeline (`order.created`, …); `source` says who told Wharf. */
export type CommerceEvent = ApiResponse<"/v1/contacts/{idOrPhone}/events", "get">["data"][number];

export const contactsApi = {
  list: (filter: ContactQuery, cursor?: string) =>
    api("GET", "/v1/contacts", { query: { ...filter, cursor, limit: 50 } }),
  /** A download link: every contact matching the query, streamed by the server as CSV. */
  exportHref: (filter: ContactQuery) => urlOf("/v1/contacts/export", {}, { ...filter, format: "csv" }),
  /** Tags in use, with how many contacts carry each. */
  tags: () => api("GET", "/v1/contacts/tags").then((page) => page.data),
  /** The workspace's custom attributes and their types. */
  attributes: () => api("GET", "/v1/contacts/attributes").then((page) => page.data),
  get: (idOrPhone: string) => api("GET", "/v1/contacts/{idOrPhone}", { params: { idOrPhone } }),
  update: (idOrPhone: string, patch: ContactPatch) =>
    api("PATCH", "/v1/contacts/{idOrPhone}", { params: { idOrPhone }, body: patch }),
  remove: (idOrPhone: string) => api("DELETE", "/v1/contacts/{idOrPhone}", { params: { idOrPhone } }),
  /** Newest first, by when they happened. */
  events: (idOrPhone: string, cursor?: string) =>
    api("GET", "/v1/contacts/{idOrPhone}/events", { params: { idOrPhone }, query: { cursor, limit: 20 } }),
  consentHistory: (idOrPhone: string) =>
    api("GET", "/v1/contacts/{idOrPhone}/consent-history", { params: { idOrPhone } }).then((page) => page.data),
};

/** POST /v1/contacts/imports answers a preview (`preview=true`) or the import it started. */
type ImportAnswer = ApiResponse<"/v1/contacts/imports", "post">;
/** The first rows as the import would take them; nothing is written. `columns` is null for NDJSON. */
export type ImportPreview = Extract<ImportAnswer, { preview: true }>;
/** A CSV column and where it goes. */
export type ImportColumn = NonNullable<ImportPreview["columns"]>[number];
/** An import: `errors` lists the first 1,000 rows refused; `error` says why a failed one stopped. */
export type ContactImport = ApiResponse<"/v1/contacts/imports/{id}", "get">;
export type ImportStatus = ContactImport["status"];
/** The import POST /v1/contacts/imports started (201), as GET /v1/contacts/imports/{id} shows it. */
type ImportStarted = Exclude<ImportAnswer, ImportPreview>;

/**
 * Not an API shape: the `mapping` query parameter before it is JSON-encoded,
 * `{"Header": "phone" | "attributes.<name>" | "ignore" | …}` for the CSV's columns.
 */
export type ImportMapping = Record<string, string>;

const importPath = (mapping: ImportMapping, preview: boolean) =>
  urlOf(
    "/v1/contacts/imports",
    {},
    {
      preview: preview ? "true" : undefined,
      mapping: Object.keys(mapping).length ? JSON.stringify(mapping) : undefined,
    },
  );

export const importsApi = {
  /** The file's start (a typed Blob) parsed as the import would, without importing. */
  preview: (part: Blob, mapping: ImportMapping) =>
    uploadFile<ImportPreview>(importPath(mapping, true), part, () => undefined),
  /**
   * The whole file as the raw body: the server reads it as it arrives and answers when it is
   * imported; `onProgress` gets the fraction uploaded.
   */
  start: (file: Blob, mapping: ImportMapping, onProgress: (fraction: number) => void) =>
    uploadFile<ImportStarted>(importPath(mapping, false), file, onProgress),
  /** The last 50, newest first; a running one shows its counts so far. */
  list: () => api("GET", "/v1/contacts/imports").then((page) => page.data),
  get: (id: string) => api("GET", "/v1/contacts/imports/{id}", { params: { id } }),
};

export const importRunning = (i: ContactImport) => i.status === "running";

/** What the dashboard shows for a contact: the name, else the username, else the phone. */
export function displayName(contact: Pick<Contact, "name" | "phone" | "username" | "userId">): string {
  if (contact.name) return contact.name;
  if (contact.username) return contact.username.startsWith("@") ? contact.username : `@${contact.username}`;
  return contact.phone ?? contact.userId ?? "Unknown contact";
}

export const CONSENT_LABELS: Record<MarketingConsent, MessageKey> = {
  opted_in: "contacts.consent.opted_in",
  opted_out: "contacts.consent.opted_out",
  unknown: "contacts.consent.unknown",
};
