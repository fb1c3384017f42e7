import type { Campaign } from "../campaigns-api";

// A campaign's progress: one bar split by where each recipient is now, and the counts.

const SEGMENTS = [
  { key: "read", label: "read" },
  { key: "delivered", label: "delivered" },
  { key: "sent", label: "sent" },
  { key: "failed", label: "failed" },
  { key: "skipped", label: "skipped" },
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
        aria-label={`Progress of ${campaign.name}`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} recipients handled (${percent}%)`}
      >
        {SEGMENTS.map(({ key }) =>
          counts[key] > 0 ? (
            <span key={key} className={`segment ${key}`} style={{ width: `${(counts[key] / total) * 100}%` }} />
          ) : null,
        )}
      </div>
      <ul className="counts" aria-label={`Counts of ${campaign.name}`}>
        <li>
          <strong>{total}</strong> recipients
        </li>
        <li>
          <strong>{counts.queued}</strong> queued
        </li>
        {SEGMENTS.map(({ key, label }) => (
          <li key={key} className={`count ${key}`}>
            <strong>{counts[key]}</strong> {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
