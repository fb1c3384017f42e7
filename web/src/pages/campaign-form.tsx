import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { campaignsApi, type Campaign } from "../campaigns-api";
import { phoneNumbersApi, type PhoneNumber } from "../connection-api";
import { describeIssue, parseRecipients, sendShape } from "../recipients";
import { templatesApi, type Template } from "../templates-api";
import { FieldErrors, FormField } from "./form-field";
import { TemplatePreview } from "./template-preview";
import { textField } from "../form-data";

interface Props {
  onCreated: (campaign: Campaign) => void;
  onCancel: () => void;
}

const keyOf = (t: Template) => `${t.name}/${t.language}`;

/** A new campaign: an active number, an approved template, recipients pasted one per line. */
export function CampaignForm({ onCreated, onCancel }: Props) {
  const [numbers, setNumbers] = useState<PhoneNumber[]>();
  const [templates, setTemplates] = useState<Template[]>();
  const [templateKey, setTemplateKey] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    Promise.all([phoneNumbersApi.list(), templatesApi.approved()]).then(
      ([list, approved]) => {
        setNumbers(list.filter((n) => n.active));
        setTemplates(approved);
      },
      (caught: unknown) => setError(messageOf(caught)),
    );
  }, []);

  const template = templates?.find((t) => keyOf(t) === templateKey);
  const shape = template && sendShape(template);
  const parsed = useMemo(() => parseRecipients(text, template), [text, template]);
  const first = parsed.recipients[0]?.parameters;
  const values = Array.isArray(first) ? Object.fromEntries(first.map((v, i) => [String(i + 1), v])) : first;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!template || parsed.errors.length > 0 || parsed.recipients.length === 0) {
      setIssues({
        recipients: parsed.recipients.length === 0 && !parsed.errors.length ? ["Paste at least one recipient."] : [],
      });
      return;
    }
    const form = new FormData(event.currentTarget);
    const sendAt = textField(form, "sendAt");
    setSubmitting(true);
    setError(undefined);
    setIssues({});
    try {
      const campaign = await campaignsApi.create({
        name: textField(form, "name").trim(),
        from: textField(form, "from"),
        template: { name: template.name, language: template.language },
        recipients: parsed.recipients,
        ...(sendAt ? { scheduledAt: new Date(sendAt).toISOString() } : {}),
      });
      onCreated(campaign);
    } catch (caught) {
      setError(messageOf(caught));
      const details = caught instanceof ApiError ? caught.details : [];
      const grouped: Record<string, string[]> = {};
      for (const issue of details)
        (grouped[issue.field.split(".")[0]!] ??= []).push(describeIssue(issue, parsed.lines));
      setIssues(grouped);
      setSubmitting(false);
    }
  }

  const placeholder = `+15551234567${shape?.variables.map((v) => `, ${v === "1" ? "Ana" : `value of {{${v}}}`}`).join("") ?? ", Ana"}`;
  return (
    <section className="card panel" aria-labelledby="campaign-form-title">
      <h2 id="campaign-form-title">New campaign</h2>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="builder">
        <form className="builder-form" onSubmit={submit} aria-labelledby="campaign-form-title">
          <FormField label="Campaign name" errors={issues["name"]}>
            <input name="name" required maxLength={200} autoComplete="off" />
          </FormField>
          <FormField
            label="Send from"
            errors={issues["from"]}
            hint={
              numbers?.length === 0 ? "No active number: activate one in Settings → WhatsApp Connection." : undefined
            }
          >
            <select name="from" required>
              {numbers?.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.displayPhoneNumber}
                  {n.verifiedName ? ` · ${n.verifiedName}` : ""}
                  {n.sendingPaused ? " (paused)" : ""}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label="Template"
            errors={issues["template"]}
            hint={
              templates?.length === 0
                ? "No approved template yet: create one on the Templates page."
                : template?.category === "MARKETING"
                  ? "Marketing templates reach only contacts who opted in."
                  : undefined
            }
          >
            <select value={templateKey} onChange={(event) => setTemplateKey(event.target.value)} required>
              <option value="">Choose an approved template</option>
              {templates?.map((t) => {
                const unsupported = sendShape(t).unsupported;
                return (
                  <option key={t.id} value={keyOf(t)} disabled={unsupported !== undefined}>
                    {t.name} · {t.language}
                    {unsupported ? ` (${unsupported}: send it through the API)` : ""}
                  </option>
                );
              })}
            </select>
          </FormField>
          <FormField
            label="Recipients"
            errors={issues["recipients"]}
            hint={`One per line: the number in international form${shape?.variables.length ? `, then ${shape.variables.length} parameter(s) separated by commas` : ""}.`}
          >
            <textarea
              rows={6}
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={placeholder}
              spellCheck={false}
            />
          </FormField>
          {text.trim() && (
            <p className={parsed.errors.length ? "row-error" : "muted small"} role="status">
              {parsed.recipients.length} recipient(s) ready
              {parsed.errors.length ? `, ${parsed.errors.length} line(s) to fix:` : "."}
            </p>
          )}
          <FieldErrors errors={parsed.errors} />
          <FormField label="Send at (optional)" hint="Leave empty to start now.">
            <input name="sendAt" type="datetime-local" />
          </FormField>
          <div className="actions">
            <button className="button primary" type="submit" disabled={submitting || !numbers?.length}>
              {submitting ? "Creating…" : "Create campaign"}
            </button>
            <button className="button" type="button" onClick={onCancel} disabled={submitting}>
              Cancel
            </button>
          </div>
        </form>
        {template && (
          <div className="builder-preview">
            <p className="preview-title">Preview</p>
            <TemplatePreview components={template.components} values={values} label={`Preview of ${template.name}`} />
            <p className="hint">With the first recipient's parameters.</p>
          </div>
        )}
      </div>
    </section>
  );
}
