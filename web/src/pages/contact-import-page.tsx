import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { messageOf } from "../api";
import { importRunning, importsApi, type ContactImport, type ImportMapping, type ImportPreview } from "../contacts-api";
import { attributeNameOf, FIELD_LABELS, formatOf, MIME, previewBody, type ImportFormat } from "../import-preview";
import { useInterval, useLatest } from "../polling";
import { href, hrefWith, navigate, useHashParams } from "../router";
import { usePageTitle } from "./feature-page";
import { StatusBadge } from "./status-badge";

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
  usePageTitle("Import contacts", workspaceName);
  const importId = useHashParams().get("import");
  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">
        <a href={href("contacts")}>Contacts</a> ›
      </p>
      <h1 id="page-title">Import contacts</h1>
      {importId ? (
        <ImportProgress key={importId} importId={importId} />
      ) : canManage ? (
        <ImportUpload />
      ) : (
        <p className="empty-state">Only owners and admins import contacts.</p>
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
      <h2 id="import-file-title">File</h2>
      <p className="muted small">
        A CSV with a header row, or NDJSON (one JSON object per line). Each row is one contact, matched by phone number:
        an existing contact is updated, a new one created. An opt-out already recorded is never undone by an import.
      </p>
      <div className="form-field">
        <label htmlFor="import-file">Contacts file</label>
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
          <label htmlFor="import-format">Format</label>
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
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {previewing && !preview && <p className="muted">Reading the first rows…</p>}
      {preview && file && (
        <>
          {preview.columns && (
            <ColumnMapping columns={preview.columns} onChange={remap} disabled={busy || previewing} />
          )}
          <PreviewRows preview={preview} />
          {busy ? (
            <div role="status" aria-label="Upload">
              <p className="small">
                Importing… {Math.round(uploaded * 100)}% sent
                {live &&
                  `; ${live.counts.rows} row(s) read: ${live.counts.created} created, ${live.counts.updated} updated, ${live.counts.failed} failed`}
              </p>
              <progress className="import-progress" max={1} value={uploaded} />
            </div>
          ) : (
            <div className="actions">
              <button className="button primary" type="button" onClick={start} disabled={previewing}>
                Import {file.name}
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
    <table className="numbers import-preview" aria-label="Column mapping">
      <caption>What each column becomes</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Contact field</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column, index) => {
          const asAttribute = `attributes.${column.attribute ?? attributeNameOf(column.header)}`;
          return (
            <tr key={`${column.header}-${index}`}>
              <th scope="row">{column.header || <span className="muted">(no name)</span>}</th>
              <td>
                <select
                  aria-label={`Field for ${column.header}`}
                  value={choiceOf(column)}
                  disabled={disabled}
                  onChange={(event) => onChange(column.header, event.target.value)}
                >
                  {Object.entries(FIELD_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                  {attributeNameOf(column.header) && (
                    <option value={asAttribute}>
                      Attribute “{column.attribute ?? attributeNameOf(column.header)}”
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
  consent === null ? "" : consent.optIn ? "Opted in" : "Opted out";

function PreviewRows({ preview }: { preview: ImportPreview }) {
  return (
    <div className="table-scroll">
      <table className="numbers import-preview" aria-label="First rows">
        <caption>
          The first {preview.rows.length} row(s) as they would be imported ({preview.format.toUpperCase()}); nothing is
          saved yet
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Phone</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Tags</th>
            <th scope="col">Consent</th>
            <th scope="col">Attributes</th>
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
        <h2 id="import-progress-title">Progress</h2>
        {job && <StatusBadge status={job.status} />}
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {job && (
        <>
          <div role="status" aria-label="Import progress">
            <p>
              {job.counts.rows} row(s) read: {job.counts.created} created, {job.counts.updated} updated,{" "}
              {job.counts.failed} failed{running ? "…" : "."}
            </p>
            {running && <progress className="import-progress" aria-label="Reading the file" />}
          </div>
          {job.error && (
            <p className="alert" role="alert">
              The import stopped: {job.error}
            </p>
          )}
          {job.counts.failed > job.errors.length && (
            <p className="muted small">The first {job.errors.length} refused rows are listed.</p>
          )}
          {job.errors.length > 0 && (
            <div className="table-scroll import-errors">
              <table className="numbers" aria-label="Rows that failed">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Problem</th>
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
                See the contacts
              </a>
              <a className="button" href={href("contacts/import")}>
                Import another file
              </a>
            </div>
          )}
        </>
      )}
    </section>
  );
}
