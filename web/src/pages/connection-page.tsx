import { useEffect, useState } from "react";
import { useConnection } from "../connection-status";
import { CatalogSection } from "./catalog-section";
import { ConnectionCard } from "./connection-card";
import { usePageTitle } from "./feature-page";
import { PhoneNumbersSection } from "./phone-numbers-section";

// Settings → WhatsApp Connection. Meta's dialog returns through the server's /oauth/meta/callback,
// which lands here as `/?connect=ok#/settings/whatsapp` or `/?connect=error&code=...#/...`.
// Only the code is read from the address, and the text shown is ours: anyone can craft a link to
// this page, so words taken from the URL would let them put their own message in our dashboard.

type ConnectOutcome = { ok: true } | { ok: false; code: string; message: string };
const OUTCOME_PARAMS = ["connect", "code", "message"];

export const CONNECT_MESSAGES: Record<string, string> = {
  OAUTH_DENIED: "The connection was cancelled in Meta's dialog. Nothing was changed; connect again when you are ready.",
  OAUTH_CODE_REJECTED: "Meta refused the authorization (it was already used or expired). Start the connection again.",
  OAUTH_STATE_INVALID: "This connection attempt was already used, expired, or was started in another browser or session. Start it again from this page.",
  MISSING_PERMISSION: "The permissions granted in Meta's dialog are not enough: connect again and share your WhatsApp Business Account with Wharf.",
  WABA_ALREADY_CONNECTED: "This WhatsApp Business Account is already connected to another workspace of this Wharf. Disconnect it there first.",
  META_UNAVAILABLE: "Meta did not answer. Try again in a minute.",
  META_REQUEST_FAILED: "Meta refused a request while connecting. Try again; if it persists, check the app's settings at Meta.",
};
const FALLBACK_MESSAGE = "Connecting to WhatsApp failed. Try again.";

export function readConnectOutcome(search: string = window.location.search): ConnectOutcome | undefined {
  const params = new URLSearchParams(search);
  if (params.get("connect") === "ok") return { ok: true };
  if (params.get("connect") !== "error") return undefined;
  const code = params.get("code") ?? "";
  const known = Object.hasOwn(CONNECT_MESSAGES, code);
  return { ok: false, code: known ? code : "CONNECT_FAILED", message: known ? CONNECT_MESSAGES[code]! : FALLBACK_MESSAGE };
}

/** Drops the outcome from the address, so a reload or a bookmark does not show it again. */
function clearConnectOutcome(): void {
  const url = new URL(window.location.href);
  if (!OUTCOME_PARAMS.some((name) => url.searchParams.has(name))) return;
  for (const name of OUTCOME_PARAMS) url.searchParams.delete(name);
  window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
}

interface Props {
  workspaceName: string;
  /** Owners and admins connect, activate and disconnect; agents only look and check. */
  canManage: boolean;
  /** Only an owner disconnects: it stops every send and destroys the token. */
  isOwner: boolean;
}

export function ConnectionPage({ workspaceName, canManage, isOwner }: Props) {
  usePageTitle("WhatsApp Connection", workspaceName);
  const { connection, error } = useConnection();
  // Read during the first render (React may render twice); cleared once mounted.
  const [outcome, setOutcome] = useState(readConnectOutcome);
  useEffect(clearConnectOutcome, []);

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName} · Settings</p>
      <h1 id="page-title">WhatsApp Connection</h1>
      {/* A success that a later lapse made untrue is not shown. */}
      {outcome && (!outcome.ok || connection?.status !== "needs_reconnect") && (
        <div className={outcome.ok ? "notice success" : "alert"} role={outcome.ok ? "status" : "alert"}>
          <p>
            {outcome.ok
              ? "WhatsApp is connected. Activate the numbers you want to send from."
              : `Connecting WhatsApp failed: ${outcome.message}`}
            {!outcome.ok && <code className="error-code">{outcome.code}</code>}
          </p>
          <button className="link-button" type="button" onClick={() => setOutcome(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      {connection ? (
        <>
          <ConnectionCard connection={connection} canManage={canManage} isOwner={isOwner} />
          <PhoneNumbersSection connectionStatus={connection.status} canManage={canManage} />
          <CatalogSection catalog={connection.catalog} canManage={canManage} />
        </>
      ) : error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : (
        <p className="loading" role="status">
          Loading the connection…
        </p>
      )}
    </section>
  );
}
