import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { campaignsApi, isActive, type Campaign } from "../campaigns-api";
import { campaignIdOf, STREAM_OPENED, useLiveEvents } from "../live-events";
import { useCoalesced, useInterval, useLatest } from "../polling";
import { hrefWith, navigate, useHashParams } from "../router";
import { CampaignDetail } from "./campaign-detail";
import { CampaignForm } from "./campaign-form";
import { CampaignList } from "./campaign-list";
import { usePageTitle } from "./feature-page";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceId: string;
  workspaceName: string;
}

/** What the answer that created a campaign warned of (a start time already past), shown on its page. */
const CREATION_WARNINGS = new Map<string, string[]>();

/** `#/campaigns` lists them; `#/campaigns?campaign=cmp_…[&message=msg_…]` opens one. */
export function CampaignsPage({ workspaceId, workspaceName }: Props) {
  usePageTitle("Campaigns", workspaceName);
  const params = useHashParams();
  const campaignId = params.get("campaign");
  if (campaignId) {
    const warnings = CREATION_WARNINGS.get(campaignId) ?? [];
    return (
      <>
        {warnings.map((warning) => (
          <p className="alert" role="alert" key={warning}>
            {warning}
          </p>
        ))}
        <CampaignDetail
          key={campaignId}
          workspaceId={workspaceId}
          campaignId={campaignId}
          messageId={params.get("message") ?? undefined}
        />
      </>
    );
  }
  return <CampaignOverview workspaceId={workspaceId} workspaceName={workspaceName} />;
}

/** The list with live progress: events as they come, and a read every 2 s while any runs. */
function CampaignOverview({ workspaceId, workspaceName }: Props) {
  const [campaigns, setCampaigns] = useState<Campaign[]>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const load = useLatest(
    campaignsApi.list,
    (list) => (setCampaigns(list), setError(undefined)),
    (caught) => setError(messageOf(caught)),
  );
  const refresh = useCoalesced(() => void load(), 400);
  useEffect(() => void load(), [load]);
  // load() catches its own errors (useLatest hands them to `fail`).
  useInterval(() => void load(), 2_000, campaigns?.some(isActive) ?? false);
  useLiveEvents(workspaceId, (event) => {
    if (event.type === STREAM_OPENED || campaignIdOf(event) !== undefined) refresh();
  });
  const replace = (updated: Campaign) => setCampaigns((list) => list?.map((c) => (c.id === updated.id ? updated : c)));

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="page-head">
        <h1 id="page-title">{t("page.campaigns")}</h1>
        {!creating && (
          <button className="button primary" type="button" onClick={() => setCreating(true)}>
            {t("campaigns.new")}
          </button>
        )}
      </div>
      <Alert message={error} />
      {creating && (
        <CampaignForm
          onCancel={() => setCreating(false)}
          onCreated={(campaign) => {
            setCreating(false);
            if (campaign.warnings?.length)
              CREATION_WARNINGS.set(
                campaign.id,
                campaign.warnings.map((w) => w.message),
              );
            navigate(hrefWith("campaigns", { campaign: campaign.id }));
          }}
        />
      )}
      {campaigns === undefined ? (
        !error && <p className="muted">{t("campaigns.loading")}</p>
      ) : campaigns.length === 0 ? (
        !creating && <p className="empty-state">{t("campaigns.empty")}</p>
      ) : (
        <CampaignList campaigns={campaigns} onChange={replace} />
      )}
    </section>
  );
}
