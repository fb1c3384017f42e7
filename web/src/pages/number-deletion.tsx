import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { numbersApi, type Deletion } from "../numbers-api";
import { formatTime } from "./connection-card";

const CHECK_LABELS: Record<string, string> = {
  messages_last_30_days: "No more than 1,000 messages sent from the number in the last 30 days",
  dues_settled: "Outstanding dues settled with Meta",
  not_banned: "The number is not banned",
};

/**
 * Deleting a number, as Meta's process goes: the checks up front, then on request all its messages
 * pause at once and a date is set; on that date Wharf deregisters it. Cancellable until then.
 */
export function DeletionPanel({
  numberId,
  displayNumber,
  isOwner,
  onChanged,
  onClose,
  onAddAgain,
}: {
  numberId: string;
  displayNumber: string;
  isOwner: boolean;
  onChanged: () => void;
  onClose: () => void;
  onAddAgain: () => void;
}) {
  const [deletion, setDeletion] = useState<Deletion>();
  const [dues, setDues] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    numbersApi.deletion(numberId).then(setDeletion, (err: unknown) => setError(messageOf(err)));
  }, [numberId]);

  async function run(action: () => Promise<Deletion>) {
    setBusy(true);
    setError(undefined);
    try {
      setDeletion(await action());
      onChanged();
    } catch (err) {
      setError(messageOf(err));
      setDeletion(await numbersApi.deletion(numberId).catch(() => deletion));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card panel" aria-labelledby="deletion-title">
      <h2 id="deletion-title">Delete {displayNumber}</h2>
      {deletion?.checks && (
        <ul className="checklist" aria-label="Eligibility">
          {deletion.checks.map((c) => (
            <li key={c.check} className={c.ok ? "step done" : "step failed"}>
              <span aria-hidden="true">{c.ok ? "✓" : "✗"}</span> {CHECK_LABELS[c.check] ?? c.check}: {c.detail}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {deletion?.error && (
        <p className="alert" role="alert">
          Step "{deletion.error.step}" failed: {deletion.error.message}
        </p>
      )}
      {deletion?.state === "scheduled" && (
        <p className="notice" role="status">
          Deletion scheduled for {formatTime(deletion.scheduledFor, "")}. Every message from and to this number is
          paused (incoming ones are kept, not routed); on that date Wharf deregisters it at Meta.
        </p>
      )}
      {deletion?.state === "deleted" && (
        <p className="notice success" role="status">
          The number is deregistered and deleted. You can add it again.
        </p>
      )}
      <div className="actions">
        {isOwner && deletion && ["none", "cancelled", "failed"].includes(deletion.state) && (
          <>
            <label className="choice">
              <input type="checkbox" checked={dues} onChange={(e) => setDues(e.target.checked)} /> The business has
              settled what it owes Meta
            </label>
            <button
              className="button danger"
              type="button"
              disabled={busy}
              onClick={() => void run(() => numbersApi.requestDeletion(numberId, dues))}
            >
              Request deletion
            </button>
          </>
        )}
        {isOwner && deletion?.state === "scheduled" && (
          <button
            className="button"
            type="button"
            disabled={busy}
            onClick={() => void run(() => numbersApi.cancelDeletion(numberId))}
          >
            Cancel the deletion
          </button>
        )}
        {deletion?.state === "deleted" && (
          <button className="button primary" type="button" onClick={onAddAgain}>
            Add it again
          </button>
        )}
        <button className="button" type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
