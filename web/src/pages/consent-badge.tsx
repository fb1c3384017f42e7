import { CONSENT_LABELS, type MarketingConsent } from "../contacts-api";
import { t } from "../i18n";

const TONES: Record<MarketingConsent, string> = { opted_in: "ok", opted_out: "danger", unknown: "off" };

/** Marketing consent as a badge; an opt-out is red everywhere it shows. */
export function ConsentBadge({ consent }: { consent: MarketingConsent }) {
  return <span className={`badge ${TONES[consent]}`}>{t(CONSENT_LABELS[consent])}</span>;
}
