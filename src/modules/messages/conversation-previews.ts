import type { AnyDb } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { containsPattern } from "../../platform/db/index.js";
import { previewOf, type Conversation } from "../inbox/index.js";
import { conversationKeysWithText, latestMessagesOf } from "./messages.repo.js";

export interface LastMessage {
  id: string;
  direction: "inbound" | "outbound";
  type: string;
  /** One line: the words, a caption, a template's name, or `[image]`. */
  preview: string;
  status: string;
  at: number;
}

/** Each conversation with its newest message, for the inbox list (one indexed lookup each). */
export async function withLastMessages(
  db: AnyDb,
  workspaceId: WorkspaceId,
  conversations: Conversation[],
): Promise<Array<Conversation & { lastMessage: LastMessage | null }>> {
  const latest = await latestMessagesOf(db, workspaceId, conversations);
  const byKey = new Map(latest.map((m) => [`${m.phone_number_id} ${m.wa_id}`, m]));
  return conversations.map((c) => {
    const m = byKey.get(`${c.phoneNumberId} ${c.waId}`);
    if (!m) return { ...c, lastMessage: null };
    const content: unknown = JSON.parse(m.content);
    const preview =
      m.type === "template" && m.template_name ? `Template: ${m.template_name}` : previewOf(m.type, content);
    return {
      ...c,
      lastMessage: {
        id: m.id,
        direction: m.direction === "inbound" ? "inbound" : "outbound",
        type: m.type,
        preview,
        status: m.status,
        at: Number(m.created_at),
      },
    };
  });
}

/** The conversations (at most 200) with a message whose words hold `text`, for the inbox search. */
export async function conversationsWithWords(db: AnyDb, workspaceId: WorkspaceId, text: string) {
  return conversationKeysWithText(db, workspaceId, containsPattern(text.toLowerCase()), 200);
}
