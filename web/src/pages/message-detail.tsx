import { locale } from "../i18n";
import { useEffect, useRef, useState } from "react";
import { messageOf } from "../api";
import { messageIdOf, useLiveEvents } from "../live-events";
import { messagesApi, type Message } from "../messages-api";
import { useLatest } from "../polling";
import { hrefWith, navigate } from "../router";
import { formatTime } from "./connection-card";
import { summarize } from "./message-content";
import { StatusBadge } from "./status-badge";

interface Props {
  workspaceId: string;
  messageId: string;
  /** Where Close (and Escape) go. */
  closeHref: string;
}

const RANK: Record<string, number> = { queued: 0, sending: 1, unknown: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

/**
 * The timeline in lifecycle order. Meta stamps statuses to the second, so sent, delivered and read
 * often share a time (and our own `sending` has milliseconds): order by the status, then by time.
 */
export function timelineOf(events: Message["events"] = []): { status: string; at: string }[] {
  return [...events].sort((a, b) => (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) || a.at.localeCompare(b.at));
}

const exact = (iso: string) => new Date(iso).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "medium" });

/** One message: its status timeline as Meta reported it and, when it failed, Meta's error. */
export function MessageDetail({ workspaceId, messageId, closeHref }: Props) {
  const [message, setMessage] = useState<Message>();
  const [error, setError] = useState<string>();
  const load = useLatest(
    () => messagesApi.get(messageId),
    setMessage,
    (caught) => setError(messageOf(caught)),
  );
  useEffect(() => void load(), [load, messageId]);
  useLiveEvents(workspaceId, (event) => {
    if (event.type === "message.status" && messageIdOf(event) === messageId) void load();
  });
  // Keyboard and screen-reader users land in the panel that just opened.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && navigate(closeHref);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [closeHref]);

  const failure = message?.error;
  return (
    <aside className="drawer" role="dialog" aria-labelledby="message-title">
      <div className="panel-head">
        <h2 id="message-title" ref={heading} tabIndex={-1}>
          Message details
        </h2>
        <a className="button" href={closeHref}>
          Close
        </a>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {!message ? (
        !error && <p className="muted">Loading the message…</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={message.status} />
            </dd>
            <dt>{message.direction === "outbound" ? "To" : "From"}</dt>
            <dd>{message.direction === "outbound" ? message.to : message.from}</dd>
            <dt>Content</dt>
            <dd>{summarize(message)}</dd>
            <dt>WhatsApp id</dt>
            <dd>
              {message.wamid ? (
                <code>{message.wamid}</code>
              ) : message.status === "unknown" ? (
                "Not known yet: Meta did not answer the send, so it may have gone out. It is not sent again; Meta's statuses will tell."
              ) : message.status === "failed" ? (
                "None: Meta did not accept it"
              ) : (
                "Not sent to Meta yet"
              )}
            </dd>
            {message.campaignId && (
              <>
                <dt>Campaign</dt>
                <dd>
                  <a href={hrefWith("campaigns", { campaign: message.campaignId })}>Open the campaign</a>
                </dd>
              </>
            )}
            <dt>Created</dt>
            <dd>{formatTime(message.createdAt, "—")}</dd>
          </dl>
          {failure && (
            <div className="alert" role="note" aria-label="Meta's error">
              <p>
                <strong>
                  {failure.metaTitle ?? (message.status === "unknown" ? "Outcome unknown" : "Not delivered")}
                </strong>
                : {failure.message}
              </p>
              <p className="small">
                Code <code>{failure.code}</code>
                {failure.metaCode !== null && (
                  <>
                    {" "}
                    · Meta code <code>{failure.metaCode}</code>
                  </>
                )}
                {failure.fbtraceId && (
                  <>
                    {" "}
                    · fbtrace_id <code>{failure.fbtraceId}</code>
                  </>
                )}
              </p>
            </div>
          )}
          <h3 className="timeline-title">Status timeline</h3>
          <ol className="timeline" aria-label="Status timeline">
            {timelineOf(message.events).map((event, i) => (
              <li key={i}>
                <StatusBadge status={event.status} /> <time dateTime={event.at}>{exact(event.at)}</time>
              </li>
            ))}
          </ol>
          {!message.events?.length && <p className="muted small">No status reported yet.</p>}
        </>
      )}
    </aside>
  );
}
