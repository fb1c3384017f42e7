import { t, locale, type MessageKey } from "../i18n";
import { useState } from "react";
import { messageOf } from "../api";
import { connectionApi, startConnect, type Connection, type ConnectionStatus } from "../connection-api";
import { setConnection, tokenExpiresSoon } from "../connection-status";
import { EmbeddedSignupButton } from "./embedded-signup-button";
import { Alert } from "./alert";

const STATUS: Record<ConnectionStatus, { label: MessageKey; tone: string }> = {
  connected: { label: "connection.status.connected", tone: "ok" },
  needs_reconnect: { label: "connection.status.needs_reconnect", tone: "warn" },
  disconnected: { label: "connection.status.disconnected", tone: "off" },
};

export function formatTime(iso: string | null, none: string): string {
  return iso ? new Date(iso).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }) : none;
}

type Busy = "connect" | "check" | "disconnect";

// account_update events that mean trouble for sending (Meta's webhook reference, account_update).
const ACCOUNT_PROBLEMS = new Set([
  "ACCOUNT_RESTRICTION",
  "ACCOUNT_VIOLATION",
  "DISABLED_UPDATE",
  "ACCOUNT_OFFBOARDED",
  "PARTNER_REMOVED",
]);
const accountProblem = (event: string | null | undefined) =>
  event !== null && event !== undefined && ACCOUNT_PROBLEMS.has(event);

/** The ban or restriction details Meta sent with the event, as a short clause. */
function describeAccountDetail(detail: Record<string, unknown> | null): string {
  const ban = detail?.["banInfo"] as { waba_ban_state?: string; waba_ban_date?: string } | undefined;
  if (ban?.waba_ban_state) return ` (${ban.waba_ban_state}${ban.waba_ban_date ? ` on ${ban.waba_ban_date}` : ""})`;
  const restrictions = detail?.["restrictionInfo"] as
    Array<{ restriction_type?: string; expiration?: string }> | undefined;
  if (Array.isArray(restrictions) && restrictions.length > 0)
    return ` (${restrictions.map((r) => r.restriction_type ?? "restriction").join(", ")})`;
  return "";
}

/** The connection itself: status, business account, token facts, and what can be done about them. */
export function ConnectionCard({
  connection,
  canManage,
  isOwner,
}: {
  connection: Connection;
  canManage: boolean;
  isOwner: boolean;
}) {
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const { status, waba } = connection;
  const expiring = tokenExpiresSoon(connection);

  async function run(kind: Busy, action: () => Promise<string | undefined>) {
    setBusy(kind);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
      // startConnect leaves the page; stay busy until the browser has gone.
      if (kind !== "connect") setBusy(undefined);
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(undefined);
    }
  }

  const connect = () => run("connect", async () => void (await startConnect()));
  const check = () =>
    run("check", async () => {
      const checked = await connectionApi.check();
      setConnection(checked);
      return checked.status === "connected" ? t("connection.accepted") : undefined;
    });
  const disconnect = () =>
    run("disconnect", async () => {
      setConnection(await connectionApi.disconnect());
      setConfirming(false);
      return t("connection.disconnected");
    });

  return (
    <section className="card panel" aria-labelledby="connection-title">
      <div className="panel-head">
        <h2 id="connection-title">{t("connection.waba")}</h2>
        <span className={`badge ${STATUS[status].tone}`}>{t(STATUS[status].label)}</span>
      </div>
      {status === "disconnected" ? (
        <p className="muted">{t("connection.intro")}</p>
      ) : (
        <dl className="facts">
          <dt>{t("connection.account")}</dt>
          <dd>
            {waba ? (
              <>
                {waba.name ?? t("connection.unnamed")} <code>{waba.id}</code>
              </>
            ) : (
              t("connection.unknown")
            )}
          </dd>
          <dt>{t("connection.permissions")}</dt>
          <dd>{connection.scopes.length ? connection.scopes.join(", ") : t("connection.none")}</dd>
          <dt>{t("connection.tokenExpires")}</dt>
          <dd>{formatTime(connection.tokenExpiresAt, t("connection.noExpiry"))}</dd>
          <dt>{t("connection.lastCheck")}</dt>
          <dd>{formatTime(connection.lastCheckedAt, t("connection.notChecked"))}</dd>
          {connection.account?.event && (
            <>
              <dt>{t("connection.lastNotice")}</dt>
              <dd>
                <code>{connection.account.event}</code> · {formatTime(connection.account.at, "")}
              </dd>
            </>
          )}
          {Object.keys(connection.account?.capabilities ?? {}).length > 0 && (
            <>
              <dt>{t("connection.capabilities")}</dt>
              <dd>
                {Object.entries(connection.account.capabilities)
                  .map(([name, value]) => `${name.replaceAll("_", " ")}: ${String(value)}`)
                  .join(" · ")}
              </dd>
            </>
          )}
        </dl>
      )}
      {status !== "disconnected" && accountProblem(connection.account?.event) && (
        <p className="alert" role="alert">
          {t("connection.reported")} <code>{connection.account.event}</code> {t("connection.forAccount")}
          {describeAccountDetail(connection.account.detail)}
          {t("connection.checkBM")}
        </p>
      )}
      {connection.lastError && status !== "connected" && (
        <p className="muted">{t("connection.metaSaid", { error: connection.lastError })}</p>
      )}
      {expiring && (
        <p className="alert" role="alert">
          {t("connection.expiring", { time: formatTime(connection.tokenExpiresAt, "") })}
        </p>
      )}
      <Alert message={error} />
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
      <div className="actions">
        {canManage && (status !== "connected" || expiring) && (
          <button className="button primary" type="button" onClick={() => void connect()} disabled={busy !== undefined}>
            {busy === "connect"
              ? t("connection.opening")
              : status === "disconnected"
                ? t("connection.connect")
                : t("connection.reconnect")}
          </button>
        )}
        {/* Stays mounted once connected, to show how the popup ended. */}
        {canManage && connection.embeddedSignup && (
          <EmbeddedSignupButton
            config={connection.embeddedSignup}
            offered={status !== "connected" || expiring}
            disabled={busy !== undefined}
          />
        )}
        {status !== "disconnected" && (
          <button className="button" type="button" onClick={() => void check()} disabled={busy !== undefined}>
            {busy === "check" ? t("connection.checking") : t("connection.checkNow")}
          </button>
        )}
        {isOwner && status !== "disconnected" && !confirming && (
          <button
            className="button danger"
            type="button"
            onClick={() => setConfirming(true)}
            disabled={busy !== undefined}
          >
            {t("connection.disconnect")}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-labelledby="disconnect-question">
          <p id="disconnect-question">{t("connection.disconnectConfirm")}</p>
          <button
            className="button danger"
            type="button"
            onClick={() => void disconnect()}
            disabled={busy !== undefined}
          >
            {busy === "disconnect" ? t("connection.disconnecting") : t("connection.disconnectYes")}
          </button>
          <button className="button" type="button" onClick={() => setConfirming(false)} disabled={busy !== undefined}>
            {t("common.cancel")}
          </button>
        </div>
      )}
    </section>
  );
}
