import type { Draft, OfferDraft } from "../template-draft";
import { FormField } from "./form-field";

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
      <legend>Limited-time offer</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={offer.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
        />{" "}
        Make this a limited-time offer
      </label>
      {offer.enabled && (
        <>
          <p className="hint">
            No footer; add a URL button below. The header, if any, is an image or a video. Each send gives the offer’s
            expiry time.
          </p>
          <FormField label="Offer text" errors={issues["offer"]} hint="Up to 16 characters, e.g. “Expiring offer!”.">
            <input value={offer.text} maxLength={16} onChange={(event) => change({ text: event.target.value })} />
          </FormField>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={offer.hasExpiration}
              onChange={(event) => change({ hasExpiration: event.target.checked })}
            />{" "}
            Show the expiry countdown (needs an offer code)
          </label>
          <FormField label="Offer code sample" hint="Up to 15 characters; a Copy code button comes first.">
            <input value={offer.code} maxLength={15} onChange={(event) => change({ code: event.target.value })} />
          </FormField>
        </>
      )}
    </fieldset>
  );
}
