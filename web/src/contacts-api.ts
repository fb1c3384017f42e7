import { request, uploadFile } from "./api";
import type { MessageKey } from "./i18n";

// Contacts: one per customer in the workspace, with attributes, tags and marketing consent as a
// record (who said what, when, through which source). Paths and shapes: the API contract,
// "Contacts, events, segments".

export type MarketingConsent = "opted_in" | "opted_out" | "unknown";
export type AttributeValue = string | number | boolean | null;
export type AttributeType = "text" | "number" | "date" | "boolean";

export interface Contact {
  id: string;
  /** E.164 with `+`; null for a contact known only by email, external id or Meta's business-scoped user id. */
  phone: string | null;
  /** The key conversations and messages use: the phone's digits, a business-scoped user id, or the id. */
  waId: string;
  userId: string | null;
  username: string | null;
  name: string | null;
  email: string | null;
  externalId: string | null;
  language: string | null;
  attributes: Record<string, AttributeValue>;
  tags: string[];
  consent: { marketing: MarketingConsent; source: string | null; at: string | null; proof: string | null };
  lastSeenAt: string | null;
  createdAt: string;
  /** With a single contact's read: its conversations, one per number of ours. */
  conversations?: { id: string; phoneNumberId: string; lastMessageAt: string; unreadCount: number }[];
}

/** The list's query: search, a tag, consent, last activity, or a JSON filter in the segment language. */
export interface ContactQuery {
  q?: string;
  tag?: string;
  consent?: MarketingConsent;
  lastSeenAfter?: string;
  lastSeenBefore?: string;
  filter?: string;
}

export interface ConsentChange {
  id: string;
  marketing: "opted_in" | "opted_out";
  source: string | null;
  at: string;
  proof: string | null;
  /** False when a later-dated or stronger statement (an opt-out beats a later import) kept it from applying. */
  applied: boolean;
}

export interface ContactPatch {
  name?: string | null;
  email?: string | null;
  language?: string | null;
  tags?: string[];
  /** Owner or admin; recorded with the dashboard as its source. */
  consent?: { marketing: "opted_in" | "opted_out"; proof?: string };
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** `+15551234567`, `15551234567` and a contact id all name one contact in every path. */
const path = (idOrPhone: string) => `/v1/contacts/${encodeURIComponent(idOrPhone)}`;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const contactsApi = {
  list: (filter: ContactQuery, cursor?: string) =>
    request<Page<Contact>>("GET", `/v1/contacts${query({ ...filter, cursor, limit: "50" })}`),
  /** A download link: every contact matching the query, streamed by the server as CSV. */
  exportHref: (filter: ContactQuery) => `/v1/contacts/export${query({ ...filter, format: "csv" })}`,
  /** Tags in use, with how many contacts carry each. */
  tags: () => request<{ data: { tag: string; count: number }[] }>("GET", "/v1/contacts/tags").then((page) => page.data),
  /** The workspace's custom attributes and their types. */
  attributes: () =>
    request<{ data: { name: string; type: AttributeType }[] }>("GET", "/v1/contacts/attributes").then(
      (page) => page.data,
    ),
  get: (idOrPhone: string) => request<Contact>("GET", path(idOrPhone)),
  update: (idOrPhone: string, patch: ContactPatch) => request<Contact>("PATCH", path(idOrPhone), patch),
  remove: (idOrPhone: string) =>
    request<{ id: string; erased: true; messagesErased: number }>("DELETE", path(idOrPhone)),
  /** Newest first, by when they happened. */
  events: (idOrPhone: string, cursor?: string) =>
    request<Page<CommerceEvent>>("GET", `${path(idOrPhone)}/events${query({ cursor, limit: "20" })}`),
  consentHistory: (idOrPhone: string) =>
    request<{ data: ConsentChange[] }>("GET", `${path(idOrPhone)}/consent-history`).then((page) => page.data),
};

/** A business event on the contact's timeline (`order.created`, `checkout.abandoned`, …). */
export interface CommerceEvent {
  id: string;
  type: string;
  /** Who told Wharf: `api`, `shopify`, … */
  source: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

export type ImportStatus = "running" | "completed" | "failed";

export interface ContactImport {
  id: string;
  format: "csv" | "ndjson";
  status: ImportStatus;
  counts: { rows: number; created: number; updated: number; failed: number };
  /** The first 1,000 rows refused, with their lines. */
  errors: { line: number; message: string }[];
  /** Why a failed import stopped (e.g. an unclosed quote). */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A CSV column and where it goes. */
export interface ImportColumn {
  header: string;
  field: string;
  attribute?: string;
  type?: AttributeType | null;
}

/** The first rows as the import would take them; nothing is written. */
export interface ImportPreview {
  format: "csv" | "ndjson";
  /** Null for NDJSON, whose keys name the fields. */
  columns: ImportColumn[] | null;
  rows: {
    line: number;
    error?: string;
    contact?: {
      waId: string;
      name: string | null;
      email: string | null;
      externalId: string | null;
      language: string | null;
      tags: string[];
      consent: { optIn: boolean; at: number | null; proof: string | null } | null;
      attributes: Record<string, AttributeValue>;
    };
  }[];
}

/** `{"Header": "phone" | "attributes.<name>" | "ignore" | …}` for the CSV's columns. */
export type ImportMapping = Record<string, string>;

const importPath = (mapping: ImportMapping, preview: boolean) =>
  `/v1/contacts/imports${query({
    preview: preview ? "true" : undefined,
    mapping: Object.keys(mapping).length ? JSON.stringify(mapping) : undefined,
  })}`;

export const importsApi = {
  /** The file's start (a typed Blob) parsed as the import would, without importing. */
  preview: (part: Blob, mapping: ImportMapping) =>
    uploadFile<ImportPreview>(importPath(mapping, true), part, () => undefined),
  /**
   * The whole file as the raw body: the server reads it as it arrives and answers when it is
   * imported; `onProgress` gets the fraction uploaded.
   */
  start: (file: Blob, mapping: ImportMapping, onProgress: (fraction: number) => void) =>
    uploadFile<ContactImport>(importPath(mapping, false), file, onProgress),
  /** The last 50, newest first; a running one shows its counts so far. */
  list: () => request<{ data: ContactImport[] }>("GET", "/v1/contacts/imports").then((page) => page.data),
  get: (id: string) => request<ContactImport>("GET", `/v1/contacts/imports/${encodeURIComponent(id)}`),
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
