import { useEffect, useState } from "react";
import { CONNECT_OUTCOME_PARAMS as OUTCOME_PARAMS, readConnectOutcome } from "../connect-outcome";
import { useConnection } from "../connection-status";
import { CatalogSection } from "./catalog-section";
import { ConnectionCard } from "./connection-card";
import { D360ConnectSection } from "./d360-connect-section";
import { WabaChooser } from "./embedded-signup-button";
import { usePageTitle } from "./feature-page";
import { PhoneNumbersSection } from "./phone-numbers-section";
import { isMessageKey, t } from "../i18n";

// Settings → WhatsApp Connection; the outcome of Meta's dialog arrives in the address (connect-outcome.ts).

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

/** The words for a known connect error code in the current language; connect-outcome.ts already chose them by code. */
function outcomeText(code: string, english: string): string {
  const key = `connection.outcome.${code}`;
  return isMessageKey(key) ? t(key) : english;
}

export function ConnectionPage({ workspaceName, canManage, isOwner }: Props) {
  usePageTitle(t("page.settings/whatsapp"), workspaceName);
  const { connection, error } = useConnection();
  // Read during the first render (React may render twice); cleared once mounted.
  const [outcome, setOutcome] = useState(() => readConnectOutcome(window.location.search));
  useEffect(clearConnectOutcome, []);

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{t("connection.settings", { workspace: workspaceName })}</p>
      <h1 id="page-title">{t("page.settings/whatsapp")}</h1>
      {/* A success that a later lapse made untrue is not shown. */}
      {outcome && "choose" in outcome && (
        <WabaChooser
          state={outcome.choose}
          onDone={(done) =>
            setOutcome(
              done?.kind === "connected"
                ? { ok: true }
                : done?.kind === "error"
                  ? { ok: false, code: "CONNECT_FAILED", message: done.message }
                  : undefined,
            )
          }
        />
      )}
      {outcome && !("choose" in outcome) && (!outcome.ok || connection?.status !== "needs_reconnect") && (
        <div className={outcome.ok ? "notice success" : "alert"} role={outcome.ok ? "status" : "alert"}>
          <p>
            {outcome.ok
              ? t("connection.connectedNotice")
              : t("connection.failed", { message: outcomeText(outcome.code, outcome.message) })}
            {!outcome.ok && <code className="error-code">{outcome.code}</code>}
          </p>
          <button className="link-button" type="button" onClick={() => setOutcome(undefined)}>
            {t("connection.dismiss")}
          </button>
        </div>
      )}
      {connection ? (
        <>
          <ConnectionCard connection={connection} canManage={canManage} isOwner={isOwner} />
          {canManage && <D360ConnectSection connection={connection} />}
          <PhoneNumbersSection connectionStatus={connection.status} canManage={canManage} />
          <CatalogSection catalog={connection.catalog} canManage={canManage} />
        </>
      ) : error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : (
        <p className="loading" role="status">
          {t("connection.loading")}
        </p>
      )}
    </section>
  );
}
