import { hash } from "node:crypto";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { EventBus } from "../../platform/events.js";
import type { JobQueue } from "../../platform/jobs/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { getActivePhoneNumberAndConnection } from "../connection/index.js";
import { getTemplateForSend, type TemplatesDeps } from "../templates/index.js";
import { connectionRefusal, loadFacts, type OutboundIntent } from "./admission/index.js";
import { buildMetaMessage, normalizeRecipient, type MessageType } from "./build-meta-message.js";
import { findMessage, type MessageRow } from "./messages.repo.js";
import type { OutboundWriter } from "./write-outbound.js";

export interface SendDeps {
  db: AnyDb;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  /** What template lookups need (a template missing locally is fetched from Meta). */
  templates: TemplatesDeps;
  /** Group-commits the accepted messages (write-outbound.ts). */
  writer: OutboundWriter;
}

export interface SendInput {
  from: string;
  to: string;
  type: MessageType;
  payload: unknown;
  replyTo?: string | null;
  idempotencyKey?: string | null;
}

const hashOf = (input: SendInput) =>
  hash("sha256", JSON.stringify([input.from, input.to, input.type, input.payload, input.replyTo ?? null]), "base64url");

/**
 * A single outbound message (API, agent replies): its body is built and checked for shape here,
 * then it goes through the admission pipeline every outbound message takes (`admission/`), in a
 * transaction shared with concurrent sends, so an accepted message cannot be lost.
 */
export async function sendMessage(
  deps: SendDeps,
  workspaceId: WorkspaceId,
  input: SendInput,
): Promise<{ message: MessageRow; replayed: boolean }> {
  const requestHash = hashOf(input);
  if (input.idempotencyKey) {
    const existing = await findMessage(deps.db, workspaceId, { idempotencyKey: input.idempotencyKey });
    if (existing) return sameOrConflict(existing, requestHash);
  }
  const waId = normalizeRecipient(input.to);
  const { phone, connectionStatus } = await getActivePhoneNumberAndConnection(deps, workspaceId, input.from);
  const context = input.replyTo ? await resolveReplyTo(deps.db, workspaceId, input.replyTo) : null;
  const body = buildMetaMessage({ to: input.to, type: input.type, payload: input.payload, contextWamid: context });
  const refusal = connectionRefusal(connectionStatus === null ? null : { status: connectionStatus });
  if (refusal) throw refusal;

  const template =
    body.type === "template"
      ? await getTemplateForSend(deps.templates, workspaceId, {
          name: body.template.name,
          language: body.template.language.code,
        })
      : null;
  const intent: OutboundIntent = {
    workspaceId,
    phone,
    to: input.to,
    waId: waId!,
    body,
    template,
    campaignId: null,
    contextWamid: context,
    idempotencyKey: input.idempotencyKey ?? null,
    requestHash,
    now: deps.clock.now(),
  };
  // The reads the rules need happen here, outside the shared transaction, as the hot queries they were.
  [intent.facts] = await loadFacts(deps.db, [intent]);
  const written = await deps.writer.write(intent);
  if (written.kind === "refused") throw written.error;
  if (written.kind === "error") throw written.error;
  if (written.kind === "duplicate") {
    // Two requests with the same key at once: the unique index let one in; answer the other like a replay.
    const existing = input.idempotencyKey
      ? await findMessage(deps.db, workspaceId, { idempotencyKey: input.idempotencyKey })
      : null;
    if (!existing) throw new Error(`a message to ${waId} was neither written nor found by its idempotency key`);
    return sameOrConflict(existing, requestHash);
  }
  deps.jobs.pokeOutbox();
  // `message.queued` was recorded (and committed) with the message by the writer.
  return { message: written.message, replayed: false };
}

function sameOrConflict(existing: MessageRow, requestHash: string): { message: MessageRow; replayed: boolean } {
  if (existing.request_hash !== requestHash)
    throw new AppError(
      "IDEMPOTENCY_CONFLICT",
      "This Idempotency-Key was already used with a different request body; use a new key for a new message.",
    );
  return { message: existing, replayed: true };
}

async function resolveReplyTo(db: AnyDb, workspaceId: WorkspaceId, replyTo: string): Promise<string> {
  if (!replyTo.startsWith("msg_")) return replyTo;
  const m = await findMessage(db, workspaceId, replyTo);
  if (!m?.wamid)
    throw new AppError("VALIDATION_FAILED", `replyTo: message ${replyTo} was not found or has no WhatsApp id yet.`);
  return m.wamid;
}
