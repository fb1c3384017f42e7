import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { sendShape } from "../recipients";
import { templatesApi, type Template } from "../templates-api";
import { FormField } from "./form-field";
import { TemplatePreview } from "./template-preview";

interface Props {
  /** Sends the chosen template; throws the server's error. */
  send: (template: { name: string; language: string; parameters?: string[] | Record<string, string> }) => Promise<void>;
}

const keyOf = (t: Template) => `${t.name}/${t.language}`;

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

  const template = templates?.find((t) => keyOf(t) === key);
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
    <form className="template-reply" onSubmit={submit} aria-label="Reply with a template">
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <FormField
        label="Template"
        hint={templates?.length === 0 ? "No approved template yet: create one on the Templates page." : undefined}
      >
        <select value={key} onChange={(event) => (setKey(event.target.value), setValues({}))} required>
          <option value="">Choose an approved template</option>
          {templates?.map((t) => {
            const unsupported = sendShape(t).unsupported;
            return (
              <option key={t.id} value={keyOf(t)} disabled={unsupported !== undefined}>
                {t.name} · {t.language}
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
          label={`Preview of ${template.name}`}
        />
      )}
      <button className="button primary" type="submit" disabled={busy || !template}>
        {busy ? "Sending…" : "Send template"}
      </button>
    </form>
  );
}
