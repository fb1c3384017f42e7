import { useRef, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { connectionApi, type Connection } from "../connection-api";
import { setConnection } from "../connection-status";
import { textField } from "../form-data";
import { t } from "../i18n";
import { Alert } from "./alert";

const STATUS = {
  none: { label: "catalog.status.none", tone: "off" },
  connected: { label: "catalog.status.connected", tone: "ok" },
  needs_reconnect: { label: "catalog.status.needs_reconnect", tone: "warn" },
} as const;

interface Props {
  catalog: Connection["catalog"];
  canManage: boolean;
}

/**
 * The Meta Catalog takes its own token (a system user's, with catalog_management), separate from
 * the WhatsApp one. The token goes to the server once and is never shown again.
 */
export function CatalogSection({ catalog, canManage }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const token = useRef<HTMLInputElement>(null);

  async function run(action: () => Promise<Connection>, done: string) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      setConnection(await action());
      setNotice(done);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const accessToken = textField(form, "accessToken");
    if (token.current) token.current.value = ""; // cleared whatever the answer: it is a secret
    return run(
      () => connectionApi.connectCatalog(textField(form, "catalogId").trim(), accessToken),
      t("catalog.tokenSaved"),
    );
  }

  return (
    <section className="card panel" aria-labelledby="catalog-title">
      <div className="panel-head">
        <h2 id="catalog-title">{t("catalog.metaCatalog")}</h2>
        <span className={`badge ${STATUS[catalog.status].tone}`}>{t(STATUS[catalog.status].label)}</span>
      </div>
      <p className="muted">
        {catalog.catalogId ? (
          <>
            {t("page.catalog")} <code>{catalog.catalogId}</code>.{" "}
          </>
        ) : null}
        {t("catalog.ownToken")}
      </p>
      {catalog.lastError && catalog.status !== "connected" && (
        <p className="muted">{t("catalog.metaSaid", { error: catalog.lastError })}</p>
      )}
      <Alert message={error} />
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
      {canManage && (
        <form className="catalog-form" onSubmit={save} aria-labelledby="catalog-title">
          <label className="field">
            <span>{t("catalog.catalogId")}</span>
            <input name="catalogId" inputMode="numeric" pattern="\d+" required defaultValue={catalog.catalogId ?? ""} />
          </label>
          <label className="field">
            <span>{t("catalog.token")}</span>
            <input ref={token} name="accessToken" type="password" autoComplete="off" minLength={10} required />
          </label>
          <div className="actions">
            <button className="button primary" type="submit" disabled={busy}>
              {catalog.status === "none"
                ? t("catalog.saveToken")
                : catalog.status === "needs_reconnect"
                  ? t("catalog.reconnect")
                  : t("catalog.replaceToken")}
            </button>
            {catalog.status !== "none" && (
              <button
                className="button danger"
                type="button"
                disabled={busy}
                onClick={() => run(connectionApi.disconnectCatalog, t("catalog.tokenRemoved"))}
              >
                {t("catalog.removeToken")}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
