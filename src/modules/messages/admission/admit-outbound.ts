import { newId } from "../../../platform/crypto/index.js";
import type { DialectName, Executor } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { noteOutboundMessage } from "../../inbox/index.js";
import { insertMessages, insertMessagesIfNew, newMessageRow, type MessageRow } from "../messages.repo.js";
import { insertOutbox, type OutboxRow } from "../outbox.repo.js";
import { loadFacts } from "./facts.js";
import type { Admission, Candidate, OutboundIntent } from "./intent.js";
import type { SendRule } from "./rule.js";
import { SEND_RULES } from "./rules.js";
import { windowOpen } from "./rules/customer-window.js";

/**
 * The one admission path of every outbound message (single sends through the group commit,
 * campaign chunks, next automations): applies each send rule once to the whole batch, then writes
 * the admitted messages with their outbox rows in the caller's transaction, so an admitted message
 * cannot be lost and a refused one takes nothing.
 */
export async function admitOutbound(
  trx: Executor,
  deps: { dialect: DialectName; rules?: readonly SendRule[] },
  intents: OutboundIntent[],
): Promise<Admission[]> {
  const missing = intents.filter((i) => i.facts === undefined);
  const loaded = missing.length > 0 ? await loadFacts(trx, missing) : [];
  const loadedFor = new Map(missing.map((intent, n) => [intent, loaded[n]!]));
  const candidates: Candidate[] = intents.map((intent) => {
    const facts = intent.facts ?? loadedFor.get(intent)!;
    return {
      intent,
      facts,
      businessInitiated: intent.template !== null && !windowOpen(facts, intent.now),
      refusal: null,
    };
  });
  for (const rule of deps.rules ?? SEND_RULES) {
    const open = candidates.filter((c) => c.refusal === null);
    if (open.length === 0) break;
    await rule.apply(trx, deps, open);
  }

  const admitted = candidates.filter((c) => c.refusal === null);
  const rows = admitted.map((c) => messageRow(c));
  // Only a row with an idempotency key can be turned away by the unique index; without one the cheaper plain insert.
  const inserted = rows.some((r) => r.idempotency_key !== null)
    ? await insertMessagesIfNew(trx, rows)
    : (await insertMessages(trx, rows), new Set(rows.map((r) => r.id)));
  const written = rows.filter((r) => inserted.has(r.id));
  await noteConversations(
    trx,
    written.filter((r) => r.campaign_id === null),
  );
  await insertOutbox(trx, written.map(outboxRow));

  const byIntent = new Map(admitted.map((c, n) => [c.intent, rows[n]!]));
  return candidates.map((c): Admission => {
    if (c.refusal) return { kind: "refused", error: c.refusal };
    const row = byIntent.get(c.intent)!;
    return inserted.has(row.id) ? { kind: "admitted", message: row } : { kind: "duplicate" };
  });
}

/**
 * A conversation the business starts shows in the inbox, and replies keep it current. Keyed and
 * sorted, so two batches touch conversation rows in the same order. (Campaign messages are not
 * noted here, as before the pipeline was shared.)
 */
async function noteConversations(trx: Executor, rows: MessageRow[]): Promise<void> {
  const conversations = new Map<
    string,
    { workspaceId: WorkspaceId; phoneNumberId: string; waId: string; at: number }
  >();
  for (const row of rows) {
    const key = `${row.workspace_id}\u0000${row.phone_number_id}\u0000${row.wa_id}`;
    const at = Math.max(conversations.get(key)?.at ?? 0, row.created_at);
    conversations.set(key, {
      workspaceId: row.workspace_id as WorkspaceId,
      phoneNumberId: row.phone_number_id,
      waId: row.wa_id,
      at,
    });
  }
  for (const key of [...conversations.keys()].sort()) {
    const c = conversations.get(key)!;
    await noteOutboundMessage(trx, c.workspaceId, { phoneNumberId: c.phoneNumberId, waId: c.waId, at: c.at });
  }
}

function messageRow({ intent: i, businessInitiated }: Candidate): MessageRow {
  const t = i.template;
  return newMessageRow({
    id: newId("msg", i.now),
    workspace_id: i.workspaceId,
    direction: "outbound",
    phone_number_id: i.phone.id,
    wa_id: i.waId,
    type: i.body.type,
    content: JSON.stringify(i.body),
    status: "queued",
    status_rank: 0,
    context_wamid: i.contextWamid,
    campaign_id: i.campaignId,
    template_name: t?.name ?? null,
    template_language: t?.language ?? null,
    template_category: t?.category ?? null,
    business_initiated: businessInitiated ? 1 : 0,
    idempotency_key: i.idempotencyKey,
    request_hash: i.requestHash,
    created_at: i.now,
  });
}

const outboxRow = (row: MessageRow): OutboxRow => ({
  message_id: row.id,
  workspace_id: row.workspace_id,
  phone_number_id: row.phone_number_id,
  wa_id: row.wa_id,
  campaign_id: row.campaign_id,
  state: "ready",
  run_at: row.created_at,
  attempts: 0,
  lease_owner: null,
  lease_until: null,
  last_error: null,
});
