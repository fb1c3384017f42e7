import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { CONSENT_LABELS, contactsApi, displayName, type ConsentChange, type Contact } from "../contacts-api";
import { href, hrefWith, navigate } from "../router";
import { formatTime } from "./connection-card";
import { ConsentBadge } from "./consent-badge";
import { ContactEditForm } from "./contact-edit-form";
import { ContactEvents } from "./contact-events";
import { TagList } from "./contacts-page";
import { labelFor } from "./status-badge";
import { t } from "../i18n";
import { Alert } from "./alert";

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

  const name = contact ? displayName(contact) : t("contacts.card.title");
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">
        <a href={href("contacts")}>{t("page.contacts")}</a> ›
      </p>
      <div className="page-head">
        <h1 id="page-title">{name}</h1>
        {contact && <ConsentBadge consent={contact.consent.marketing} />}
      </div>
      <Alert message={error} />
      {contact && (
        <>
          <section className="card panel" aria-labelledby="contact-details-title">
            <div className="panel-head">
              <h2 id="contact-details-title">{t("contacts.profile.details")}</h2>
              {!editing && (
                <button className="button" type="button" onClick={() => setEditing(true)}>
                  {t("common.edit")}
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
                <dt>{t("common.name")}</dt>
                <dd>{contact.name ?? "—"}</dd>
                <dt>{t("contacts.phone")}</dt>
                <dd>{contact.phone ?? t("contacts.profile.withheld")}</dd>
                {contact.username && (
                  <>
                    <dt>{t("contacts.profile.whatsappUsername")}</dt>
                    <dd>@{contact.username.replace(/^@/, "")}</dd>
                  </>
                )}
                {contact.userId && (
                  <>
                    <dt>{t("contacts.profile.bsuid")}</dt>
                    <dd>
                      <code>{contact.userId}</code>
                    </dd>
                  </>
                )}
                <dt>{t("contacts.field.email")}</dt>
                <dd>{contact.email ?? "—"}</dd>
                <dt>{t("contacts.field.language")}</dt>
                <dd>{contact.language ?? "—"}</dd>
                <dt>{t("contacts.tags")}</dt>
                <dd>
                  <TagList tags={contact.tags} />
                </dd>
                <dt>{t("contacts.lastActivity")}</dt>
                <dd>{formatTime(contact.lastSeenAt, "—")}</dd>
                {contact.createdAt && (
                  <>
                    <dt>{t("contacts.profile.added")}</dt>
                    <dd>{formatTime(contact.createdAt, "—")}</dd>
                  </>
                )}
              </dl>
            )}
          </section>
          <section className="card panel" aria-labelledby="contact-attributes-title">
            <h2 id="contact-attributes-title">{t("contacts.attributes")}</h2>
            {Object.keys(contact.attributes).length === 0 ? (
              <p className="muted">{t("contacts.profile.noAttributes")}</p>
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
            <h2 id="contact-consent-title">{t("contacts.field.consent")}</h2>
            <p>
              <ConsentBadge consent={contact.consent.marketing} />{" "}
              {contact.consent.source && (
                <span className="muted">
                  {sourceLabel(contact.consent.source)}, {formatTime(contact.consent.at, "—")}
                </span>
              )}
            </p>
            {contact.consent.marketing === "opted_out" && (
              <p className="muted small">{t("contacts.profile.notSent")}</p>
            )}
            <h3 className="timeline-title">{t("contacts.profile.history")}</h3>
            {history === undefined ? (
              <p className="muted">{t("contacts.profile.loadingHistory")}</p>
            ) : history.length === 0 ? (
              <p className="muted">{t("contacts.profile.noConsent")}</p>
            ) : (
              <ol className="timeline" aria-label={t("contacts.profile.consentHistory")}>
                {[...history].reverse().map((change, index) => (
                  <li key={`${change.at}-${index}`}>
                    <strong>{t(CONSENT_LABELS[change.marketing])}</strong> ·{" "}
                    {change.source ? sourceLabel(change.source) : t("contacts.profile.unknownSource")}
                    <time dateTime={change.at}>{formatTime(change.at, "—")}</time>
                    {!change.applied && (
                      <span className="badge off not-applied" title={t("contacts.profile.notAppliedWhy")}>
                        {t("contacts.profile.notApplied")}
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
            <h2 id="contact-conversations-title">{t("contacts.profile.conversations")}</h2>
            {conversations.length === 0 ? (
              <p className="muted">{t("contacts.profile.noConversation")}</p>
            ) : (
              <ul className="plain-list">
                {conversations.map((c) => (
                  <li key={c.id}>
                    <a href={hrefWith("inbox", { conversation: c.id })}>{t("contacts.profile.openInbox")}</a>
                    <span className="muted">
                      {" "}
                      · {t("contacts.profile.lastMessage", { time: formatTime(c.lastMessageAt, "—") })}
                    </span>
                    {c.unreadCount > 0 && (
                      <span className="muted"> · {t("contacts.profile.unread", { count: c.unreadCount })}</span>
                    )}
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
  api: "API",
  shopify: "Shopify",
};

export const sourceLabel = (source: string) => SOURCES[source] ?? labelFor("contacts.source", source);

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
      <h2 id="contact-delete-title">{t("common.delete")}</h2>
      {!confirming ? (
        <button className="button danger" type="button" onClick={() => setConfirming(true)}>
          {t("contacts.profile.deleteContact")}
        </button>
      ) : (
        <div className="confirm" role="group" aria-label={t("contacts.profile.deleteNamed", { name })}>
          <p>{t("contacts.profile.deleteConfirm", { name })}</p>
          <button className="button danger" type="button" disabled={busy} onClick={remove}>
            {busy ? t("contacts.profile.deleting") : t("contacts.profile.eraseYes")}
          </button>
          <button className="button" type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t("common.cancel")}
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
