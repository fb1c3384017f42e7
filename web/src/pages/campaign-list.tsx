import type { Campaign } from "../campaigns-api";
import { hrefWith } from "../router";
import { CampaignActions } from "./campaign-actions";
import { CampaignProgress } from "./campaign-progress";
import { formatTime } from "./connection-card";
import { StatusBadge } from "./status-badge";
import { t } from "../i18n";

/** A campaign whose start is still ahead (scheduled, or paused or resumed before its time). */
export const waitsUntil = (campaign: Campaign) =>
  campaign.scheduledAt !== null &&
  Date.parse(campaign.scheduledAt) > Date.now() &&
  ["scheduled", "paused", "running"].includes(campaign.status);

interface Props {
  campaigns: Campaign[];
  onChange: (campaign: Campaign) => void;
}

/** Every campaign, newest first, with its progress and what can be done with it. */
export function CampaignList({ campaigns, onChange }: Props) {
  return (
    <ul className="campaign-list" aria-label={t("page.campaigns")}>
      {campaigns.map((campaign) => (
        <li key={campaign.id} className="card panel campaign-card" aria-labelledby={`campaign-${campaign.id}`}>
          <div className="panel-head">
            <h2 id={`campaign-${campaign.id}`}>
              <a href={hrefWith("campaigns", { campaign: campaign.id })}>{campaign.name}</a>
            </h2>
            <StatusBadge status={campaign.status} />
          </div>
          <p className="muted small campaign-meta">
            {campaign.template.name} · {campaign.template.language} ·{" "}
            {t("campaigns.created", { time: formatTime(campaign.createdAt, "—") })}
            {waitsUntil(campaign) && <> · {t("campaigns.starts", { time: formatTime(campaign.scheduledAt, "—") })}</>}
          </p>
          <CampaignProgress campaign={campaign} />
          <CampaignActions campaign={campaign} onChange={onChange} />
        </li>
      ))}
    </ul>
  );
}
