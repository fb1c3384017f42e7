import { useEffect, useRef, useState } from "react";
import { messageOf } from "../api";
import { t } from "../i18n";
import { inboxApi, type Conversation, type ConversationFilter, type ConversationPage } from "../inbox-api";
import { STREAM_OPENED, useLiveEvents } from "../live-events";
import { useCoalesced, useInterval, useLatest, useNow } from "../polling";
import { hrefWith, useHashParams } from "../router";
import { CannedRepliesManager } from "./canned-replies-manager";
import { ConversationFilters } from "./conversation-filters";
import { ContactCard } from "./contact-card";
import { ConversationList } from "./conversation-list";
import { ConversationThread } from "./conversation-thread";
import { usePageTitle } from "./feature-page";
import { MessageDetail } from "./message-detail";
import { NewConversation } from "./new-conversation";
import { NotificationToggle } from "./notification-toggle";
import { ShortcutsHelp, useInboxShortcuts } from "./inbox-shortcuts";
import { Alert } from "./alert";

/** How often the list is re-read whatever the live stream says (docs/ARCHITECTURE.md, live events). */
const FALLBACK_POLL_MS = 20_000;

interface Props {
  workspaceId: string;
  workspaceName: string;
  canManage?: boolean;
}

/**
 * Conversations on the left, the open one on the right (`#/inbox?conversation=con_…`). New
 * messages and status changes arrive through the live event stream, without a reload; a slow poll
 * is the fallback.
 */
export function InboxPage({ workspaceId, workspaceName, canManage = false }: Props) {
  usePageTitle("Inbox", workspaceName);
  const params = useHashParams();
  const selectedId = params.get("conversation") ?? undefined;
  const messageId = params.get("message") ?? undefined;
  const now = useNow(30_000);
  const [conversations, setConversations] = useState<Conversation[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadingMoreRef = useRef(false);
  const [filter, setFilter] = useState<ConversationFilter>({});
  const filterRef = useRef(filter);
  const extended = useRef(false);
  filterRef.current = filter;
  const [opened, setOpened] = useState<Conversation>();
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [helping, setHelping] = useState(false);

  // A re-read brings the first page afresh; what "Load more" added after it stays below it.
  const load = useLatest(
    () => inboxApi.conversations(filterRef.current),
    (page: ConversationPage) => {
      setConversations((current) => mergeFirstPage(current, page.data));
      // Once older pages were added, their cursor goes on; before that, the first page's.
      if (!extended.current) setNextCursor(page.nextCursor);
      setPreviews({});
      setError(undefined);
    },
    (caught) => setError(messageOf(caught)),
  );
  // Scrolling near the end and the button both ask; one page is fetched at a time.
  const loadMore = async () => {
    if (!nextCursor || loadingMoreRef.current) return;
    loadingMoreRef.current = true;
    setLoadingMore(true);
    const asked = filterRef.current;
    try {
      const page = await inboxApi.conversations(asked, nextCursor);
      // The filter changed meanwhile: this page belongs to the old list.
      if (filterRef.current !== asked) return;
      setConversations((current) => appendPage(current ?? [], page.data));
      extended.current = true;
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      loadingMoreRef.current = false;
      setLoadingMore(false);
    }
  };
  const changeFilter = (next: ConversationFilter) => {
    setFilter(next);
    filterRef.current = next;
    setConversations(undefined);
    setNextCursor(null);
    extended.current = false;
    void load();
  };
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
  const markedRead = (id: string) => {
    setConversations((list) => list?.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c)));
    window.dispatchEvent(new Event("wharf:conversation-read"));
  };
  const changed = (c: Conversation) => {
    setConversations((list) => list?.map((x) => (x.id === c.id ? c : x)));
    setOpened(c);
  };
  useInboxShortcuts({
    conversations,
    selectedId,
    onResolve: (c) =>
      void inboxApi
        .update(c.id, { status: "resolved" })
        .then(changed, (caught: unknown) => setError(messageOf(caught))),
    onHelp: () => setHelping((open) => !open),
  });

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="inbox-head">
        <h1 id="page-title">{t("page.inbox")}</h1>
        <div className="inbox-head-actions">
          <NotificationToggle />
          <button className="button" type="button" aria-expanded={helping} onClick={() => setHelping((open) => !open)}>
            {t("inbox.keys.button")}
          </button>
          <button
            className="button primary"
            type="button"
            aria-expanded={starting}
            onClick={() => setStarting((open) => !open)}
          >
            {t("inbox.new.button")}
          </button>
        </div>
      </div>
      {helping && <ShortcutsHelp onClose={() => setHelping(false)} />}
      {starting && <NewConversation onClose={() => setStarting(false)} />}
      <Alert message={error} />
      <div className={`inbox card${selected ? " with-contact" : ""}`}>
        <nav className="inbox-list" aria-label={t("inbox.conversations")}>
          <ConversationFilters filter={filter} onChange={changeFilter} />
          {conversations ? (
            <ConversationList
              conversations={conversations}
              selectedId={selectedId}
              previews={previews}
              now={now}
              filtered={Object.values(filter).some(Boolean)}
              hasMore={nextCursor !== null}
              onNearEnd={() => void loadMore()}
            />
          ) : (
            !error && <p className="muted inbox-empty">{t("inbox.loading")}</p>
          )}
          {nextCursor && conversations && (
            <p className="load-more">
              <button className="button" type="button" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? t("inbox.loadingShort") : t("inbox.loadOlder")}
              </button>
            </p>
          )}
        </nav>
        {selected ? (
          <ConversationThread
            key={selected.id}
            workspaceId={workspaceId}
            conversation={selected}
            now={now}
            onRead={() => markedRead(selected.id)}
            onChange={changed}
          />
        ) : (
          <p className="muted thread-empty">{conversations?.length ? t("inbox.choose") : ""}</p>
        )}
        {/* Its own key: two siblings sharing one key leave stale threads behind when switching. */}
        {selected && <ContactCard key={`contact-${selected.id}`} workspaceId={workspaceId} conversation={selected} />}
      </div>
      {canManage && <CannedRepliesManager />}
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

/** The fresh first page on top, then whatever was loaded beyond it (without the ones now on top). */
function mergeFirstPage(current: Conversation[] | undefined, first: Conversation[]): Conversation[] {
  if (!current) return first;
  const top = new Set(first.map((c) => c.id));
  const oldestOnTop = first.at(-1)?.lastMessageAt;
  const rest = current.filter((c) => !top.has(c.id) && oldestOnTop !== undefined && c.lastMessageAt <= oldestOnTop);
  return [...first, ...rest];
}

/** An older page below the list; a conversation already listed is not listed twice. */
function appendPage(current: Conversation[], page: Conversation[]): Conversation[] {
  const seen = new Set(current.map((c) => c.id));
  return [...current, ...page.filter((c) => !seen.has(c.id))];
}
