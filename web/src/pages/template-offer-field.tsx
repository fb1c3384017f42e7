import type { Draft, OfferDraft } from "../template-draft";
import { FormField } from "./form-field";
import { t } from "../i18n";

interface Props {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Record<string, string[]>;
}

/**
 * A MARKETING template as a limited-time offer (Meta, "Limited-time offer templates"): the offer
 * text above the body, an optional expiry countdown and the offer code's copy button. Meta wants
 * no footer and a URL button on such a template; the expiry time itself is given at each send.
 */
export function TemplateOfferField({ draft, update, issues }: Props) {
  const offer = draft.offer;
  const change = (patch: Partial<OfferDraft>) => update({ offer: { ...offer, ...patch } });

  return (
    <fieldset className="builder-section">
      <legend>{t("templates.offer.title")}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={offer.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
        />{" "}
        {t("templates.offer.make")}
      </label>
      {offer.enabled && (
        <>
          <p className="hint">{t("templates.offer.hint")}</p>
          <FormField label={t("templates.offer.text")} errors={issues["offer"]} hint={t("templates.offer.textHint")}>
            <input value={offer.text} maxLength={16} onChange={(event) => change({ text: event.target.value })} />
          </FormField>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={offer.hasExpiration}
              onChange={(event) => change({ hasExpiration: event.target.checked })}
            />{" "}
            {t("templates.offer.countdown")}
          </label>
          <FormField label={t("templates.offer.codeSample")} hint={t("templates.offer.codeHint")}>
            <input value={offer.code} maxLength={15} onChange={(event) => change({ code: event.target.value })} />
          </FormField>
        </>
      )}
    </fieldset>
  );
}
