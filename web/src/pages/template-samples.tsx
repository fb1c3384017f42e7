import { FormField } from "./form-field";
import { t } from "../i18n";

interface Props {
  /** "Header" or "Body", in the current language: part of each input's label. */
  part: string;
  variables: string[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  errors?: string[] | undefined;
}

/** One sample value per variable: Meta's reviewers read the template with these. */
export function TemplateSamples({ part, variables, values, onChange, errors }: Props) {
  if (variables.length === 0) return null;
  return (
    <fieldset className="samples">
      <legend>{t("templates.samples.title", { part })}</legend>
      {variables.map((name, i) => (
        <FormField key={name} label={t("templates.samples.for", { part, name })} errors={i === 0 ? errors : undefined}>
          <input
            value={values[name] ?? ""}
            onChange={(event) => onChange({ ...values, [name]: event.target.value })}
            required
          />
        </FormField>
      ))}
    </fieldset>
  );
}
