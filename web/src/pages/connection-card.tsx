import { useState } from "react";
import { messageOf } from "../api";
import { connectionApi, startConnect, type Connection, type ConnectionStatus } from "../connection-api";
import { setConnection, tokenExpiresSoon } from "../connection-status";

const STATUS: Record<ConnectionStatus, { label: string; tone: string }> = {
  connected: { label: "Connected", tone: "ok" },
  needs_reconnect: { label: "Needs reconnect", tone: "warn" },
  disconnected: { label: "Not connected", tone: "off" },
};

export function formatTime(iso: string | null, none: string): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : none;
}

type Busy = "connect" | "check" | "disconnect";

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
        </dl>
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
