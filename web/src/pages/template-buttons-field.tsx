import { variablesIn, type ButtonType, type Draft, type DraftButton } from "../template-draft";
import { FieldErrors, FormField } from "./form-field";
import { t, type MessageKey } from "../i18n";

const TYPES: { value: ButtonType; label: MessageKey }[] = [
  { value: "QUICK_REPLY", label: "templates.buttons.quickReply" },
  { value: "URL", label: "templates.buttons.url" },
  { value: "PHONE_NUMBER", label: "templates.buttons.phone" },
];
const MAX_BUTTONS = 10;
const NEW_BUTTON: DraftButton = { type: "QUICK_REPLY", text: "", url: "", phone: "", example: "" };

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Record<string, string[]>;
}

/** Up to ten buttons: quick replies, at most two website links and one phone number. */
export function TemplateButtonsField({ draft, update, issues }: Props) {
  const buttons = draft.buttons;
  const change = (index: number, patch: Partial<DraftButton>) =>
    update({ buttons: buttons.map((button, i) => (i === index ? { ...button, ...patch } : button)) });
  const remove = (index: number) => update({ buttons: buttons.filter((_, i) => i !== index) });

  return (
    <fieldset className="builder-section">
      <legend>{t("templates.buttons.title")}</legend>
      <FieldErrors errors={issues["buttons"]} />
      {buttons.map((button, i) => {
        const n = i + 1;
        const errors = (field: string) => issues[`button.${i}.${field}`];
        return (
          <div className="button-row" key={i} role="group" aria-label={t("templates.buttons.button", { n })}>
            <FormField label={t("templates.buttons.type", { n })} errors={errors("type")}>
              <select value={button.type} onChange={(event) => change(i, { type: event.target.value as ButtonType })}>
                {TYPES.map((type) => (
                  <option key={type.value} value={type.value}>
                    {t(type.label)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("templates.buttons.text", { n })} errors={errors("text")}>
              <input
                value={button.text}
                maxLength={25}
                onChange={(event) => change(i, { text: event.target.value })}
                required
              />
            </FormField>
            {button.type === "URL" && (
              <FormField
                label={t("templates.buttons.urlLabel", { n })}
                errors={errors("url")}
                hint={t("templates.buttons.urlHint")}
              >
                <input
                  type="url"
                  value={button.url}
                  onChange={(event) => change(i, { url: event.target.value })}
                  placeholder="https://example.com/track/{{1}}"
                />
              </FormField>
            )}
            {button.type === "URL" && variablesIn(button.url, "POSITIONAL").length > 0 && (
              <FormField label={t("templates.buttons.sampleUrl", { n })} errors={errors("example")}>
                <input
                  type="url"
                  value={button.example}
                  onChange={(event) => change(i, { example: event.target.value })}
                  placeholder="https://example.com/track/A17"
                />
              </FormField>
            )}
            {button.type === "PHONE_NUMBER" && (
              <FormField
                label={`Button ${n} phone number`}
                errors={errors("phone_number")}
                hint={t("templates.buttons.phoneHint")}
              >
                <input type="tel" value={button.phone} onChange={(event) => change(i, { phone: event.target.value })} />
              </FormField>
            )}
            <button className="link-button remove-button" type="button" onClick={() => remove(i)}>
              {t("templates.buttons.removeN", { n })}
            </button>
          </div>
        );
      })}
      {buttons.length < MAX_BUTTONS && (
        <button
          className="button small-button"
          type="button"
          onClick={() => update({ buttons: [...buttons, NEW_BUTTON] })}
        >
          {t("templates.buttons.add")}
        </button>
      )}
    </fieldset>
  );
}
