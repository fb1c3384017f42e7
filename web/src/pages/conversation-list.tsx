import { t, locale } from "../i18n";
import type { Conversation } from "../inbox-api";
import { windowOpen } from "../inbox-api";
import { hrefWith } from "../router";
import { VirtualList } from "./virtual-list";

/** One row of the list: name and time, then the preview line (styles/inbox.css fits `.conversation` to it). */
const ROW_REM = 4.25;

interface Props {
  conversations: Conversation[];
  selectedId: string | undefined;
  /** The latest inbound text per conversation, as the live stream brought it. */
  previews: Record<string, string>;
  now: number;
  /** A search or filter is on: an empty list says so. */
  filtered?: boolean;
  /** Older conversations can still be loaded. */
  hasMore?: boolean;
  /** The list was scrolled near its end: load the next page. */
  onNearEnd?: () => void;
}

/** The name, else the username, else the phone; a customer known only by a business-scoped user id shows it as Meta gave it. */
export const contactName = (c: Conversation): string => {
  const { name, username, waId } = c.contact;
  if (name) return name;
  if (username) return username.startsWith("@") ? username : `@${username}`;
  return /^\d+$/.test(waId) ? `+${waId}` : waId;
};

function when(iso: string, now: number): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date(now).toDateString();
  return sameDay
    ? at.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" })
    : at.toLocaleDateString(locale(), { dateStyle: "medium" });
}

/** The newest message in one line ("You: " before ours); before any, the window's state. */
function previewLine(c: Conversation, live: string | undefined, now: number): string {
  if (live !== undefined) return live;
  if (c.lastMessage)
    return c.lastMessage.direction === "outbound"
      ? t("inbox.list.you", { text: c.lastMessage.preview })
      : c.lastMessage.preview;
  return windowOpen(c, now) ? t("inbox.list.windowOpen") : t("inbox.list.windowClosed");
}

/**
 * Conversations, most recent first: who, when, unread count and whether the window is open. Only
 * the rows in view are drawn (VirtualList); scrolling near the end asks for the next page.
 */
export function ConversationList({
  conversations,
  selectedId,
  previews,
  now,
  filtered = false,
  hasMore = false,
  onNearEnd,
}: Props) {
  if (conversations.length === 0) {
    return <p className="muted inbox-empty">{filtered ? t("inbox.list.noMatch") : t("inbox.list.empty")}</p>;
  }
  return (
    <VirtualList
      className="conversations"
      items={conversations}
      keyOf={(c) => c.id}
      rowHeightRem={ROW_REM}
      selectedKey={selectedId}
      hasMore={hasMore}
      onNearEnd={onNearEnd}
      renderRow={(c, tabIndex) => {
        const selected = c.id === selectedId;
        const unread = selected ? 0 : c.unreadCount;
        return (
          <a
            className="conversation"
            href={hrefWith("inbox", { conversation: c.id })}
            aria-current={selected ? "true" : undefined}
            tabIndex={tabIndex}
          >
            <span className="conversation-top">
              <span className="conversation-name">{contactName(c)}</span>
              <span className="conversation-time">{when(c.lastMessageAt, now)}</span>
            </span>
            <span className="conversation-bottom">
              <span className="conversation-preview">{previewLine(c, previews[c.id], now)}</span>
              {c.status !== "open" && <span className={`status-tag ${c.status}`}>{c.status}</span>}
              {unread > 0 && (
                <span className="unread" aria-label={`${unread} unread`}>
                  {unread}
                </span>
              )}
            </span>
          </a>
        );
      }}
    />
  );
}
