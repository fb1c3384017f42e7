import { useRef, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { catalogApi, type ProductImport } from "../catalog-api";
import { t } from "../i18n";
import { statusLabel } from "./status-badge";
import { Alert } from "./alert";

/**
 * A store export (CSV with a header row, or NDJSON, one product per line) uploaded as it is; the
 * server reads it as a stream and reports lines it could not take.
 */
export function CatalogImport({ onImported }: { onImported: () => void }) {
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ProductImport>();

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      let outcome = await catalogApi.importFile(chosen, setProgress);
      // An import the server finishes later is read until it has.
      for (let i = 0; i < 60 && ["queued", "running"].includes(outcome.status); i++) {
        await new Promise((r) => setTimeout(r, 1_000));
        outcome = await catalogApi.importStatus(outcome.id);
      }
      setResult(outcome);
      if (file.current) file.current.value = "";
      onImported();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  const counts = result?.counts ? Object.entries(result.counts) : [];
  return (
    <form className="catalog-import" onSubmit={upload} aria-label={t("catalog.importLabel")}>
      <label className="field">
        <span>{t("catalog.importTitle")}</span>
        <input ref={file} name="file" type="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson" required />
      </label>
      <button className="button" type="submit" disabled={busy}>
        {busy ? t("catalog.importing", { percent: Math.round(progress * 100) }) : t("catalog.import")}
      </button>
      <Alert message={error} />
      {result && (
        <div className="notice success" role="status">
          <p>
            {t("catalog.importResult", { status: statusLabel(result.status).toLowerCase() })}
            {counts.length > 0 && <>: {counts.map(([k, v]) => `${v} ${k}`).join(", ")}</>}.
          </p>
          {result.errors && result.errors.length > 0 && (
            <ul className="plain-list small">
              {result.errors.slice(0, 20).map((e) => (
                <li key={`${e.line}-${e.message}`}>{t("catalog.lineError", { line: e.line, message: e.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
