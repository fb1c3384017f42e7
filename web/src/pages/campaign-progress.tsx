import type { Campaign } from "../campaigns-api";
import { t, formatNumber } from "../i18n";

// A campaign's progress: one bar split by where each recipient is now, and the counts.

const SEGMENTS = [
  { key: "read", label: "campaigns.count.read" },
  { key: "delivered", label: "campaigns.count.delivered" },
  { key: "sent", label: "campaigns.count.sent" },
  { key: "failed", label: "campaigns.count.failed" },
  { key: "skipped", label: "campaigns.count.skipped" },
] as const;

export function CampaignProgress({ campaign }: { campaign: Campaign }) {
  const { counts } = campaign;
  const total = counts.total;
  const done = total - counts.queued;
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="campaign-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t("campaigns.progressOf", { name: campaign.name })}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t("campaigns.handled", { done, total, percent })}
      >
        {SEGMENTS.map(({ key }) =>
          counts[key] > 0 ? (
            <span key={key} className={`segment ${key}`} style={{ width: `${(counts[key] / total) * 100}%` }} />
          ) : null,
        )}
      </div>
      <ul className="counts" aria-label={t("campaigns.countsOf", { name: campaign.name })}>
        <li>
          <strong>{formatNumber(total)}</strong> {t("campaigns.count.recipients")}
        </li>
        <li>
          <strong>{formatNumber(counts.queued)}</strong> {t("campaigns.count.queued")}
        </li>
        {SEGMENTS.map(({ key, label }) => (
          <li key={key} className={`count ${key}`}>
            <strong>{formatNumber(counts[key])}</strong> {t(label)}
          </li>
        ))}
      </ul>
    </div>
  );
}
