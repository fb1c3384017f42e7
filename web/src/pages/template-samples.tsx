import { FormField } from "./form-field";

interface Props {
  /** "Header" or "Body": part of each input's label. */
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
      <legend>{part} samples</legend>
      {variables.map((name, i) => (
        <FormField key={name} label={`${part} sample for {{${name}}}`} errors={i === 0 ? errors : undefined}>
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
