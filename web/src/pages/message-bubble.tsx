import { t, locale, type MessageKey } from "../i18n";
import type { Message } from "../messages-api";
import { hrefWith } from "../router";
import { orderOf } from "../order";
import { summarize } from "./message-content";
import { OrderCard } from "./order-card";
import { WhatsAppText } from "./whatsapp-text";

// One message in the thread: the customer's on the left, ours on the right with WhatsApp's ticks
// (clock while queued, ✓ sent, ✓✓ delivered, blue ✓✓ read); the ticks open the message's detail.

const TICKS: Record<string, { mark: string; label: MessageKey }> = {
  queued: { mark: "🕓", label: "inbox.tick.queued" },
  sending: { mark: "🕓", label: "inbox.tick.sending" },
  // Meta did not answer the send: it may have gone out, and is not sent again (see its detail).
  unknown: { mark: "?", label: "inbox.tick.unknown" },
  sent: { mark: "✓", label: "inbox.tick.sent" },
  delivered: { mark: "✓✓", label: "inbox.tick.delivered" },
  read: { mark: "✓✓", label: "inbox.tick.read" },
  failed: { mark: "⚠", label: "inbox.tick.failed" },
};

const time = (iso: string) => new Date(iso).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });

export function MessageBubble({ message, conversationId }: { message: Message; conversationId: string }) {
  const outbound = message.direction === "outbound";
  const tick = TICKS[message.status];
  const ticks = { mark: tick?.mark ?? "•", label: tick ? t(tick.label) : message.status };
  const detail = hrefWith("inbox", { conversation: conversationId, message: message.id });
  const order = message.type === "order" ? orderOf(message.content) : null;
  return (
    <li className={`bubble ${message.direction}`} data-message-id={message.id}>
      {order ? (
        <OrderCard order={order} />
      ) : (
        <p className="bubble-text">
          {message.type === "text" ? <WhatsAppText text={summarize(message)} /> : summarize(message)}
        </p>
      )}
      <span className="bubble-meta">
        <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
        {outbound ? (
          <a
            className={`ticks ${message.status}`}
            href={detail}
            title={t("inbox.tick.details", { status: ticks.label })}
            aria-label={t("inbox.tick.details", { status: ticks.label })}
          >
            {ticks.mark}
          </a>
        ) : (
          <a className="info" href={detail} aria-label={t("inbox.detail.title")}>
            i
          </a>
        )}
      </span>
      {message.error && <p className="bubble-error">{message.error.message}</p>}
    </li>
  );
}
