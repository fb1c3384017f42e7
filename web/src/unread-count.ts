import { useEffect, useState } from "react";
import { inboxApi } from "./inbox-api";
import { STREAM_OPENED, useLiveEvents } from "./live-events";
import { setTitleUnread } from "./pages/feature-page";
import { useCoalesced, useInterval } from "./polling";

/**
 * How many conversations have unread messages, for the nav badge and the tab title: read at start,
 * on every new inbound message or read receipt of the live stream, and slowly as the fallback.
 */
export function useUnreadCount(workspaceId: string): number {
  const [count, setCount] = useState(0);
  const load = useCoalesced(() => {
    inboxApi.unreadCount().then(
      (c) => setCount(c.conversations),
      () => undefined, // the badge is a hint: a failed read leaves the last count
    );
  }, 500);
  useEffect(load, [load, workspaceId]);
  useInterval(load, 30_000, true);
  useLiveEvents(workspaceId, (event) => {
    if (event.type === "message.received" || event.type === STREAM_OPENED) load();
  });
  useEffect(() => {
    // A conversation read on this page (the thread marks it read) lowers the count at once.
    const onRead = () => load();
    window.addEventListener("wharf:conversation-read", onRead);
    return () => window.removeEventListener("wharf:conversation-read", onRead);
  }, [load]);
  useEffect(() => setTitleUnread(count), [count]);
  useEffect(() => () => setTitleUnread(0), []);
  return count;
}
