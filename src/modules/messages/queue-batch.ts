import type { DialectName, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import { newId } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/http/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { marketingConsent } from "../inbox/index.js";
import type { TemplateForSend } from "../templates/index.js";
import { buildMetaMessage, givenParameterCounts, normalizeRecipient, type TemplateInput } from "./build-meta-message.js";
import { admitToReach, DAY_MS } from "./messaging-limit.js";
import { insertMessages, type MessageRow, type MessagesTables } from "./messages.repo.js";
import { insertOutbox, type OutboxRow } from "./outbox.repo.js";
import { checkParameters } from "./send-message.js";

export interface BatchRecipient {
  key: number;
  to: string;
  parameters?: TemplateInput["parameters"];
}

export type BatchResult = { key: number; messageId: string } | { key: number; skipped: string };

/**
 * The send rules of `sendMessage`, applied to a batch of template messages in the caller's
 * transaction (a campaign chunk): each recipient is queued, or skipped with the reason a single
 * send would have been refused for. The messaging limit is counted across the batch.
 */
export async function queueTemplateBatch(
  trx: Executor,
  deps: { dialect: DialectName; now: number },
  workspaceId: WorkspaceId,
  input: { phone: { id: string; messaging_limit: string | null }; template: TemplateForSend; campaignId: string; components?: unknown[]; recipients: BatchRecipient[] },
): Promise<BatchResult[]> {
  const { phone, template, now } = { ...input, now: deps.now };
  const normalized = input.recipients.map((r) => ({ ...r, waId: normalizeRecipient(r.to) }));
  const waIds = [...new Set(normalized.flatMap((r) => (r.waId ? [r.waId] : [])))];
  const consent = template.category === "MARKETING" ? await marketingConsent(trx, workspaceId, waIds) : null;
  const windows = await lastInboundByRecipient(trx, workspaceId, phone.id, waIds);

  // Every rule but the limit first, so the limit is taken only for recipients who will be sent to.
  const candidates: { r: (typeof normalized)[number] & { waId: string }; body: ReturnType<typeof buildMetaMessage>; businessInitiated: boolean }[] = [];
  const skipped = new Map<number, string>();
  for (const r of normalized) {
    if (!r.waId) {
      skipped.set(r.key, "INVALID_RECIPIENT");
      continue;
    }
    let body;
    try {
      const payload = { name: template.name, language: template.language, ...(input.components ? { components: input.components } : {}), ...(r.parameters !== undefined ? { parameters: r.parameters } : {}) };
      body = buildMetaMessage({ to: r.to, type: "template", payload });
      if (body.type === "template") checkParameters(template, givenParameterCounts(body.template));
    } catch (err) {
      skipped.set(r.key, err instanceof AppError ? err.code : "VALIDATION_FAILED");
      continue;
    }
    if (consent && consent.get(r.waId) !== true) {
      skipped.set(r.key, "RECIPIENT_OPTED_OUT");
      continue;
    }
    const last = windows.get(r.waId);
    candidates.push({ r: { ...r, waId: r.waId }, body, businessInitiated: !(last !== undefined && now - last < DAY_MS) });
  }
  const admitted = await admitToReach(trx, deps.dialect, workspaceId, phone, candidates.filter((c) => c.businessInitiated).map((c) => c.r.waId), now);

  const messages: MessageRow[] = [];
  const outbox: OutboxRow[] = [];
  const queued = new Map<number, string>();
  for (const { r, body, businessInitiated } of candidates) {
    if (businessInitiated && !admitted.has(r.waId)) {
      skipped.set(r.key, "MESSAGING_LIMIT_REACHED");
      continue;
    }
    const id = newId("msg", now);
    messages.push(templateRow(id, workspaceId, phone.id, r.waId, body, template, input.campaignId, businessInitiated, now));
    outbox.push({ message_id: id, workspace_id: workspaceId, phone_number_id: phone.id, wa_id: r.waId, campaign_id: input.campaignId, state: "ready", run_at: now, attempts: 0, lease_owner: null, lease_until: null, last_error: null });
    queued.set(r.key, id);
  }
  const results: BatchResult[] = input.recipients.map((r) => (queued.has(r.key) ? { key: r.key, messageId: queued.get(r.key)! } : { key: r.key, skipped: skipped.get(r.key)! }));
  await insertMessages(trx, messages);
  await insertOutbox(trx, outbox);
  return results;
}

async function lastInboundByRecipient(trx: Executor, workspaceId: WorkspaceId, phoneNumberId: string, waIds: string[]): Promise<Map<string, number>> {
  if (waIds.length === 0) return new Map();
  const rows = await typed<MessagesTables>(trx)
    .selectFrom("messages")
    .select(["wa_id"])
    .select((eb) => eb.fn.max("meta_timestamp").as("last"))
    .where("workspace_id", "=", workspaceId)
    .where("phone_number_id", "=", phoneNumberId)
    .where("direction", "=", "inbound")
    .where("wa_id", "in", waIds)
    .groupBy("wa_id")
    .execute();
  return new Map(rows.filter((r) => r.last !== null).map((r) => [r.wa_id, Number(r.last)]));
}

function templateRow(id: string, workspaceId: string, phoneNumberId: string, waId: string, body: unknown, t: TemplateForSend, campaignId: string, businessInitiated: boolean, now: number): MessageRow {
  return {
    id, workspace_id: workspaceId, direction: "outbound", phone_number_id: phoneNumberId, wa_id: waId, type: "template",
    content: JSON.stringify(body), status: "queued", status_rank: 0, wamid: null, context_wamid: null, campaign_id: campaignId,
    template_name: t.name, template_language: t.language, template_category: t.category, business_initiated: businessInitiated ? 1 : 0,
    idempotency_key: null, request_hash: null, error_code: null, error_message: null, meta_error_code: null, meta_error_title: null,
    fbtrace_id: null, meta_timestamp: null, created_at: now, updated_at: now,
  };
}
