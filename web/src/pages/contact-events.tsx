import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { contactsApi, type CommerceEvent } from "../contacts-api";
import { formatTime } from "./connection-card";
import { humanize } from "./status-badge";
import { tp, t } from "../i18n";
import { Alert } from "./alert";

/** `{orderNumber: "#1001", total: "42.50", currency: "EUR", items: [2]}` → "#1001 · 42.50 EUR · 2 items". */
export function summarize(data: Record<string, unknown>): string {
  const text = (key: string) => {
    const value = data[key];
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  };
  const parts: string[] = [];
  const reference = text("orderNumber") ?? text("orderId") ?? text("checkoutToken");
  if (reference) parts.push(reference);
  const total = text("total");
  if (total) parts.push(`${total}${text("currency") ? ` ${text("currency")}` : ""}`);
  if (Array.isArray(data["items"])) parts.push(tp("contacts.events.items", data["items"].length));
  return parts.join(" · ");
}

/** The contact's business events (orders, checkouts), newest first, a page at a time. */
export function ContactEvents({ contactId }: { contactId: string }) {
  const [events, setEvents] = useState<CommerceEvent[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function load(cursor?: string) {
    setBusy(true);
    try {
      const page = await contactsApi.events(contactId, cursor);
      setEvents((list) => [...(cursor ? (list ?? []) : []), ...page.data]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    void load();
    // One contact per mounted component (the profile is keyed by it).
  }, [contactId]);

  return (
    <section className="card panel" aria-labelledby="contact-events-title">
      <h2 id="contact-events-title">{t("contacts.events.title")}</h2>
      <Alert message={error} />
      {events === undefined ? (
        !error && <p className="muted">{t("contacts.events.loading")}</p>
      ) : events.length === 0 ? (
        <p className="muted">{t("contacts.events.empty")}</p>
      ) : (
        <ol className="timeline" aria-label={t("contacts.events.title")}>
          {events.map((event) => (
            <li key={event.id}>
              <strong>{humanize(event.type.replace(/\./g, " "))}</strong>
              <time dateTime={event.occurredAt}>{formatTime(event.occurredAt, "—")}</time>
              <span className="muted"> · {humanize(event.source)}</span>
              {summarize(event.data) && <p className="muted small event-summary">{summarize(event.data)}</p>}
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <button className="button small-button" type="button" disabled={busy} onClick={() => load(nextCursor)}>
          {busy ? t("contacts.loading") : t("contacts.events.older")}
        </button>
      )}
    </section>
  );
}
