import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { applyConsent, upsertInboundContact } from "./contacts.repo.js";
import {
  markConversationRowRead,
  upsertInboundConversation,
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
 * What a new inbound message changes in the inbox, in the webhook processor's transaction: the
 * contact and its profile name, the conversation (last message, unread count, the 24-hour window),
 * media the workspace may later fetch, and an opt-out when the customer writes STOP.
 * Call it once per stored message (recordInboundMessage's `created`), so counts stay exact.
 */
export async function noteInboundMessage(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  m: InboundActivity,
): Promise<{ conversationId: string; optedOut: boolean }> {
  const now = deps.clock.now();
  await upsertInboundContact(trx, workspaceId, { waId: m.waId, profileName: m.profileName, at: m.timestamp, now });
  // A system notice (the customer changed number) is Meta talking, not the customer: no window.
  const opensWindow = m.type !== "system";
  const conversationId = await upsertInboundConversation(trx, workspaceId, {
    id: newId("con", now),
    phoneNumberId: m.phoneNumberId,
    waId: m.waId,
    at: m.timestamp,
    windowExpiresAt: opensWindow ? m.timestamp + WINDOW_MS : null,
    now,
  });
  const media = mediaOf(m.type, m.content);
  if (media)
    await recordInboundMedia(trx, workspaceId, {
      ...media,
      meta_phone_number_id: m.metaPhoneNumberId,
      wamid: m.wamid,
      created_at: now,
    });
  // STOP / START keywords of the workspace (per language, configurable; contacts/consent-keywords.ts).
  const keyword = await consentKeywordOf(trx, workspaceId, m.type, m.content);
  const changed =
    keyword !== null &&
    (await applyConsent(trx, workspaceId, {
      waId: m.waId,
      optIn: keyword === "start",
      source: keyword === "stop" ? "stop_keyword" : "start_keyword",
      at: endOfSecond(m.timestamp),
      now,
    }));
  return { conversationId, optedOut: changed && keyword === "stop" };
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
