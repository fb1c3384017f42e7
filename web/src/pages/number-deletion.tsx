import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { numbersApi, type Deletion } from "../numbers-api";
import { formatTime } from "./connection-card";
import { t } from "../i18n";
import { labelFor } from "./status-badge";
import { Alert } from "./alert";

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
      <h2 id="deletion-title">{t("numbers.del.title", { number: displayNumber })}</h2>
      {deletion?.checks && (
        <ul className="checklist" aria-label={t("numbers.del.eligibility")}>
          {deletion.checks.map((c) => (
            <li key={c.check} className={c.ok ? "step done" : "step failed"}>
              <span aria-hidden="true">{c.ok ? "✓" : "✗"}</span> {labelFor("numbers.del.check", c.check)}: {c.detail}
            </li>
          ))}
        </ul>
      )}
      <Alert message={error} />
      {deletion?.error && (
        <p className="alert" role="alert">
          {t("numbers.wf.stepFailed", { step: deletion.error.step, message: deletion.error.message })}
        </p>
      )}
      {deletion?.state === "scheduled" && (
        <p className="notice" role="status">
          {t("numbers.del.scheduled", { time: formatTime(deletion.scheduledFor, "") })}
        </p>
      )}
      {deletion?.state === "deleted" && (
        <p className="notice success" role="status">
          {t("numbers.del.done")}
        </p>
      )}
      <div className="actions">
        {isOwner && deletion && ["none", "cancelled", "failed"].includes(deletion.state) && (
          <>
            <label className="choice">
              <input type="checkbox" checked={dues} onChange={(e) => setDues(e.target.checked)} />{" "}
              {t("numbers.del.settled")}
            </label>
            <button
              className="button danger"
              type="button"
              disabled={busy}
              onClick={() => void run(() => numbersApi.requestDeletion(numberId, dues))}
            >
              {t("numbers.del.request")}
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
            {t("numbers.del.cancel")}
          </button>
        )}
        {deletion?.state === "deleted" && (
          <button className="button primary" type="button" onClick={onAddAgain}>
            {t("numbers.del.addAgain")}
          </button>
        )}
        <button className="button" type="button" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
    </section>
  );
}
