import { useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { CONSENT_LABELS, contactsApi, type Contact, type ContactPatch } from "../contacts-api";
import { textField } from "../form-data";
import { FormField } from "./form-field";

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
    <form onSubmit={submit} aria-label="Edit contact" className="contact-edit">
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="field-row">
        <FormField label="Name" errors={issues["name"]}>
          <input name="name" defaultValue={contact.name ?? ""} maxLength={200} autoComplete="off" />
        </FormField>
        <FormField label="Email" errors={issues["email"]}>
          <input name="email" type="email" defaultValue={contact.email ?? ""} maxLength={320} autoComplete="off" />
        </FormField>
      </div>
      <div className="field-row">
        <FormField label="Tags" errors={issues["tags"]} hint="Separated by commas.">
          <input name="tags" defaultValue={contact.tags.join(", ")} autoComplete="off" />
        </FormField>
        <FormField label="Language" errors={issues["language"]} hint="A code such as en or pt_BR.">
          <input name="language" defaultValue={contact.language ?? ""} maxLength={16} autoComplete="off" />
        </FormField>
      </div>
      {canManage && (
        <div className="field-row">
          <FormField
            label="Marketing consent"
            errors={issues["consent"]}
            hint={`Now: ${CONSENT_LABELS[contact.consent.marketing]}. A change is recorded with the dashboard as its source.`}
          >
            <select value={consent} onChange={(event) => setConsent(event.target.value)}>
              <option value="">Leave as it is</option>
              <option value="opted_in">Opted in</option>
              <option value="opted_out">Opted out</option>
            </select>
          </FormField>
          {consent && (
            <FormField label="Proof" hint="How the customer said it, e.g. “asked by phone on 3 May”.">
              <input name="proof" maxLength={500} autoComplete="off" />
            </FormField>
          )}
        </div>
      )}
      <div className="actions">
        <button className="button primary" type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button className="button" type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
