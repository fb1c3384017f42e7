import { Fragment, useState } from "react";
import { messageOf } from "../api";
import { templatesApi, type Template } from "../templates-api";
import { formatTime } from "./connection-card";
import { humanize, StatusBadge } from "./status-badge";
import { TemplatePreview } from "./template-preview";

interface Props {
  templates: Template[];
  canManage: boolean;
  onDeleted: (name: string) => void;
}

const WITH_REASON = new Set(["REJECTED", "PAUSED", "DISABLED"]);

/** The workspace's templates with Meta's review status and reason; preview and delete each. */
export function TemplateList({ templates, canManage, onDeleted }: Props) {
  const [open, setOpen] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ name: string; message: string }>();

  async function remove(name: string) {
    setBusy(true);
    setError(undefined);
    try {
      await templatesApi.remove(name);
      setConfirming(undefined);
      onDeleted(name);
    } catch (caught) {
      setError({ name, message: messageOf(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="table-scroll">
      <table className="numbers templates" aria-label="Templates">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Language</th>
            <th scope="col">Category</th>
            <th scope="col">Status</th>
            <th scope="col">Quality</th>
            <th scope="col">Updated</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <Fragment key={t.id}>
              <tr>
                <th scope="row">{t.name}</th>
                <td>{t.language}</td>
                <td>{humanize(t.category)}</td>
                <td>
                  <StatusBadge status={t.status} />
                  {WITH_REASON.has(t.status) && t.reason && (
                    <p className="row-error">Meta's reason: {humanize(t.reason)}</p>
                  )}
                </td>
                <td>{t.qualityScore ? humanize(t.qualityScore) : "—"}</td>
                <td>{formatTime(t.updatedAt, "—")}</td>
                <td className="row-actions">
                  <button
                    className="link-button"
                    type="button"
                    aria-expanded={open === t.id}
                    onClick={() => setOpen(open === t.id ? undefined : t.id)}
                  >
                    {open === t.id ? "Hide preview" : "Preview"}
                  </button>
                  {canManage && confirming !== t.name && (
                    <button className="link-button danger-link" type="button" onClick={() => setConfirming(t.name)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
              {confirming === t.name && templates.find((other) => other.name === t.name) === t && (
                <tr>
                  <td colSpan={7}>
                    <div className="confirm" role="group" aria-label={`Delete ${t.name}`}>
                      <p>
                        Delete {t.name} in every language, here and at Meta? Messages already sent are not affected.
                      </p>
                      <button className="button danger" type="button" disabled={busy} onClick={() => remove(t.name)}>
                        {busy ? "Deleting…" : "Yes, delete"}
                      </button>
                      <button className="button" type="button" disabled={busy} onClick={() => setConfirming(undefined)}>
                        Cancel
                      </button>
                      {error?.name === t.name && (
                        <p className="row-error" role="alert">
                          {error.message}
                        </p>
                      )}
                    </div>
                  </td>
                </tr>
              )}
              {open === t.id && (
                <tr>
                  <td colSpan={7} className="preview-cell">
                    <TemplatePreview components={t.components} label={`Preview of ${t.name}`} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
