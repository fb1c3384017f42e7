import { CONSENT_LABELS, type MarketingConsent } from "../contacts-api";

const TONES: Record<MarketingConsent, string> = { opted_in: "ok", opted_out: "danger", unknown: "off" };

/** Marketing consent as a badge; an opt-out is red everywhere it shows. */
export function ConsentBadge({ consent }: { consent: MarketingConsent }) {
  return <span className={`badge ${TONES[consent]}`}>{CONSENT_LABELS[consent]}</span>;
}
