import type { Conversation } from "../inbox-api";
import { windowOpen } from "../inbox-api";
import { hrefWith } from "../router";

interface Props {
  conversations: Conversation[];
  selectedId: string | undefined;
  /** The latest inbound text per conversation, as the live stream brought it. */
  previews: Record<string, string>;
  now: number;
}

export const contactName = (c: Conversation) => c.contact.name ?? `+${c.contact.waId}`;

function when(iso: string, now: number): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date(now).toDateString();
  return sameDay
    ? at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : at.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** Conversations, most recent first: who, when, unread count and whether the window is open. */
export function ConversationList({ conversations, selectedId, previews, now }: Props) {
  if (conversations.length === 0) {
    return (
      <p className="muted inbox-empty">
        No conversations yet. They start when a customer writes to one of your numbers.
      </p>
    );
  }
  return (
    <ul className="conversations">
      {conversations.map((c) => {
        const selected = c.id === selectedId;
        const unread = selected ? 0 : c.unreadCount;
        return (
          <li key={c.id}>
            <a
              className="conversation"
              href={hrefWith("inbox", { conversation: c.id })}
              aria-current={selected ? "true" : undefined}
            >
              <span className="conversation-top">
                <span className="conversation-name">{contactName(c)}</span>
                <span className="conversation-time">{when(c.lastMessageAt, now)}</span>
              </span>
              <span className="conversation-bottom">
                <span className="conversation-preview">
                  {previews[c.id] ?? (windowOpen(c, now) ? "Window open" : "Window closed")}
                </span>
                {unread > 0 && (
                  <span className="unread" aria-label={`${unread} unread`}>
                    {unread}
                  </span>
                )}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
