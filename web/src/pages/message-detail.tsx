import { t, locale } from "../i18n";
import { useEffect, useRef, useState } from "react";
import { messageOf } from "../api";
import { messageIdOf, useLiveEvents } from "../live-events";
import { messagesApi, type Message } from "../messages-api";
import { useLatest } from "../polling";
import { hrefWith, navigate } from "../router";
import { formatTime } from "./connection-card";
import { summarize } from "./message-content";
import { StatusBadge } from "./status-badge";
import { Alert } from "./alert";

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
          {t("inbox.detail.title")}
        </h2>
        <a className="button" href={closeHref}>
          {t("common.close")}
        </a>
      </div>
      <Alert message={error} />
      {!message ? (
        !error && <p className="muted">{t("inbox.detail.loading")}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t("common.status")}</dt>
            <dd>
              <StatusBadge status={message.status} />
            </dd>
            <dt>{message.direction === "outbound" ? t("inbox.detail.to") : t("inbox.detail.from")}</dt>
            <dd>{message.direction === "outbound" ? message.to : message.from}</dd>
            <dt>{t("inbox.detail.content")}</dt>
            <dd>{summarize(message)}</dd>
            <dt>{t("inbox.detail.wamid")}</dt>
            <dd>
              {message.wamid ? (
                <code>{message.wamid}</code>
              ) : message.status === "unknown" ? (
                t("inbox.detail.unknownYet")
              ) : message.status === "failed" ? (
                t("inbox.detail.notAccepted")
              ) : (
                t("inbox.detail.notSent")
              )}
            </dd>
            {message.campaignId && (
              <>
                <dt>{t("inbox.detail.campaign")}</dt>
                <dd>
                  <a href={hrefWith("campaigns", { campaign: message.campaignId })}>{t("inbox.detail.openCampaign")}</a>
                </dd>
              </>
            )}
            <dt>{t("common.created")}</dt>
            <dd>{formatTime(message.createdAt, "—")}</dd>
          </dl>
          {failure && (
            <div className="alert" role="note" aria-label={t("inbox.detail.metaError")}>
              <p>
                <strong>
                  {failure.metaTitle ??
                    (message.status === "unknown" ? t("inbox.detail.outcomeUnknown") : t("inbox.detail.notDelivered"))}
                </strong>
                : {failure.message}
              </p>
              <p className="small">
                {t("inbox.detail.code")} <code>{failure.code}</code>
                {failure.metaCode !== null && (
                  <>
                    {" "}
                    · {t("inbox.detail.metaCode")} <code>{failure.metaCode}</code>
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
          <h3 className="timeline-title">{t("inbox.detail.timeline")}</h3>
          <ol className="timeline" aria-label={t("inbox.detail.timeline")}>
            {timelineOf(message.events).map((event, i) => (
              <li key={i}>
                <StatusBadge status={event.status} /> <time dateTime={event.at}>{exact(event.at)}</time>
              </li>
            ))}
          </ol>
          {!message.events?.length && <p className="muted small">{t("inbox.detail.noStatus")}</p>}
        </>
      )}
    </aside>
  );
}
