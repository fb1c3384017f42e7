import { locale } from "../i18n";
import { useState } from "react";
import { messageOf } from "../api";
import { connectionApi, startConnect, type Connection, type ConnectionStatus } from "../connection-api";
import { setConnection, tokenExpiresSoon } from "../connection-status";
import { EmbeddedSignupButton } from "./embedded-signup-button";

const STATUS: Record<ConnectionStatus, { label: string; tone: string }> = {
  connected: { label: "Connected", tone: "ok" },
  needs_reconnect: { label: "Needs reconnect", tone: "warn" },
  disconnected: { label: "Not connected", tone: "off" },
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
      return checked.status === "connected" ? "Meta accepted the token." : undefined;
    });
  const disconnect = () =>
    run("disconnect", async () => {
      setConnection(await connectionApi.disconnect());
      setConfirming(false);
      return "WhatsApp is disconnected and the stored token is destroyed.";
    });

  return (
    <section className="card panel" aria-labelledby="connection-title">
      <div className="panel-head">
        <h2 id="connection-title">WhatsApp Business Account</h2>
        <span className={`badge ${STATUS[status].tone}`}>{STATUS[status].label}</span>
      </div>
      {status === "disconnected" ? (
        <p className="muted">
          Connect the workspace to its WhatsApp Business Account through Meta's login dialog to send and receive
          messages.
        </p>
      ) : (
        <dl className="facts">
          <dt>Account</dt>
          <dd>
            {waba ? (
              <>
                {waba.name ?? "Unnamed account"} <code>{waba.id}</code>
              </>
            ) : (
              "Unknown"
            )}
          </dd>
          <dt>Permissions</dt>
          <dd>{connection.scopes.length ? connection.scopes.join(", ") : "None"}</dd>
          <dt>Token expires</dt>
          <dd>{formatTime(connection.tokenExpiresAt, "No expiry reported by Meta")}</dd>
          <dt>Last check</dt>
          <dd>{formatTime(connection.lastCheckedAt, "Not checked yet")}</dd>
          {connection.account?.event && (
            <>
              <dt>Meta's last account notice</dt>
              <dd>
                <code>{connection.account.event}</code> · {formatTime(connection.account.at, "")}
              </dd>
            </>
          )}
          {Object.keys(connection.account?.capabilities ?? {}).length > 0 && (
            <>
              <dt>Business capabilities</dt>
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
          Meta reported <code>{connection.account.event}</code> for this account
          {describeAccountDetail(connection.account.detail)}. Check the account in Meta's Business Manager; sending may
          stop.
        </p>
      )}
      {connection.lastError && status !== "connected" && <p className="muted">Meta said: {connection.lastError}</p>}
      {expiring && (
        <p className="alert" role="alert">
          Meta's token for this account expires on {formatTime(connection.tokenExpiresAt, "")}. Reconnect before then,
          or sending stops. Connecting through an Embedded Signup configuration gives a token that does not expire.
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
      <div className="actions">
        {canManage && (status !== "connected" || expiring) && (
          <button className="button primary" type="button" onClick={() => void connect()} disabled={busy !== undefined}>
            {busy === "connect" ? "Opening Meta…" : status === "disconnected" ? "Connect WhatsApp" : "Reconnect"}
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
            {busy === "check" ? "Checking…" : "Check now"}
          </button>
        )}
        {isOwner && status !== "disconnected" && !confirming && (
          <button
            className="button danger"
            type="button"
            onClick={() => setConfirming(true)}
            disabled={busy !== undefined}
          >
            Disconnect
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-labelledby="disconnect-question">
          <p id="disconnect-question">
            Disconnect WhatsApp? Sending stops and the stored token is destroyed; you can connect again later.
          </p>
          <button
            className="button danger"
            type="button"
            onClick={() => void disconnect()}
            disabled={busy !== undefined}
          >
            {busy === "disconnect" ? "Disconnecting…" : "Yes, disconnect"}
          </button>
          <button className="button" type="button" onClick={() => setConfirming(false)} disabled={busy !== undefined}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
