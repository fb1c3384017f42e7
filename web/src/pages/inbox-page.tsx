import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { inboxApi, type Conversation } from "../inbox-api";
import { STREAM_OPENED, useLiveEvents } from "../live-events";
import { useCoalesced, useInterval, useLatest, useNow } from "../polling";
import { hrefWith, useHashParams } from "../router";
import { ConversationList } from "./conversation-list";
import { ConversationThread } from "./conversation-thread";
import { usePageTitle } from "./feature-page";
import { MessageDetail } from "./message-detail";

/** How often the list is re-read whatever the live stream says (docs/ARCHITECTURE.md, live events). */
const FALLBACK_POLL_MS = 20_000;

interface Props {
  workspaceId: string;
  workspaceName: string;
}

/**
 * Conversations on the left, the open one on the right (`#/inbox?conversation=con_…`). New
 * messages and status changes arrive through the live event stream, without a reload; a slow poll
 * is the fallback.
 */
export function InboxPage({ workspaceId, workspaceName }: Props) {
  usePageTitle("Inbox", workspaceName);
  const params = useHashParams();
  const selectedId = params.get("conversation") ?? undefined;
  const messageId = params.get("message") ?? undefined;
  const now = useNow(30_000);
  const [conversations, setConversations] = useState<Conversation[]>();
  const [opened, setOpened] = useState<Conversation>();
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  const load = useLatest(
    inboxApi.conversations,
    (list) => (setConversations(list), setError(undefined)),
    (caught) => setError(messageOf(caught)),
  );
  const refresh = useCoalesced(() => void load(), 250);
  useEffect(() => void load(), [load]);
  // The fallback under the live stream: a missed event is made good within this time.
  useInterval(() => void load(), FALLBACK_POLL_MS, true);
  useLiveEvents(workspaceId, (event) => {
    if (event.type === "message.received") {
      const { conversationId, preview } = event.data;
      if (typeof conversationId === "string" && typeof preview === "string")
        setPreviews((p) => ({ ...p, [conversationId]: preview }));
      refresh();
    } else if (event.type === "message.queued" || event.type === STREAM_OPENED) {
      refresh();
    }
  });

  // A conversation opened by its address may be older than the first page of the list.
  const listed = conversations?.find((c) => c.id === selectedId);
  useEffect(() => {
    if (!selectedId || !conversations || listed) return;
    inboxApi.conversation(selectedId).then(setOpened, (caught: unknown) => setError(messageOf(caught)));
  }, [selectedId, conversations, listed]);
  const selected = listed ?? (opened?.id === selectedId ? opened : undefined);
  const markedRead = (id: string) =>
    setConversations((list) => list?.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c)));

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <h1 id="page-title">Inbox</h1>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="inbox card">
        <nav className="inbox-list" aria-label="Conversations">
          {conversations ? (
            <ConversationList conversations={conversations} selectedId={selectedId} previews={previews} now={now} />
          ) : (
            !error && <p className="muted inbox-empty">Loading the conversations…</p>
          )}
        </nav>
        {selected ? (
          <ConversationThread
            key={selected.id}
            workspaceId={workspaceId}
            conversation={selected}
            now={now}
            onRead={() => markedRead(selected.id)}
          />
        ) : (
          <p className="muted thread-empty">
            {conversations?.length ? "Choose a conversation to read it and reply." : ""}
          </p>
        )}
      </div>
      {messageId && selectedId && (
        <MessageDetail
          key={messageId}
          workspaceId={workspaceId}
          messageId={messageId}
          closeHref={hrefWith("inbox", { conversation: selectedId })}
        />
      )}
    </section>
  );
}
