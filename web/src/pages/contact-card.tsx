import { useEffect, useState } from "react";
import { ApiError, messageOf } from "../api";
import { contactsApi, type Contact } from "../contacts-api";
import type { Conversation } from "../inbox-api";
import { useLiveEvents } from "../live-events";
import { useCoalesced } from "../polling";
import { hrefWith } from "../router";
import { formatTime } from "./connection-card";
import { ConsentBadge } from "./consent-badge";
import { TagList } from "./contacts-page";
import { sourceLabel } from "./contact-profile";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceId: string;
  conversation: Conversation;
}

/**
 * The customer of the open conversation beside the thread: name, phone, username, tags and
 * marketing consent, an opt-out marked plainly. Re-read when they write (a STOP changes consent).
 */
export function ContactCard({ workspaceId, conversation }: Props) {
  const { waId } = conversation.contact;
  const [contact, setContact] = useState<Contact | null>();
  const [error, setError] = useState<string>();

  const load = useCoalesced(() => {
    contactsApi.get(waId).then(
      (found) => (setContact(found), setError(undefined)),
      (caught: unknown) =>
        caught instanceof ApiError && caught.status === 404 ? setContact(null) : setError(messageOf(caught)),
    );
  }, 300);
  useEffect(() => load(), [load, waId]);
  useLiveEvents(workspaceId, (event) => {
    if (event.type === "message.received" && event.data["conversationId"] === conversation.id) load();
  });

  return (
    <aside className="contact-card" aria-labelledby="contact-card-title">
      <h2 id="contact-card-title">{t("contacts.card.title")}</h2>
      <Alert message={error} />
      {contact === undefined && !error && <p className="muted small">{t("contacts.loading")}</p>}
      {contact === null && <p className="muted small">{t("contacts.card.notSaved")}</p>}
      {contact && <ContactFacts contact={contact} />}
    </aside>
  );
}

function ContactFacts({ contact }: { contact: Contact }) {
  const optedOut = contact.consent.marketing === "opted_out";
  return (
    <>
      {optedOut && (
        <p className="opted-out" role="status">
          <strong>{t("contacts.card.optedOut")}</strong>
          {contact.consent.source && (
            <span>
              {" "}
              ({sourceLabel(contact.consent.source)}, {formatTime(contact.consent.at, "—")})
            </span>
          )}
          {t("contacts.card.optedOutNote")}
        </p>
      )}
      <dl className="facts contact-facts">
        {contact.name && (
          <>
            <dt>{t("common.name")}</dt>
            <dd>{contact.name}</dd>
          </>
        )}
        <dt>{t("contacts.phone")}</dt>
        <dd>{contact.phone ?? "Withheld"}</dd>
        {contact.username && (
          <>
            <dt>{t("contacts.username")}</dt>
            <dd>@{contact.username.replace(/^@/, "")}</dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t("contacts.field.email")}</dt>
            <dd>{contact.email}</dd>
          </>
        )}
        <dt>{t("contacts.tags")}</dt>
        <dd>
          <TagList tags={contact.tags} />
        </dd>
        <dt>{t("contacts.consent")}</dt>
        <dd>
          <ConsentBadge consent={contact.consent.marketing} />
        </dd>
      </dl>
      <a href={hrefWith("contacts", { contact: contact.id })}>{t("contacts.card.openProfile")}</a>
    </>
  );
}
