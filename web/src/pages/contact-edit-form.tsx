import { useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { CONSENT_LABELS, contactsApi, type Contact, type ContactPatch } from "../contacts-api";
import { textField } from "../form-data";
import { FormField } from "./form-field";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  contact: Contact;
  /** Owners and admins record consent; agents name contacts and tag them. */
  canManage: boolean;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}

/** `vip, repeat buyer ,vip` → `["vip", "repeat buyer"]`. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** Name, email and tags; consent recorded with the dashboard as its source and the reason given. */
export function ContactEditForm({ contact, canManage, onSaved, onCancel }: Props) {
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const [consent, setConsent] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = textField(form, "name").trim();
    const email = textField(form, "email").trim();
    const language = textField(form, "language").trim();
    const patch: ContactPatch = {
      name: name || null,
      email: email || null,
      language: language || null,
      tags: parseTags(textField(form, "tags")),
    };
    if (consent === "opted_in" || consent === "opted_out") {
      const proof = textField(form, "proof").trim();
      patch.consent = { marketing: consent, ...(proof ? { proof } : {}) };
    }
    setSaving(true);
    setError(undefined);
    setIssues({});
    try {
      onSaved(await contactsApi.update(contact.id, patch));
    } catch (caught) {
      setError(messageOf(caught));
      const grouped: Record<string, string[]> = {};
      for (const issue of caught instanceof ApiError ? caught.details : [])
        (grouped[issue.field.split(".")[0]!] ??= []).push(issue.message);
      setIssues(grouped);
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label={t("contacts.edit.label")} className="contact-edit">
      <Alert message={error} />
      <div className="field-row">
        <FormField label={t("common.name")} errors={issues["name"]}>
          <input name="name" defaultValue={contact.name ?? ""} maxLength={200} autoComplete="off" />
        </FormField>
        <FormField label={t("contacts.field.email")} errors={issues["email"]}>
          <input name="email" type="email" defaultValue={contact.email ?? ""} maxLength={320} autoComplete="off" />
        </FormField>
      </div>
      <div className="field-row">
        <FormField label={t("contacts.tags")} errors={issues["tags"]} hint={t("contacts.edit.tagsHint")}>
          <input name="tags" defaultValue={contact.tags.join(", ")} autoComplete="off" />
        </FormField>
        <FormField
          label={t("contacts.field.language")}
          errors={issues["language"]}
          hint={t("contacts.edit.languageHint")}
        >
          <input name="language" defaultValue={contact.language ?? ""} maxLength={16} autoComplete="off" />
        </FormField>
      </div>
      {canManage && (
        <div className="field-row">
          <FormField
            label={t("contacts.field.consent")}
            errors={issues["consent"]}
            hint={t("contacts.edit.consentNow", { consent: t(CONSENT_LABELS[contact.consent.marketing]) })}
          >
            <select value={consent} onChange={(event) => setConsent(event.target.value)}>
              <option value="">{t("contacts.edit.leave")}</option>
              <option value="opted_in">{t("contacts.consent.opted_in")}</option>
              <option value="opted_out">{t("contacts.consent.opted_out")}</option>
            </select>
          </FormField>
          {consent && (
            <FormField label={t("contacts.edit.proof")} hint={t("contacts.edit.proofHint")}>
              <input name="proof" maxLength={500} autoComplete="off" />
            </FormField>
          )}
        </div>
      )}
      <div className="actions">
        <button className="button primary" type="submit" disabled={saving}>
          {saving ? t("common.saving") : t("common.save")}
        </button>
        <button className="button" type="button" onClick={onCancel} disabled={saving}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
