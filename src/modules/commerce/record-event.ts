import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Transaction } from "kysely";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import { retryOnUniqueViolation, type AnyDb } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { EventBus } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { insertCommerceEvent, type CommerceEventRow } from "./commerce.repo.js";
import type { CommerceContacts, ContactLink, ContactProfile, ContactRef } from "./contact-port.js";
import { dataSchemaOf } from "./list-event-types.js";

export interface CommerceDeps {
  db: AnyDb;
  clock: Clock;
  events: EventBus;
  contacts: CommerceContacts;
}

export interface CommerceEventInput {
  type: string;
  contact: ContactRef;
  /** Name and the like, when the source knows them (a store's customer). */
  profile?: ContactProfile;
  data: Record<string, unknown>;
  occurredAt?: number | undefined;
  idempotencyKey?: string | undefined;
  source: CommerceEventRow["source"];
}

/** Beyond this, `data` is not an event but a document: 64 KiB of JSON. */
export const MAX_DATA_BYTES = 64 * 1024;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the transaction of `events.transaction`, on any module's tables
type AnyTransaction = Transaction<any>;

/** POST /v1/events: checks, records and publishes in one transaction. */
export async function recordCommerceEvent(
  deps: CommerceDeps,
  workspaceId: WorkspaceId,
  input: CommerceEventInput,
): Promise<{ id: string; replayed: boolean; contact: ContactLink }> {
  const data = await checkEventData(deps.db, workspaceId, input.type, input.data);
  return retryOnUniqueViolation(() =>
    deps.events.transaction(deps.db, (trx) => recordCommerceEventIn(trx, deps, workspaceId, { ...input, data })),
  );
}

/**
 * Records the event in the caller's `events.transaction`: the contact is found or created, the
 * event stored (once per idempotency key: a replay answers the first one's id, another event under
 * the same key is refused) and published as `commerce.event` at commit. `data` must have been
 * checked by `checkEventData`.
 */
export async function recordCommerceEventIn(
  trx: AnyTransaction,
  deps: Omit<CommerceDeps, "db">,
  workspaceId: WorkspaceId,
  input: CommerceEventInput,
): Promise<{ id: string; replayed: boolean; contact: ContactLink }> {
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ?? now;
  const hash =
    input.idempotencyKey === undefined ? null : requestHash({ ...input, occurredAt: input.occurredAt ?? null });
  const key = input.idempotencyKey ?? null;
  const contact = await deps.contacts.upsert(trx, workspaceId, input.contact, input.profile ?? {});
  const { inserted, row } = await insertCommerceEvent(trx, workspaceId, {
    id: newId("cev", now),
    type: input.type,
    contact_id: contact.id,
    data: JSON.stringify(input.data),
    source: input.source,
    occurred_at: occurredAt,
    idempotency_key: key,
    request_hash: hash,
    created_at: now,
  });
  if (!inserted) {
    if (row.request_hash !== hash)
      throw new AppError(
        "IDEMPOTENCY_CONFLICT",
        "This idempotencyKey was already used for a different event; use a new key for a new event.",
      );
    return { id: row.id, replayed: true, contact };
  }
  await deps.events.recordEvent(trx, workspaceId, {
    type: "commerce.event",
    at: now,
    data: {
      id: row.id,
      type: row.type,
      contactId: row.contact_id,
      source: row.source,
      occurredAt: new Date(occurredAt).toISOString(),
      data: input.data,
    },
  });
  return { id: row.id, replayed: false, contact };
}

/** The type must be known (built in, or registered by the workspace) and `data` must match its schema. */
export async function checkEventData(
  db: AnyDb,
  workspaceId: WorkspaceId,
  type: string,
  data: unknown,
): Promise<Record<string, unknown>> {
  const schema = await dataSchemaOf(db, workspaceId, type);
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new AppError(
      "VALIDATION_FAILED",
      `The data does not match the ${type} event's schema (GET /v1/events/types): ${summary(parsed.error)}.`,
      { details: parsed.error.issues.map((i) => ({ field: ["data", ...i.path].join("."), message: i.message })) },
    );
  if (Buffer.byteLength(JSON.stringify(parsed.data)) > MAX_DATA_BYTES)
    throw new AppError(
      "VALIDATION_FAILED",
      `The event's data is over ${MAX_DATA_BYTES / 1024} KiB of JSON; send less.`,
    );
  return parsed.data;
}

const summary = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${["data", ...i.path].join(".")}: ${i.message}`)
    .join("; ");

/** The same event sent again hashes the same whatever the order of its keys. */
function requestHash(input: Omit<CommerceEventInput, "occurredAt"> & { occurredAt: number | null }): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  const body = { type: input.type, contact: input.contact, data: input.data, occurredAt: input.occurredAt };
  return createHash("sha256")
    .update(JSON.stringify(canonical(body)))
    .digest("hex");
}
