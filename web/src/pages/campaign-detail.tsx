import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { campaignsApi, isActive, type Campaign } from "../campaigns-api";
import { campaignIdOf, STREAM_OPENED, useLiveEvents } from "../live-events";
import { messagesApi, type Message } from "../messages-api";
import { useCoalesced, useInterval, useLatest } from "../polling";
import { href, hrefWith } from "../router";
import { CampaignActions } from "./campaign-actions";
import { waitsUntil } from "./campaign-list";
import { CampaignMessages } from "./campaign-messages";
import { CampaignProgress } from "./campaign-progress";
import { formatTime } from "./connection-card";
import { FunnelChart } from "./funnel-chart";
import { MessageDetail } from "./message-detail";
import { StatusBadge } from "./status-badge";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceId: string;
  campaignId: string;
  /** The message whose detail is open, if any. */
  messageId: string | undefined;
}

/** One campaign: progress, funnel, skipped reasons, its messages, and a message's detail. */
export function CampaignDetail({ workspaceId, campaignId, messageId }: Props) {
  const [campaign, setCampaign] = useState<Campaign>();
  const [messages, setMessages] = useState<Message[]>();
  const [error, setError] = useState<string>();
  const fail = (caught: unknown) => setError(messageOf(caught));
  const loadCampaign = useLatest(() => campaignsApi.get(campaignId), setCampaign, fail);
  const loadMessages = useLatest(
    async () => (campaign ? messagesApi.forCampaign(campaignId, campaign.createdAt) : undefined),
    (list) => list && setMessages(list),
    fail,
  );
  const refresh = useCoalesced(() => void Promise.all([loadCampaign(), loadMessages()]), 400);

  useEffect(() => void loadCampaign(), [loadCampaign, campaignId]);
  useEffect(() => void loadMessages(), [loadMessages, campaign?.createdAt]);
  useInterval(refresh, 2_000, campaign ? isActive(campaign) : false);
  useLiveEvents(workspaceId, (event) => {
    if (campaignIdOf(event) === campaignId || event.type === STREAM_OPENED) refresh();
  });

  const closeHref = hrefWith("campaigns", { campaign: campaignId });
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">
        <a href={href("campaigns")}>{t("page.campaigns")}</a> ›
      </p>
      <div className="page-head">
        <h1 id="page-title">{campaign?.name ?? t("campaigns.campaign")}</h1>
        {campaign && <StatusBadge status={campaign.status} />}
      </div>
      <Alert message={error} />
      {campaign?.failureReason && (
        <p className="alert" role="alert">
          {campaign.failureReason}
        </p>
      )}
      {campaign && (
        <>
          <section className="card panel" aria-label={t("campaigns.progress")}>
            <p className="muted small campaign-meta">
              {t("campaigns.templateMeta", { name: campaign.template.name, language: campaign.template.language })} ·{" "}
              {t("campaigns.created", { time: formatTime(campaign.createdAt, "—") })}
              {campaign.scheduledAt && (
                <>
                  {" "}
                  ·{" "}
                  {t(waitsUntil(campaign) ? "campaigns.starts" : "campaigns.wasScheduled", {
                    time: formatTime(campaign.scheduledAt, "—"),
                  })}
                </>
              )}
            </p>
            <CampaignProgress campaign={campaign} />
            <CampaignActions campaign={campaign} onChange={setCampaign} />
          </section>
          <section className="card panel" aria-label={t("campaigns.funnel")}>
            <FunnelChart campaign={campaign} />
          </section>
          <section className="card panel" aria-labelledby="messages-title">
            <h2 id="messages-title">{t("campaigns.messages")}</h2>
            {messages ? (
              <CampaignMessages campaignId={campaignId} messages={messages} />
            ) : (
              <p className="muted">{t("campaigns.loadingMessages")}</p>
            )}
          </section>
        </>
      )}
      {messageId && (
        <MessageDetail key={messageId} workspaceId={workspaceId} messageId={messageId} closeHref={closeHref} />
      )}
    </section>
  );
}
