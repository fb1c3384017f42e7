import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { messageOf } from "../api";
import { importRunning, importsApi, type ContactImport, type ImportMapping, type ImportPreview } from "../contacts-api";
import { attributeNameOf, FIELD_LABELS, formatOf, MIME, previewBody, type ImportFormat } from "../import-preview";
import { useInterval, useLatest } from "../polling";
import { href, hrefWith, navigate, useHashParams } from "../router";
import { usePageTitle } from "./feature-page";
import { StatusBadge } from "./status-badge";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceName: string;
  canManage: boolean;
}

/**
 * Upload a CSV or NDJSON file of contacts: the server's preview of its first rows and what each
 * column becomes (a CSV's mapping can be changed), then the import with its progress, and the
 * summary with each refused row (`#/contacts/import?import=imp_…`, an address to come back to).
 */
export function ContactImportPage({ workspaceName, canManage }: Props) {
  usePageTitle(t("page.contacts/import"), workspaceName);
  const importId = useHashParams().get("import");
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">
        <a href={href("contacts")}>{t("page.contacts")}</a> ›
      </p>
      <h1 id="page-title">{t("page.contacts/import")}</h1>
      {importId ? (
        <ImportProgress key={importId} importId={importId} />
      ) : canManage ? (
        <ImportUpload />
      ) : (
        <p className="empty-state">{t("contacts.import.ownersOnly")}</p>
      )}
    </section>
  );
}

/** A CSV column's choice in the mapping select: a field, `attributes.<name>`, or `ignore`. */
const choiceOf = (column: NonNullable<ImportPreview["columns"]>[number]) =>
  column.field === "attribute" ? `attributes.${column.attribute}` : column.field;

function ImportUpload() {
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [preview, setPreview] = useState<ImportPreview>();
  const [previewing, setPreviewing] = useState(false);
  const [uploaded, setUploaded] = useState<number>();
  const [live, setLive] = useState<ContactImport>();
  const [error, setError] = useState<string>();
  const seq = useRef(0);

  // Every file or mapping change asks the server again; an older answer is dropped.
  useEffect(() => {
    if (!file) return;
    const mine = ++seq.current;
    setPreviewing(true);
    setError(undefined);
    previewBody(file, format)
      .then((part) => importsApi.preview(part, mapping))
      .then(
        (answer) => mine === seq.current && setPreview(answer),
        (caught: unknown) => {
          if (mine !== seq.current) return;
          setPreview(undefined);
          setError(messageOf(caught));
        },
      )
      .finally(() => mine === seq.current && setPreviewing(false));
  }, [file, format, mapping]);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setPreview(undefined);
    setMapping({});
    setError(undefined);
    setFile(chosen);
    if (chosen) setFormat(formatOf(chosen.name, chosen.type));
  }

  async function start() {
    if (!file) return;
    setUploaded(0);
    setError(undefined);
    // The server answers once the whole file is imported; meanwhile its list shows the new import's counts.
    const before = new Set((await importsApi.list().catch(() => [])).map((i) => i.id));
    let done = false;
    const watch = async () => {
      while (!done) {
        await new Promise((resolve) => window.setTimeout(resolve, 1_000));
        const mine = (await importsApi.list().catch(() => [])).find((i) => !before.has(i.id));
        if (mine && !done) setLive(mine);
      }
    };
    void watch();
    try {
      // The type tells the server how to read the body, whatever the browser guessed from the name.
      const finished = await importsApi.start(file.slice(0, file.size, MIME[format]), mapping, setUploaded);
      navigate(hrefWith("contacts/import", { import: finished.id }));
    } catch (caught) {
      setError(messageOf(caught));
      setUploaded(undefined);
    } finally {
      done = true;
    }
  }

  const remap = (header: string, choice: string) => setMapping((current) => ({ ...current, [header]: choice }));
  const busy = uploaded !== undefined;
  return (
    <section className="card panel" aria-labelledby="import-file-title">
      <h2 id="import-file-title">{t("contacts.import.file")}</h2>
      <p className="muted small">{t("contacts.import.fileIntro")}</p>
      <div className="form-field">
        <label htmlFor="import-file">{t("contacts.import.contactsFile")}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
          onChange={choose}
          disabled={busy}
        />
      </div>
      {file && (
        <div className="form-field import-format">
          <label htmlFor="import-format">{t("contacts.import.format")}</label>
          <select
            id="import-format"
            value={format}
            disabled={busy}
            onChange={(event) => {
              setMapping({});
              setFormat(event.target.value as ImportFormat);
            }}
          >
            <option value="csv">CSV</option>
            <option value="ndjson">NDJSON</option>
          </select>
        </div>
      )}
      <Alert message={error} />
      {previewing && !preview && <p className="muted">{t("contacts.import.reading")}</p>}
      {preview && file && (
        <>
          {preview.columns && (
            <ColumnMapping columns={preview.columns} onChange={remap} disabled={busy || previewing} />
          )}
          <PreviewRows preview={preview} />
          {busy ? (
            <div role="status" aria-label={t("contacts.import.upload")}>
              <p className="small">
                {t("contacts.import.importing", { percent: Math.round(uploaded * 100) })}
                {live && `; ${t("contacts.import.counts", { ...live.counts })}`}
              </p>
              <progress className="import-progress" max={1} value={uploaded} />
            </div>
          ) : (
            <div className="actions">
              <button className="button primary" type="button" onClick={start} disabled={previewing}>
                {t("contacts.import.importFile", { name: file.name })}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ColumnMapping({
  columns,
  onChange,
  disabled,
}: {
  columns: NonNullable<ImportPreview["columns"]>;
  onChange: (header: string, choice: string) => void;
  disabled: boolean;
}) {
  return (
    <table className="numbers import-preview" aria-label={t("contacts.import.mapping")}>
      <caption>{t("contacts.import.mappingTitle")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("contacts.import.column")}</th>
          <th scope="col">{t("contacts.import.contactField")}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column, index) => {
          const asAttribute = `attributes.${column.attribute ?? attributeNameOf(column.header)}`;
          return (
            <tr key={`${column.header}-${index}`}>
              <th scope="row">{column.header || <span className="muted">{t("contacts.import.noName")}</span>}</th>
              <td>
                <select
                  aria-label={t("contacts.import.fieldFor", { column: column.header })}
                  value={choiceOf(column)}
                  disabled={disabled}
                  onChange={(event) => onChange(column.header, event.target.value)}
                >
                  {Object.entries(FIELD_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {t(label)}
                    </option>
                  ))}
                  {attributeNameOf(column.header) && (
                    <option value={asAttribute}>
                      {t("contacts.import.attribute", { name: column.attribute ?? attributeNameOf(column.header) })}
                      {column.type ? ` (${column.type})` : ""}
                    </option>
                  )}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const consentText = (consent: { optIn: boolean } | null) =>
  consent === null ? "" : consent.optIn ? t("contacts.consent.opted_in") : t("contacts.consent.opted_out");

function PreviewRows({ preview }: { preview: ImportPreview }) {
  return (
    <div className="table-scroll">
      <table className="numbers import-preview" aria-label={t("contacts.import.firstRows")}>
        <caption>
          {t("contacts.import.caption", { count: preview.rows.length, format: preview.format.toUpperCase() })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("contacts.import.line")}</th>
            <th scope="col">{t("contacts.phone")}</th>
            <th scope="col">{t("common.name")}</th>
            <th scope="col">{t("contacts.field.email")}</th>
            <th scope="col">{t("contacts.tags")}</th>
            <th scope="col">{t("contacts.consent")}</th>
            <th scope="col">{t("contacts.attributes")}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td>{row.line}</td>
              {row.contact ? (
                <>
                  <td>{/^\d+$/.test(row.contact.waId) ? `+${row.contact.waId}` : row.contact.waId}</td>
                  <td>{row.contact.name ?? ""}</td>
                  <td>{row.contact.email ?? ""}</td>
                  <td>{row.contact.tags.join(", ")}</td>
                  <td>{consentText(row.contact.consent)}</td>
                  <td>
                    {Object.entries(row.contact.attributes)
                      .map(([name, value]) => `${name}: ${String(value)}`)
                      .join(" · ")}
                  </td>
                </>
              ) : (
                <td colSpan={6} className="row-error-cell">
                  {row.error}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The server's progress, read every second while it runs; then the summary and each failed row. */
function ImportProgress({ importId }: { importId: string }) {
  const [job, setJob] = useState<ContactImport>();
  const [error, setError] = useState<string>();
  const load = useLatest(
    () => importsApi.get(importId),
    (found) => (setJob(found), setError(undefined)),
    (caught) => setError(messageOf(caught)),
  );
  useEffect(() => void load(), [load]);
  useInterval(() => void load(), 1_000, job === undefined ? !error : importRunning(job));

  const running = job ? importRunning(job) : true;
  return (
    <section className="card panel" aria-labelledby="import-progress-title">
      <div className="panel-head">
        <h2 id="import-progress-title">{t("contacts.import.progress")}</h2>
        {job && <StatusBadge status={job.status} />}
      </div>
      <Alert message={error} />
      {job && (
        <>
          <div role="status" aria-label={t("contacts.import.importProgress")}>
            <p>
              {t("contacts.import.counts", { ...job.counts })}
              {running ? "…" : "."}
            </p>
            {running && <progress className="import-progress" aria-label={t("contacts.import.readingFile")} />}
          </div>
          {job.error && (
            <p className="alert" role="alert">
              {t("contacts.import.stopped", { error: job.error })}
            </p>
          )}
          {job.counts.failed > job.errors.length && (
            <p className="muted small">{t("contacts.import.firstRefused", { count: job.errors.length })}</p>
          )}
          {job.errors.length > 0 && (
            <div className="table-scroll import-errors">
              <table className="numbers" aria-label={t("contacts.import.failedRows")}>
                <thead>
                  <tr>
                    <th scope="col">{t("contacts.import.line")}</th>
                    <th scope="col">{t("contacts.import.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.errors.map((e) => (
                    <tr key={`${e.line}-${e.message}`}>
                      <td>{e.line}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!running && (
            <div className="actions">
              <a className="button" href={href("contacts")}>
                {t("contacts.import.seeContacts")}
              </a>
              <a className="button" href={href("contacts/import")}>
                {t("contacts.import.another")}
              </a>
            </div>
          )}
        </>
      )}
    </section>
  );
}
