import { useState } from "react";
import { messageOf } from "./api";
import { startConnect } from "./connection-api";
import { tokenExpiresSoon, useConnection } from "./connection-status";
import { t } from "./i18n";

/**
 * Shown on every page while Meta rejects the workspace's token (a 190 or a failed check), and in
 * the week before a user token expires.
 */
export function ReconnectBanner({ canManage }: { canManage: boolean }) {
  const { connection } = useConnection();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const expiring = connection !== undefined && tokenExpiresSoon(connection);
  if (connection?.status !== "needs_reconnect" && !expiring) return null;

  async function reconnect() {
    setBusy(true);
    setError(undefined);
    try {
      await startConnect(); // the window leaves for Meta's dialog; stay busy until it does
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  }

  return (
    <div className="alert reconnect-banner" role="alert" aria-labelledby="reconnect-banner-text">
      <p id="reconnect-banner-text">{expiring ? t("reconnect.expiring") : t("reconnect.needed")}</p>
      {canManage ? (
        <button className="button primary" type="button" onClick={() => void reconnect()} disabled={busy}>
          {busy ? t("reconnect.opening") : t("reconnect.button")}
        </button>
      ) : (
        <p className="muted">{t("reconnect.askAdmin")}</p>
      )}
      {error && <p className="reconnect-error">{error}</p>}
    </div>
  );
}
