import { createHash } from "node:crypto";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import type { EventBus } from "../../platform/events.js";
import type { JobQueue } from "../../platform/jobs/index.js";
import { AppError } from "../../platform/http/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, getActivePhoneNumber } from "../connection/index.js";
import { marketingConsent } from "../inbox/index.js";
import { getTemplateForSend } from "../templates/index.js";
import { buildMetaMessage, givenParameterCounts, normalizeRecipient, type MessageType } from "./build-meta-message.js";
import { DAY_MS } from "./messaging-limit.js";
import { findByIdempotencyKey, findMessage, lastInboundAt, type MessageRow } from "./messages.repo.js";
import type { OutboundWriter } from "./write-outbound.js";

export interface SendDeps {
  db: AnyDb;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  templates: any;
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

const hashOf = (input: SendInput) => createHash("sha256").update(JSON.stringify([input.from, input.to, input.type, input.payload, input.replyTo ?? null])).digest("base64url");

/**
 * The one path every outbound message takes (API, agent replies; campaigns use the same checks in
 * bulk). Everything Meta would bounce is refused here first; the message and its dispatch row are
 * written in one transaction (shared with concurrent sends), so an accepted message cannot be lost.
 */
export async function sendMessage(deps: SendDeps, workspaceId: WorkspaceId, input: SendInput): Promise<{ message: MessageRow; replayed: boolean }> {
  const requestHash = hashOf(input);
  if (input.idempotencyKey) {
    const existing = await findByIdempotencyKey(deps.db, workspaceId, input.idempotencyKey);
    if (existing) return sameOrConflict(existing, requestHash);
  }
  const waId = normalizeRecipient(input.to);
  const phone = await getActivePhoneNumber(deps, workspaceId, input.from);
  const context = input.replyTo ? await resolveReplyTo(deps.db, workspaceId, input.replyTo) : null;
  const body = buildMetaMessage({ to: input.to, type: input.type, payload: input.payload, contextWamid: context });
  const connection = await findConnection(deps.db, workspaceId);
  if (connection?.status === "needs_reconnect") throw new AppError("CONNECTION_NEEDS_RECONNECT", "The Meta access token expired or was revoked; reconnect WhatsApp in Settings. Messages already queued are kept and sent after the reconnect.");
  if (connection?.status !== "connected") throw new AppError("NOT_CONNECTED", "Connect a WhatsApp Business Account first (Settings → WhatsApp Connection).");

  const now = deps.clock.now();
  const last = await lastInboundAt(deps.db, workspaceId, phone.id, waId!);
  const windowOpen = last !== null && now - last < DAY_MS;
  let template: { name: string; language: string; category: string } | null = null;
  if (body.type !== "template") {
    if (!windowOpen) throw new AppError("WINDOW_CLOSED", `The 24-hour window with ${input.to} is closed (they have not written in the last 24 hours); send an approved template instead.`);
  } else {
    const t = await getTemplateForSend(deps.templates, workspaceId, { name: body.template.name, language: body.template.language.code });
    checkParameters(t, givenParameterCounts(body.template));
    if (t.category === "MARKETING") {
      const consent = (await marketingConsent(deps.db, workspaceId, [waId!])).get(waId!);
      if (consent !== true) throw new AppError("RECIPIENT_OPTED_OUT", `${input.to} has ${consent === false ? "opted out of" : "not opted in to"} marketing messages; record their consent with PUT /v1/contacts/${waId} first.`);
    }
    template = { name: t.name, language: t.language, category: t.category };
  }
  const businessInitiated = template !== null && !windowOpen;

  const row: MessageRow = {
    id: newId("msg", now),
    workspace_id: workspaceId,
    direction: "outbound",
    phone_number_id: phone.id,
    wa_id: waId!,
    type: body.type,
    content: JSON.stringify(body),
    status: "queued",
    status_rank: 0,
    wamid: null,
    context_wamid: context,
    campaign_id: null,
    template_name: template?.name ?? null,
    template_language: template?.language ?? null,
    template_category: template?.category ?? null,
    business_initiated: businessInitiated ? 1 : 0,
    idempotency_key: input.idempotencyKey ?? null,
    request_hash: requestHash,
    error_code: null,
    error_message: null,
    meta_error_code: null,
    meta_error_title: null,
    fbtrace_id: null,
    meta_timestamp: null,
    created_at: now,
    updated_at: now,
  };
  const written = await deps.writer.write({ row, phone });
  if (written.kind === "refused") throw written.error;
  if (written.kind === "error") throw written.error;
  if (written.kind === "duplicate") {
    // Two requests with the same key at once: the unique index let one in; answer the other like a replay.
    const existing = input.idempotencyKey ? await findByIdempotencyKey(deps.db, workspaceId, input.idempotencyKey) : null;
    if (!existing) throw new Error(`message ${row.id} was neither written nor found by its idempotency key`);
    return sameOrConflict(existing, requestHash);
  }
  deps.jobs.poke();
  // Committed by the writer already; dashboard-only, so no endpoint lookup on the send path.
  await deps.events.recordEvent(deps.db, workspaceId, { type: "message.queued", at: now, data: { id: row.id, to: waId! } });
  return { message: row, replayed: false };
}

function sameOrConflict(existing: MessageRow, requestHash: string): { message: MessageRow; replayed: boolean } {
  if (existing.request_hash !== requestHash) throw new AppError("IDEMPOTENCY_CONFLICT", "This Idempotency-Key was already used with a different request body; use a new key for a new message.");
  return { message: existing, replayed: true };
}

async function resolveReplyTo(db: AnyDb, workspaceId: WorkspaceId, replyTo: string): Promise<string> {
  if (!replyTo.startsWith("msg_")) return replyTo;
  const m = await findMessage(db, workspaceId, replyTo);
  if (!m?.wamid) throw new AppError("VALIDATION_FAILED", `replyTo: message ${replyTo} was not found or has no WhatsApp id yet.`);
  return m.wamid;
}

export function checkParameters(
  t: { name: string; language: string; bodyParameterCount: number; headerParameterCount: number; buttonParameterCounts: number[] },
  given: { header: number; body: number; buttons: Map<number, number> },
): void {
  const wrong: string[] = [];
  if (given.body !== t.bodyParameterCount) wrong.push(`body takes ${t.bodyParameterCount} parameter(s), ${given.body} given`);
  if (given.header !== t.headerParameterCount) wrong.push(`header takes ${t.headerParameterCount}, ${given.header} given`);
  t.buttonParameterCounts.forEach((n, i) => {
    if ((given.buttons.get(i) ?? 0) !== n) wrong.push(`button ${i} takes ${n}, ${given.buttons.get(i) ?? 0} given`);
  });
  if (wrong.length > 0) throw new AppError("TEMPLATE_PARAMETERS_MISMATCH", `Template "${t.name}" (${t.language}): ${wrong.join("; ")}.`);
}
