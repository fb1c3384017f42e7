import { useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { connectionApi, startD360Connect, type Connection } from "../connection-api";
import { setConnection } from "../connection-status";
import { t } from "../i18n";
import { Alert } from "./alert";

/**
 * "Connect by yourself" through 360dialog (docs/channels.md): for a business whose number already
 * sits at 360dialog. Paste an API key from 360dialog's Hub, or open 360dialog's Connect page and
 * grant Wharf the number. Offered while not connected, and to give a 360dialog connection a new key.
 */
export function D360ConnectSection({ connection }: { connection: Connection }) {
  const [apiKey, setApiKey] = useState("");
  const [busy, setBusy] = useState<"key" | "page">();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const via360 = connection.channel === "360dialog";
  if (connection.status === "connected" && !via360) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy("key");
    setError(undefined);
    setNotice(undefined);
    try {
      setConnection(await connectionApi.connectD360Key(apiKey.trim()));
      setApiKey("");
      setNotice(t("connection.d360.connected"));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(undefined);
    }
  }

  async function openConnectPage() {
    setBusy("page");
    setError(undefined);
    try {
      await startD360Connect();
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(undefined);
    }
  }

  return (
    <section className="card panel" aria-labelledby="d360-title">
      <div className="panel-head">
        <h2 id="d360-title">{t("connection.d360.title")}</h2>
      </div>
      <p className="muted">
        {t("connection.d360.intro")}
        {via360 && t("connection.d360.replaces")}
      </p>
      <form className="catalog-form" onSubmit={(event) => void submit(event)} aria-labelledby="d360-title">
        <label className="field">
          <span>{t("connection.d360.key")}</span>
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            required
            maxLength={512}
          />
        </label>
        <div className="actions">
          <button className="button primary" type="submit" disabled={busy !== undefined || apiKey.trim() === ""}>
            {busy === "key" ? t("connection.d360.checking") : t("connection.d360.connectKey")}
          </button>
          <button className="button" type="button" onClick={() => void openConnectPage()} disabled={busy !== undefined}>
            {busy === "page" ? t("connection.d360.opening") : t("connection.d360.connectPage")}
          </button>
        </div>
      </form>
      <Alert message={error} />
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}
