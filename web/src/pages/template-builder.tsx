import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { EMPTY_DRAFT, groupIssues, toTemplate, type Draft } from "../template-draft";
import { templatesApi, type ParameterFormat, type Template, type TemplateCategory } from "../templates-api";
import { FieldErrors, FormField } from "./form-field";
import { TemplateAuthenticationField } from "./template-authentication-field";
import { TemplateBodyField } from "./template-body-field";
import { TemplateButtonsField } from "./template-buttons-field";
import { TemplateHeaderField } from "./template-header-field";
import { TemplateOfferField } from "./template-offer-field";
import { TemplatePreview } from "./template-preview";
import { t } from "../i18n";

const LANGUAGES = ["en_US", "en_GB", "en", "es", "es_MX", "pt_BR", "fr", "de", "it", "nl", "id", "hi", "ar", "tr"];

interface Props {
  onCreated: (template: Template) => void;
  onCancel: () => void;
}

/** Builds a template with a live WhatsApp preview and submits it to Meta for review. */
export function TemplateBuilder({ onCreated, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [media, setMedia] = useState<{ url: string; name: string }>();
  const preview = useMemo(() => toTemplate(draft).template.components, [draft]);
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const authentication = draft.category === "AUTHENTICATION";
  // Each picked file's local copy is released when another replaces it or the builder closes.
  useEffect(() => () => void (media && URL.revokeObjectURL(media.url)), [media]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { template, fieldOf } = toTemplate(draft);
    setSubmitting(true);
    setError(undefined);
    setIssues({});
    try {
      onCreated(await templatesApi.create(template));
    } catch (caught) {
      setError(messageOf(caught));
      if (caught instanceof ApiError) setIssues(groupIssues(caught.details, fieldOf));
      setSubmitting(false);
    }
  }

  return (
    <section className="card panel" aria-labelledby="builder-title">
      <div className="panel-head">
        <h2 id="builder-title">{t("templates.new")}</h2>
      </div>
      {error && (
        <div className="alert" role="alert">
          <p>{error}</p>
          <FieldErrors errors={issues["form"]} />
        </div>
      )}
      <div className="builder">
        <form className="builder-form" onSubmit={(event) => void submit(event)} aria-labelledby="builder-title">
          <div className="field-row">
            <FormField
              label={t("templates.builder.templateName")}
              errors={issues["name"]}
              hint={t("templates.builder.nameHint")}
            >
              <input
                value={draft.name}
                onChange={(event) => update({ name: event.target.value })}
                required
                autoComplete="off"
              />
            </FormField>
            <FormField label={t("templates.builder.language")} errors={issues["language"]}>
              <input
                value={draft.language}
                list="template-languages"
                onChange={(event) => update({ language: event.target.value })}
                required
              />
            </FormField>
            <datalist id="template-languages">
              {LANGUAGES.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
            <FormField label={t("templates.builder.category")} errors={issues["category"]}>
              <select
                value={draft.category}
                onChange={(event) => update({ category: event.target.value as TemplateCategory })}
              >
                <option value="UTILITY">{t("templates.category.UTILITY")}</option>
                <option value="MARKETING">{t("templates.category.MARKETING")}</option>
                <option value="AUTHENTICATION">{t("templates.builder.authentication")}</option>
              </select>
            </FormField>
            {!authentication && (
              <FormField label={t("templates.builder.variables")}>
                <select
                  value={draft.parameterFormat}
                  onChange={(event) =>
                    update({
                      parameterFormat: event.target.value as ParameterFormat,
                      headerExamples: {},
                      bodyExamples: {},
                    })
                  }
                >
                  <option value="POSITIONAL">
                    {t("templates.builder.numbered")} {"{{1}}"}
                  </option>
                  <option value="NAMED">
                    {t("templates.builder.named")} {"{{first_name}}"}
                  </option>
                </select>
              </FormField>
            )}
          </div>
          {authentication ? (
            <TemplateAuthenticationField draft={draft} update={update} issues={issues} />
          ) : (
            <>
              <TemplateHeaderField draft={draft} update={update} issues={issues} onMedia={setMedia} />
              {draft.category === "MARKETING" && <TemplateOfferField draft={draft} update={update} issues={issues} />}
              <TemplateBodyField
                draft={draft}
                update={update}
                issues={issues}
                footer={!(draft.category === "MARKETING" && draft.offer.enabled)}
              />
              <TemplateButtonsField draft={draft} update={update} issues={issues} />
            </>
          )}
          <div className="actions">
            <button className="button primary" type="submit" disabled={submitting}>
              {submitting ? t("templates.builder.submitting") : t("templates.builder.submit")}
            </button>
            <button className="button" type="button" onClick={onCancel} disabled={submitting}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
        <div className="builder-preview">
          <p className="preview-title">{t("common.preview")}</p>
          <TemplatePreview components={preview} media={authentication ? undefined : media} />
          <p className="hint">{t("templates.builder.previewHint")}</p>
        </div>
      </div>
    </section>
  );
}
