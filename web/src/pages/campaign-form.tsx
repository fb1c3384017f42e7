import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { campaignsApi, type Audience, type Campaign } from "../campaigns-api";
import { contactsApi } from "../contacts-api";
import { phoneNumbersApi, type PhoneNumber } from "../connection-api";
import { describeIssue, parseRecipients, sendShape } from "../recipients";
import { segmentsApi, type Segment } from "../segments-api";
import { templatesApi, type Template } from "../templates-api";
import { FieldErrors, FormField } from "./form-field";
import { TemplatePreview } from "./template-preview";
import { textField } from "../form-data";
import { t, tp } from "../i18n";
import { Alert } from "./alert";

interface Props {
  onCreated: (campaign: Campaign) => void;
  onCancel: () => void;
}

const keyOf = (t: Template) => `${t.name}/${t.language}`;

type AudienceKind = "paste" | "segment" | "tag";

/**
 * A new campaign: an active number, an approved template, and who gets it: recipients pasted one
 * per line, or a segment's or a tag's contacts as they are when the campaign starts.
 */
export function CampaignForm({ onCreated, onCancel }: Props) {
  const [numbers, setNumbers] = useState<PhoneNumber[]>();
  const [templates, setTemplates] = useState<Template[]>();
  const [templateKey, setTemplateKey] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [sendAtPast, setSendAtPast] = useState(false);
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const [submitting, setSubmitting] = useState(false);
  const [kind, setKind] = useState<AudienceKind>("paste");
  const [segments, setSegments] = useState<Segment[]>();
  const [tags, setTags] = useState<{ tag: string; count: number }[]>();
  const [segmentId, setSegmentId] = useState("");
  const [tag, setTag] = useState("");

  useEffect(() => {
    if (kind === "segment" && !segments)
      segmentsApi.list().then(setSegments, (caught: unknown) => setError(messageOf(caught)));
    if (kind === "tag" && !tags) contactsApi.tags().then(setTags, (caught: unknown) => setError(messageOf(caught)));
  }, [kind, segments, tags]);

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

  // Audience members are sent the template as it is: one whose body takes parameters needs them pasted.
  const audienceBlocked = kind !== "paste" && (shape?.variables.length ?? 0) > 0;
  const audience: Audience | undefined =
    kind === "segment" && segmentId ? { segmentId } : kind === "tag" && tag ? { tag } : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kind !== "paste") {
      if (!template || audienceBlocked || !audience) {
        setIssues({
          audience: audience
            ? []
            : [kind === "segment" ? t("campaigns.form.chooseSegment") : t("campaigns.form.chooseTag")],
        });
        return;
      }
    } else if (!template || parsed.errors.length > 0 || parsed.recipients.length === 0) {
      setIssues({
        recipients: parsed.recipients.length === 0 && !parsed.errors.length ? [t("campaigns.form.pasteOne")] : [],
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
        ...(kind === "paste" ? { recipients: parsed.recipients } : { audience }),
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

  const placeholder = `+15551234567${shape?.variables.map((v) => `, ${v === "1" ? "Ana" : t("campaigns.form.valueOf", { n: v })}`).join("") ?? ", Ana"}`;
  return (
    <section className="card panel" aria-labelledby="campaign-form-title">
      <h2 id="campaign-form-title">{t("campaigns.new")}</h2>
      <Alert message={error} />
      <div className="builder">
        <form className="builder-form" onSubmit={submit} aria-labelledby="campaign-form-title">
          <FormField label={t("campaigns.form.name")} errors={issues["name"]}>
            <input name="name" required maxLength={200} autoComplete="off" />
          </FormField>
          <FormField
            label={t("campaigns.form.from")}
            errors={issues["from"]}
            hint={numbers?.length === 0 ? t("campaigns.form.noNumber") : undefined}
          >
            <select name="from" required>
              {numbers?.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.displayPhoneNumber}
                  {n.verifiedName ? ` · ${n.verifiedName}` : ""}
                  {n.sendingPaused ? t("campaigns.form.pausedNumber") : ""}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label={t("common.template")}
            errors={issues["template"]}
            hint={
              templates?.length === 0
                ? t("campaigns.form.noTemplate")
                : template?.category === "MARKETING"
                  ? t("campaigns.form.marketingOptIn")
                  : undefined
            }
          >
            <select value={templateKey} onChange={(event) => setTemplateKey(event.target.value)} required>
              <option value="">{t("campaigns.form.chooseTemplate")}</option>
              {templates?.map((tpl) => {
                const unsupported = sendShape(tpl).unsupported;
                return (
                  <option key={tpl.id} value={keyOf(tpl)} disabled={unsupported !== undefined}>
                    {tpl.name} · {tpl.language}
                    {unsupported ? t("campaigns.form.unsupported", { what: unsupported }) : ""}
                  </option>
                );
              })}
            </select>
          </FormField>
          <fieldset className="audience-kind">
            <legend>{t("campaigns.form.sendTo")}</legend>
            {(
              [
                ["paste", "campaigns.form.kind.paste"],
                ["segment", "campaigns.form.kind.segment"],
                ["tag", "campaigns.form.kind.tag"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="checkbox">
                <input
                  type="radio"
                  name="audienceKind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />{" "}
                {t(label)}
              </label>
            ))}
          </fieldset>
          {kind === "paste" ? (
            <>
              <FormField
                label={t("campaigns.form.recipients")}
                errors={issues["recipients"]}
                hint={
                  shape?.variables.length
                    ? tp("campaigns.form.recipientsHintParams", shape.variables.length)
                    : t("campaigns.form.recipientsHint")
                }
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
                  {tp("campaigns.form.ready", parsed.recipients.length)}
                  {parsed.errors.length ? tp("campaigns.form.toFix", parsed.errors.length) : "."}
                </p>
              )}
              <FieldErrors errors={parsed.errors} />
            </>
          ) : kind === "segment" ? (
            <FormField
              label={t("campaigns.form.segment")}
              errors={issues["audience"]}
              hint={segments?.length === 0 ? t("campaigns.form.noSegment") : t("campaigns.form.audienceHint")}
            >
              <select value={segmentId} onChange={(event) => setSegmentId(event.target.value)} required>
                <option value="">{t("campaigns.form.chooseSegmentOption")}</option>
                {segments?.map((s) => (
                  <option key={s.id} value={s.id}>
                    {tp("campaigns.form.contacts", s.count, { name: s.name })}
                  </option>
                ))}
              </select>
            </FormField>
          ) : (
            <FormField
              label={t("campaigns.form.tag")}
              errors={issues["audience"]}
              hint={tags?.length === 0 ? t("campaigns.form.noTag") : t("campaigns.form.audienceHint")}
            >
              <select value={tag} onChange={(event) => setTag(event.target.value)} required>
                <option value="">{t("campaigns.form.chooseTagOption")}</option>
                {tags?.map((tagged) => (
                  <option key={tagged.tag} value={tagged.tag}>
                    {tp("campaigns.form.contacts", tagged.count, { name: tagged.tag })}
                  </option>
                ))}
              </select>
            </FormField>
          )}
          {audienceBlocked && template && (
            <p className="row-error" role="alert">
              {tp("campaigns.form.blocked", shape?.variables.length ?? 0, { name: template.name })}
            </p>
          )}
          <FormField
            label={t("campaigns.form.sendAt")}
            hint={
              sendAtPast ? (
                <span className="row-error" role="status">
                  {t("campaigns.form.sendAtPast")}
                </span>
              ) : (
                t("campaigns.form.sendAtHint")
              )
            }
          >
            <input
              name="sendAt"
              type="datetime-local"
              onChange={(event) => setSendAtPast(isPast(event.target.value))}
            />
          </FormField>
          <div className="actions">
            <button
              className="button primary"
              type="submit"
              disabled={submitting || !numbers?.length || audienceBlocked}
            >
              {submitting ? t("campaigns.form.creating") : t("campaigns.form.create")}
            </button>
            <button className="button" type="button" onClick={onCancel} disabled={submitting}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
        {template && (
          <div className="builder-preview">
            <p className="preview-title">{t("common.preview")}</p>
            <TemplatePreview
              components={template.components}
              values={values}
              label={t("campaigns.form.previewOf", { name: template.name })}
            />
            {kind === "paste" && <p className="hint">{t("campaigns.form.previewHint")}</p>}
          </div>
        )}
      </div>
    </section>
  );
}

/** A datetime-local value (the browser's local time) that is already past. */
function isPast(value: string): boolean {
  const at = value ? new Date(value).getTime() : NaN;
  return Number.isFinite(at) && at <= Date.now();
}
