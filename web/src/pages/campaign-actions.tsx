import { useState } from "react";
import { messageOf } from "../api";
import { campaignsApi, type Campaign } from "../campaigns-api";

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
          Pause
        </button>
      )}
      {canResume && (
        <button className="button" type="button" disabled={busy} onClick={() => act("resume")}>
          {status === "draft" ? "Start" : "Resume"}
        </button>
      )}
      {!confirming && (
        <button className="button danger" type="button" disabled={busy} onClick={() => setConfirming(true)}>
          Cancel campaign
        </button>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={`Cancel ${campaign.name}`}>
          <p>Cancel {campaign.name}? Recipients not yet sent to are skipped; this cannot be undone.</p>
          <button className="button danger" type="button" disabled={busy} onClick={() => act("cancel")}>
            {busy ? "Cancelling…" : "Yes, cancel it"}
          </button>
          <button className="button" type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Keep it
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
