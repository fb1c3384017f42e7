import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { messageOf } from "../api";
import { inboxApi, type Conversation } from "../inbox-api";
import { messageIdOf, STREAM_OPENED, useLiveEvents } from "../live-events";
import type { Message, MessageStatus } from "../messages-api";
import { useCoalesced, useInterval } from "../polling";
import { contactName } from "./conversation-list";
import { ConversationNotes, ConversationWork } from "./conversation-work";
import { MessageBubble } from "./message-bubble";
import { ReplyBox } from "./reply-box";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceId: string;
  conversation: Conversation;
  now: number;
  /** The conversation was marked read. */
  onRead: () => void;
  /** Its status, assignee or labels changed. */
  onChange: (conversation: Conversation) => void;
}

const RANK: Record<string, number> = {
  queued: 0,
  sending: 1,
  unknown: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 5,
  received: 0,
};

/** Ids sort by creation, as the server orders the thread; a newer copy of a message wins. */
function merge(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The messages of one conversation, both directions, kept live; the reply box under them. */
export function ConversationThread({ workspaceId, conversation, now, onRead, onChange }: Props) {
  const [showNotes, setShowNotes] = useState(false);
  const [messages, setMessages] = useState<Message[]>();
  const [error, setError] = useState<string>();
  const list = useRef<HTMLOListElement>(null);
  const latest = useRef<Message[]>([]);
  latest.current = messages ?? [];
  const { id, contact } = conversation;

  // useEffect reads `markRead` from the first render; it only needs `id`, which keys the component.
  const markRead = () => {
    if (document.visibilityState === "visible") inboxApi.markRead(id).then(onRead, () => undefined);
  };
  const loadAll = useCoalesced(() => {
    inboxApi.thread(id).then(
      (all) => setMessages((current) => merge(current ?? [], all)),
      (caught: unknown) => setError(messageOf(caught)),
    );
  }, 50);
  const loadNew = useCoalesced(() => {
    const last = latest.current.at(-1)?.id;
    inboxApi.thread(id, last).then(
      (fresh) => setMessages((current) => merge(current ?? [], fresh)),
      (caught: unknown) => setError(messageOf(caught)),
    );
  }, 150);

  useEffect(() => {
    loadAll();
    markRead();
    // Opening the conversation reads it and marks it read once; the stream brings the rest.
  }, [id, loadAll]);

  // The fallback under the live stream: new messages and statuses within this time even if an event is missed.
  useInterval(loadAll, 20_000, true);
  useLiveEvents(workspaceId, (event) => {
    if (event.type === STREAM_OPENED) return loadAll();
    if (event.type === "message.received" && event.data["conversationId"] === id) {
      loadNew();
      markRead();
    } else if (event.type === "message.queued" && event.data["to"] === contact.waId) {
      loadNew();
    } else if (event.type === "message.status") {
      const target = messageIdOf(event);
      const status = event.data["status"] as MessageStatus;
      if (status === "failed") return loadAll(); // the error comes with a re-read
      setMessages((current) =>
        current?.map((m) => (m.id === target && (RANK[status] ?? 0) > (RANK[m.status] ?? 0) ? { ...m, status } : m)),
      );
    }
  });

  // Keep the newest message in view.
  useLayoutEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages?.length]);

  return (
    <section className="thread-pane" aria-labelledby="thread-title">
      <header className="thread-head">
        <h2 id="thread-title">{contactName(conversation)}</h2>
        {/* The number beside the name, unless the name already is the number. */}
        {contactName(conversation) !== `+${contact.waId}` && contactName(conversation) !== contact.waId && (
          <span className="muted small">{/^\d+$/.test(contact.waId) ? `+${contact.waId}` : contact.waId}</span>
        )}
        <ConversationWork conversation={conversation} onChange={onChange} />
        <button className="button" type="button" aria-expanded={showNotes} onClick={() => setShowNotes(!showNotes)}>
          {t("inbox.thread.notes")}
        </button>
      </header>
      {showNotes && <ConversationNotes conversationId={id} />}
      <Alert message={error} />
      <ol
        className="thread"
        ref={list}
        aria-label={t("inbox.thread.messagesWith", { name: contactName(conversation) })}
      >
        {messages?.map((message) => (
          <MessageBubble key={message.id} message={message} conversationId={id} />
        ))}
      </ol>
      {messages === undefined && !error && <p className="muted">{t("inbox.thread.loading")}</p>}
      <ReplyBox conversation={conversation} now={now} onSent={loadNew} />
    </section>
  );
}
