import { useRef } from "react";
import { variablesIn, type Draft } from "../template-draft";
import { FormField } from "./form-field";
import { TemplateSamples } from "./template-samples";
import { t } from "../i18n";

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Record<string, string[]>;
  /** A limited-time offer has no footer. */
  footer?: boolean;
}

/** The next variable to insert: {{3}} after {{1}} and {{2}}, or a fresh name for NAMED templates. */
function nextVariable(draft: Draft): string {
  const used = variablesIn(draft.body, draft.parameterFormat);
  if (draft.parameterFormat === "POSITIONAL") return String(used.length + 1);
  for (let n = 1; ; n++) if (!used.includes(`param_${n}`)) return `param_${n}`;
}

/** The body with its variables and their samples, and the footer. */
export function TemplateBodyField({ draft, update, issues, footer = true }: Props) {
  const textarea = useRef<HTMLTextAreaElement>(null);

  function addVariable() {
    const token = `{{${nextVariable(draft)}}}`;
    const field = textarea.current;
    const at = field?.selectionStart ?? draft.body.length;
    const end = field?.selectionEnd ?? at;
    update({ body: draft.body.slice(0, at) + token + draft.body.slice(end) });
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  const hint =
    draft.parameterFormat === "POSITIONAL" ? t("templates.body.hintNumbered") : t("templates.body.hintNamed");

  return (
    <fieldset className="builder-section">
      <legend>{footer ? t("templates.body.bodyAndFooter") : t("templates.body.body")}</legend>
      <FormField label={t("templates.body.body")} errors={issues["body"]} hint={hint}>
        <textarea
          ref={textarea}
          rows={5}
          maxLength={1024}
          value={draft.body}
          onChange={(event) => update({ body: event.target.value })}
          required
        />
      </FormField>
      <button className="button small-button" type="button" onClick={addVariable}>
        {t("templates.body.addVariable")}
      </button>
      <TemplateSamples
        part={t("templates.body.body")}
        variables={variablesIn(draft.body, draft.parameterFormat)}
        values={draft.bodyExamples}
        onChange={(bodyExamples) => update({ bodyExamples })}
        errors={issues["bodyExamples"]}
      />
      {footer && (
        <FormField label={t("templates.body.footer")} errors={issues["footer"]} hint={t("templates.body.footerHint")}>
          <input value={draft.footer} maxLength={60} onChange={(event) => update({ footer: event.target.value })} />
        </FormField>
      )}
    </fieldset>
  );
}
