import { locale } from "../i18n";
import type { Message } from "../messages-api";
import { hrefWith } from "../router";
import { orderOf } from "../order";
import { summarize } from "./message-content";
import { OrderCard } from "./order-card";
import { WhatsAppText } from "./whatsapp-text";

// One message in the thread: the customer's on the left, ours on the right with WhatsApp's ticks
// (clock while queued, ✓ sent, ✓✓ delivered, blue ✓✓ read); the ticks open the message's detail.

const TICKS: Record<string, { mark: string; label: string }> = {
  queued: { mark: "🕓", label: "Queued" },
  sending: { mark: "🕓", label: "Sending" },
  // Meta did not answer the send: it may have gone out, and is not sent again (see its detail).
  unknown: { mark: "?", label: "Outcome unknown: Meta did not answer; not sent again" },
  sent: { mark: "✓", label: "Sent" },
  delivered: { mark: "✓✓", label: "Delivered" },
  read: { mark: "✓✓", label: "Read" },
  failed: { mark: "⚠", label: "Failed" },
};

const time = (iso: string) => new Date(iso).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });

export function MessageBubble({ message, conversationId }: { message: Message; conversationId: string }) {
  const outbound = message.direction === "outbound";
  const ticks = TICKS[message.status] ?? { mark: "•", label: message.status };
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
            title={`${ticks.label}: message details`}
            aria-label={`${ticks.label}: message details`}
          >
            {ticks.mark}
          </a>
        ) : (
          <a className="info" href={detail} aria-label="Message details">
            i
          </a>
        )}
      </span>
      {message.error && <p className="bubble-error">{message.error.message}</p>}
    </li>
  );
}
