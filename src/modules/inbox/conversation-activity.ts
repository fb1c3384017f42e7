import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyConsent, upsertInboundContacts } from "./contacts.repo.js";
import {
  markConversationRowRead,
  upsertInboundConversations,
  upsertOutboundConversation,
} from "./conversations.repo.js";
import { recordInboundMedia } from "./inbound-media.repo.js";
import { consentKeywordOf } from "./contacts/consent-keywords.js";
import { mediaOf } from "./inbound-content.js";

/** Meta's customer service window: 24 hours from the customer's last message. */
export const WINDOW_MS = 24 * 60 * 60_000;

export interface InboundActivity {
  /** Ours (pn_...) and Meta's id of the number the customer wrote to. */
  phoneNumberId: string;
  metaPhoneNumberId: string;
  waId: string;
  /** Meta's contacts[].profile.name, when the webhook carried one. */
  profileName: string | null;
  wamid: string;
  type: string;
  /** Meta's message object. */
  content: unknown;
  /** Meta's timestamp, ms. */
  timestamp: number;
}

/**
 * What new inbound messages change in the inbox, in the webhook processor's transaction: the
 * contact and its profile name, the conversation (last message, unread count, the 24-hour window),
 * media the workspace may later fetch, and an opt-out when the customer writes STOP. The contacts
 * and conversations of a whole batch are written together (`upsertInboundContacts`,
 * `upsertInboundConversations`: as if one by one, in fewer statements). Call it once per stored
 * message (recordInboundMessages' `created`), so counts stay exact. One result per message, in order.
 */
export async function noteInboundMessages(
  trx: Executor,
  deps: { clock: Clock },
  messages: ReadonlyArray<InboundActivity & { workspaceId: WorkspaceId }>,
): Promise<Array<{ conversationId: string; optedOut: boolean }>> {
  if (messages.length === 0) return [];
  const now = deps.clock.now();
  await upsertInboundContacts(
    trx,
    messages.map((m) => ({
      workspaceId: m.workspaceId,
      waId: m.waId,
      profileName: m.profileName,
      at: m.timestamp,
      now,
    })),
  );
  const conversationIds = await upsertInboundConversations(
    trx,
    messages.map((m) => ({
      workspaceId: m.workspaceId,
      phoneNumberId: m.phoneNumberId,
      waId: m.waId,
      at: m.timestamp,
      // A system notice (the customer changed number) is Meta talking, not the customer: no window.
      windowExpiresAt: m.type !== "system" ? m.timestamp + WINDOW_MS : null,
      now,
    })),
  );
  const out: Array<{ conversationId: string; optedOut: boolean }> = [];
  for (const [i, m] of messages.entries()) {
    const media = mediaOf(m.type, m.content);
    if (media)
      await recordInboundMedia(trx, m.workspaceId, {
        ...media,
        meta_phone_number_id: m.metaPhoneNumberId,
        wamid: m.wamid,
        created_at: now,
      });
    // STOP / START keywords of the workspace (per language, configurable; contacts/consent-keywords.ts).
    const keyword = await consentKeywordOf(trx, m.workspaceId, m.type, m.content);
    const changed =
      keyword !== null &&
      (await applyConsent(trx, m.workspaceId, {
        waId: m.waId,
        optIn: keyword === "start",
        source: keyword === "stop" ? "stop_keyword" : "start_keyword",
        at: endOfSecond(m.timestamp),
        now,
      }));
    out.push({ conversationId: conversationIds[i]!, optedOut: changed && keyword === "stop" });
  }
  return out;
}

/**
 * Meta's times have whole seconds and ours milliseconds: a customer's choice counts from the end of
 * its second, so a STOP sent in the same second as an opt-in recorded through the API wins (the
 * safe reading for consent).
 */
const endOfSecond = (ms: number) => Math.floor(ms / 1000) * 1000 + 999;

/** Meta's user_preferences webhook: the customer stopped or resumed marketing messages in WhatsApp itself. */
export async function noteMarketingPreference(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  input: { waId: string; optIn: boolean; at: number },
): Promise<boolean> {
  return applyConsent(trx, workspaceId, {
    ...input,
    at: endOfSecond(input.at),
    source: "user_preferences",
    now: deps.clock.now(),
  });
}

/** Keeps the conversation's lastMessageAt current for a message we send; one statement, cheap enough per recipient. */
export async function noteOutboundMessage(
  executor: Executor,
  workspaceId: WorkspaceId,
  input: { phoneNumberId: string; waId: string; at: number },
): Promise<void> {
  await upsertOutboundConversation(executor, workspaceId, { id: newId("con", input.at), ...input });
}

/** The agent has seen the conversation: its unread count goes to 0. Throws NOT_FOUND for another workspace's id. */
export async function markConversationRead(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  conversationId: string,
  now: number,
): Promise<void> {
  if (!(await markConversationRowRead(db, workspaceId, conversationId, now))) throw notFound("The conversation");
}
