import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { sendShape } from "../recipients";
import { templatesApi, type Template } from "../templates-api";
import { FormField } from "./form-field";
import { TemplatePreview } from "./template-preview";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  /** Sends the chosen template; throws the server's error. */
  send: (template: { name: string; language: string; parameters?: string[] | Record<string, string> }) => Promise<void>;
}

const keyOf = (tpl: Template) => `${tpl.name}/${tpl.language}`;

/** An approved template with its body parameters: what WhatsApp allows outside the window. */
export function TemplateReply({ send }: Props) {
  const [templates, setTemplates] = useState<Template[]>();
  const [key, setKey] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    templatesApi.approved().then(setTemplates, (caught: unknown) => setError(messageOf(caught)));
  }, []);

  const template = templates?.find((tpl) => keyOf(tpl) === key);
  const variables = template ? sendShape(template).variables : [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!template) return;
    setBusy(true);
    setError(undefined);
    const given = variables.map((name) => values[name] ?? "");
    const parameters =
      template.parameterFormat === "NAMED" ? Object.fromEntries(variables.map((name, i) => [name, given[i]!])) : given;
    try {
      await send({ name: template.name, language: template.language, ...(variables.length ? { parameters } : {}) });
      setKey("");
      setValues({});
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="template-reply" onSubmit={submit} aria-label={t("templates.reply.label")}>
      <Alert message={error} />
      <FormField
        label={t("common.template")}
        hint={templates?.length === 0 ? t("campaigns.form.noTemplate") : undefined}
      >
        <select value={key} onChange={(event) => (setKey(event.target.value), setValues({}))} required>
          <option value="">{t("campaigns.form.chooseTemplate")}</option>
          {templates?.map((tpl) => {
            const unsupported = sendShape(tpl).unsupported;
            return (
              <option key={tpl.id} value={keyOf(tpl)} disabled={unsupported !== undefined}>
                {tpl.name} · {tpl.language}
                {unsupported ? ` (${unsupported})` : ""}
              </option>
            );
          })}
        </select>
      </FormField>
      {variables.map((name) => (
        <FormField key={name} label={`Parameter {{${name}}}`}>
          <input
            value={values[name] ?? ""}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
            required
          />
        </FormField>
      ))}
      {template && (
        <TemplatePreview
          components={template.components}
          values={Object.keys(values).length ? values : undefined}
          label={t("templates.previewOf", { name: template.name })}
        />
      )}
      <button className="button primary" type="submit" disabled={busy || !template}>
        {busy ? t("templates.reply.sending") : t("templates.reply.send")}
      </button>
    </form>
  );
}
