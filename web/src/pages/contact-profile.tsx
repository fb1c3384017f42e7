import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { CONSENT_LABELS, contactsApi, displayName, type ConsentChange, type Contact } from "../contacts-api";
import { href, hrefWith, navigate } from "../router";
import { formatTime } from "./connection-card";
import { ConsentBadge } from "./consent-badge";
import { ContactEditForm } from "./contact-edit-form";
import { ContactEvents } from "./contact-events";
import { TagList } from "./contacts-page";
import { humanize } from "./status-badge";

interface Props {
  idOrPhone: string;
  canManage: boolean;
}

/** One contact: who they are, attributes, tags, consent with its history, conversations; edit and delete. */
export function ContactProfile({ idOrPhone, canManage }: Props) {
  const [contact, setContact] = useState<Contact>();
  const [history, setHistory] = useState<ConsentChange[]>();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const fail = (caught: unknown) => setError(messageOf(caught));

  useEffect(() => {
    contactsApi.get(idOrPhone).then(setContact, fail);
  }, [idOrPhone]);
  // The history and the conversations follow the contact: they change when it is edited.
  useEffect(() => {
    if (!contact) return;
    contactsApi.consentHistory(contact.id).then(setHistory, fail);
  }, [contact]);
  const conversations = contact?.conversations ?? [];

  const name = contact ? displayName(contact) : "Contact";
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">
        <a href={href("contacts")}>Contacts</a> ›
      </p>
      <div className="page-head">
        <h1 id="page-title">{name}</h1>
        {contact && <ConsentBadge consent={contact.consent.marketing} />}
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {contact && (
        <>
          <section className="card panel" aria-labelledby="contact-details-title">
            <div className="panel-head">
              <h2 id="contact-details-title">Details</h2>
              {!editing && (
                <button className="button" type="button" onClick={() => setEditing(true)}>
                  Edit
                </button>
              )}
            </div>
            {editing ? (
              <ContactEditForm
                contact={contact}
                canManage={canManage}
                onCancel={() => setEditing(false)}
                onSaved={(saved) => {
                  setContact(saved);
                  setEditing(false);
                }}
              />
            ) : (
              <dl className="facts">
                <dt>Name</dt>
                <dd>{contact.name ?? "—"}</dd>
                <dt>Phone</dt>
                <dd>{contact.phone ?? "Withheld by the customer"}</dd>
                {contact.username && (
                  <>
                    <dt>WhatsApp username</dt>
                    <dd>@{contact.username.replace(/^@/, "")}</dd>
                  </>
                )}
                {contact.userId && (
                  <>
                    <dt>Business-scoped user id</dt>
                    <dd>
                      <code>{contact.userId}</code>
                    </dd>
                  </>
                )}
                <dt>Email</dt>
                <dd>{contact.email ?? "—"}</dd>
                <dt>Language</dt>
                <dd>{contact.language ?? "—"}</dd>
                <dt>Tags</dt>
                <dd>
                  <TagList tags={contact.tags} />
                </dd>
                <dt>Last activity</dt>
                <dd>{formatTime(contact.lastSeenAt, "—")}</dd>
                {contact.createdAt && (
                  <>
                    <dt>Added</dt>
                    <dd>{formatTime(contact.createdAt, "—")}</dd>
                  </>
                )}
              </dl>
            )}
          </section>
          <section className="card panel" aria-labelledby="contact-attributes-title">
            <h2 id="contact-attributes-title">Attributes</h2>
            {Object.keys(contact.attributes).length === 0 ? (
              <p className="muted">No attributes. An import or the API can set them.</p>
            ) : (
              <dl className="facts" aria-labelledby="contact-attributes-title">
                {Object.entries(contact.attributes).map(([key, value]) => (
                  <div className="fact" key={key}>
                    <dt>{key}</dt>
                    <dd>{value === null ? "—" : String(value)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <section className="card panel" aria-labelledby="contact-consent-title">
            <h2 id="contact-consent-title">Marketing consent</h2>
            <p>
              <ConsentBadge consent={contact.consent.marketing} />{" "}
              {contact.consent.source && (
                <span className="muted">
                  {sourceLabel(contact.consent.source)}, {formatTime(contact.consent.at, "—")}
                </span>
              )}
            </p>
            {contact.consent.marketing === "opted_out" && (
              <p className="muted small">Marketing templates are not sent to this contact.</p>
            )}
            <h3 className="timeline-title">History</h3>
            {history === undefined ? (
              <p className="muted">Loading the history…</p>
            ) : history.length === 0 ? (
              <p className="muted">No consent recorded yet.</p>
            ) : (
              <ol className="timeline" aria-label="Consent history">
                {[...history].reverse().map((change, index) => (
                  <li key={`${change.at}-${index}`}>
                    <strong>{CONSENT_LABELS[change.marketing]}</strong> ·{" "}
                    {change.source ? sourceLabel(change.source) : "Unknown source"}
                    <time dateTime={change.at}>{formatTime(change.at, "—")}</time>
                    {!change.applied && (
                      <span className="badge off not-applied" title="An earlier opt-out or a later statement wins">
                        Not applied
                      </span>
                    )}
                    {change.proof && <p className="muted small consent-proof">“{change.proof}”</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <ContactEvents contactId={contact.id} />
          <section className="card panel" aria-labelledby="contact-conversations-title">
            <h2 id="contact-conversations-title">Conversations</h2>
            {conversations.length === 0 ? (
              <p className="muted">No conversation with this contact yet.</p>
            ) : (
              <ul className="plain-list">
                {conversations.map((c) => (
                  <li key={c.id}>
                    <a href={hrefWith("inbox", { conversation: c.id })}>Open in the inbox</a>
                    <span className="muted"> · last message {formatTime(c.lastMessageAt, "—")}</span>
                    {c.unreadCount > 0 && <span className="muted"> · {c.unreadCount} unread</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {canManage && <DeleteContact contact={contact} />}
        </>
      )}
    </section>
  );
}

const SOURCES: Record<string, string> = {
  import: "Import",
  api: "API",
  store: "Store",
  shopify: "Shopify",
  inbound_stop: "Inbound STOP",
  stop_keyword: "Inbound STOP",
  inbound_start: "Inbound START",
  dashboard: "Dashboard",
  user_preferences: "WhatsApp preferences",
};

export const sourceLabel = (source: string) => SOURCES[source] ?? humanize(source);

/** Delete, after a confirmation that says what is erased and what stays. */
function DeleteContact({ contact }: { contact: Contact }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = displayName(contact);

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await contactsApi.remove(contact.id);
      navigate(href("contacts"));
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  }

  return (
    <section className="card panel" aria-labelledby="contact-delete-title">
      <h2 id="contact-delete-title">Delete</h2>
      {!confirming ? (
        <button className="button danger" type="button" onClick={() => setConfirming(true)}>
          Delete contact
        </button>
      ) : (
        <div className="confirm" role="group" aria-label={`Delete ${name}`}>
          <p>
            Delete {name}? This erases their name, phone number, email, attributes, tags, consent history and business
            events, and the text of every message exchanged with them; messages not yet sent to them are withdrawn.
            Their conversations and message counts stay, anonymous. This cannot be undone.
          </p>
          <button className="button danger" type="button" disabled={busy} onClick={remove}>
            {busy ? "Deleting…" : "Yes, erase this contact"}
          </button>
          <button className="button" type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
          {error && (
            <p className="row-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
