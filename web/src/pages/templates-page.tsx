import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { STREAM_OPENED, useLiveEvents } from "../live-events";
import { useInterval, useLatest } from "../polling";
import { templatesApi, type Template, type TemplateSyncState } from "../templates-api";
import { formatTime } from "./connection-card";
import { usePageTitle } from "./feature-page";
import { TemplateBuilder } from "./template-builder";
import { TemplateList } from "./template-list";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceId: string;
  workspaceName: string;
  /** Owners and admins create and delete templates; everyone may sync. */
  canManage: boolean;
}

/**
 * Templates with Meta's review status. Reviews arrive live through the event stream; while any
 * template is PENDING the list is also read every 2 seconds, in case an event is missed.
 */
export function TemplatesPage({ workspaceId, workspaceName, canManage }: Props) {
  usePageTitle("Templates", workspaceName);
  const [templates, setTemplates] = useState<Template[]>();
  const [sync, setSync] = useState<TemplateSyncState>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [syncing, setSyncing] = useState(false);
  const [building, setBuilding] = useState(false);

  const load = useLatest(
    templatesApi.list,
    (page) => {
      setTemplates(page.data);
      setSync(page.sync);
      setError(undefined);
    },
    (caught) => setError(messageOf(caught)),
  );
  useEffect(() => void load(), [load]);
  // load() catches its own errors (useLatest hands them to `fail`).
  useInterval(() => void load(), 2_000, templates?.some((tpl) => tpl.status === "PENDING") ?? false);
  useLiveEvents(workspaceId, (event) => {
    if (event.type.startsWith("template.") || event.type === STREAM_OPENED) void load();
  });

  async function syncNow() {
    setSyncing(true);
    setNotice(undefined);
    setError(undefined);
    try {
      const result = await templatesApi.sync();
      setNotice(
        t("templates.synced", {
          listed: result.listed,
          added: result.added,
          changed: result.changed,
          removed: result.removed,
        }),
      );
      await load();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSyncing(false);
    }
  }

  function created(template: Template) {
    setBuilding(false);
    setNotice(t("templates.submitted", { name: template.name }));
    void load();
  }

  function deleted(name: string) {
    setTemplates((list) => list?.filter((tpl) => tpl.name !== name));
    setNotice(t("templates.deleted", { name }));
    void load();
  }

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="page-head">
        <h1 id="page-title">{t("page.templates")}</h1>
        <div className="actions">
          <button className="button" type="button" onClick={syncNow} disabled={syncing}>
            {syncing ? t("templates.syncing") : t("templates.sync")}
          </button>
          {canManage && !building && (
            <button className="button primary" type="button" onClick={() => setBuilding(true)}>
              {t("templates.new")}
            </button>
          )}
        </div>
      </div>
      <Alert message={error} />
      {notice && (
        <div className="notice success" role="status">
          <p>{notice}</p>
          <button className="link-button" type="button" onClick={() => setNotice(undefined)}>
            {t("templates.dismiss")}
          </button>
        </div>
      )}
      {building && <TemplateBuilder onCreated={created} onCancel={() => setBuilding(false)} />}
      <section className="card panel" aria-label={t("templates.yours")}>
        {templates === undefined ? (
          !error && <p className="muted">{t("templates.loading")}</p>
        ) : templates.length === 0 ? (
          <p className="muted">{t("templates.empty")}</p>
        ) : (
          <TemplateList templates={templates} canManage={canManage} onDeleted={deleted} />
        )}
        {sync && (
          <p className="muted small">
            {t("templates.lastSynced", { time: formatTime(sync.lastSyncedAt, t("common.never")) })}
            {sync.lastError && <> · {t("templates.lastSyncFailed", { error: sync.lastError })}</>}
          </p>
        )}
      </section>
    </section>
  );
}
