import { useState } from "react";
import { messageOf } from "../api";
import { campaignsApi, type Campaign } from "../campaigns-api";
import { t } from "../i18n";

interface Props {
  campaign: Campaign;
  onChange: (campaign: Campaign) => void;
}

/** Pause, resume and cancel, as the campaign's status allows (cancel asks first). */
export function CampaignActions({ campaign, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const { status } = campaign;

  async function act(action: "pause" | "resume" | "cancel") {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await campaignsApi.act(campaign.id, action));
      setConfirming(false);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  const canPause = status === "running" || status === "scheduled" || status === "needs_reconnect";
  const canResume = status === "paused" || status === "draft";
  const canCancel = canPause || canResume;
  if (!canCancel) return null;
  return (
    <div className="campaign-actions">
      {canPause && (
        <button className="button" type="button" disabled={busy} onClick={() => act("pause")}>
          {t("campaigns.pause")}
        </button>
      )}
      {canResume && (
        <button className="button" type="button" disabled={busy} onClick={() => act("resume")}>
          {status === "draft" ? t("campaigns.start") : t("campaigns.resume")}
        </button>
      )}
      {!confirming && (
        <button className="button danger" type="button" disabled={busy} onClick={() => setConfirming(true)}>
          {t("campaigns.cancel")}
        </button>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={t("campaigns.cancelNamed", { name: campaign.name })}>
          <p>{t("campaigns.cancelConfirm", { name: campaign.name })}</p>
          <button className="button danger" type="button" disabled={busy} onClick={() => act("cancel")}>
            {busy ? t("campaigns.cancelling") : t("campaigns.cancelYes")}
          </button>
          <button className="button" type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t("campaigns.keep")}
          </button>
        </div>
      )}
      {error && (
        <p className="row-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
