import { Fragment, useState } from "react";
import { messageOf } from "../api";
import { templatesApi, type Template } from "../templates-api";
import { formatTime } from "./connection-card";
import { humanize, labelFor, StatusBadge } from "./status-badge";
import { TemplatePreview } from "./template-preview";
import { t } from "../i18n";

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
      <table className="numbers templates" aria-label={t("page.templates")}>
        <thead>
          <tr>
            <th scope="col">{t("common.name")}</th>
            <th scope="col">{t("templates.col.language")}</th>
            <th scope="col">{t("templates.col.category")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("templates.col.quality")}</th>
            <th scope="col">{t("templates.col.updated")}</th>
            <th scope="col">{t("templates.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <Fragment key={tpl.id}>
              <tr>
                <th scope="row">{tpl.name}</th>
                <td>{tpl.language}</td>
                <td>{labelFor("templates.category", tpl.category)}</td>
                <td>
                  <StatusBadge status={tpl.status} />
                  {WITH_REASON.has(tpl.status) && tpl.reason && (
                    <p className="row-error">{t("templates.reason", { reason: humanize(tpl.reason) })}</p>
                  )}
                </td>
                <td>{tpl.qualityScore ? labelFor("templates.quality", tpl.qualityScore) : "—"}</td>
                <td>{formatTime(tpl.updatedAt, "—")}</td>
                <td className="row-actions">
                  <button
                    className="link-button"
                    type="button"
                    aria-expanded={open === tpl.id}
                    onClick={() => setOpen(open === tpl.id ? undefined : tpl.id)}
                  >
                    {open === tpl.id ? t("templates.hidePreview") : t("common.preview")}
                  </button>
                  {canManage && confirming !== tpl.name && (
                    <button className="link-button danger-link" type="button" onClick={() => setConfirming(tpl.name)}>
                      {t("common.delete")}
                    </button>
                  )}
                </td>
              </tr>
              {confirming === tpl.name && templates.find((other) => other.name === tpl.name) === tpl && (
                <tr>
                  <td colSpan={7}>
                    <div className="confirm" role="group" aria-label={t("templates.deleteNamed", { name: tpl.name })}>
                      <p>{t("templates.deleteConfirm", { name: tpl.name })}</p>
                      <button className="button danger" type="button" disabled={busy} onClick={() => remove(tpl.name)}>
                        {busy ? t("templates.deleting") : t("templates.deleteYes")}
                      </button>
                      <button className="button" type="button" disabled={busy} onClick={() => setConfirming(undefined)}>
                        {t("common.cancel")}
                      </button>
                      {error?.name === tpl.name && (
                        <p className="row-error" role="alert">
                          {error.message}
                        </p>
                      )}
                    </div>
                  </td>
                </tr>
              )}
              {open === tpl.id && (
                <tr>
                  <td colSpan={7} className="preview-cell">
                    <TemplatePreview components={tpl.components} label={t("templates.previewOf", { name: tpl.name })} />
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
