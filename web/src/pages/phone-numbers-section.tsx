import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { phoneNumbersApi, type ConnectionStatus, type MessagingLimit, type PhoneNumber } from "../connection-api";
import { formatTime } from "./connection-card";
import { PhoneNumberRow } from "./phone-number-row";
import { PortfolioLimit } from "./portfolio-limit";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  connectionStatus: ConnectionStatus;
  canManage: boolean;
}

/** The WABA's numbers as last read from Meta, with our own Active flag on each. */
export function PhoneNumbersSection({ connectionStatus, canManage }: Props) {
  const [numbers, setNumbers] = useState<PhoneNumber[]>();
  const [error, setError] = useState<string>();
  const [syncing, setSyncing] = useState(false);
  const [limit, setLimit] = useState<MessagingLimit | null>(null);

  // A change of connection status changes every number's Paused flag: read them again.
  useEffect(() => {
    let cancelled = false;
    phoneNumbersApi.list().then(
      (list) => !cancelled && setNumbers(list),
      (caught: unknown) => !cancelled && setError(messageOf(caught)),
    );
    phoneNumbersApi.messagingLimit().then(
      (usage) => !cancelled && setLimit(usage),
      (caught: unknown) => !cancelled && setError(messageOf(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [connectionStatus]);

  async function sync() {
    setSyncing(true);
    setError(undefined);
    try {
      setNumbers(await phoneNumbersApi.sync());
      setLimit(await phoneNumbersApi.messagingLimit());
    } catch (caught) {
      // CONNECTION_NEEDS_RECONNECT also makes the shell re-read the connection (see api.ts).
      setError(messageOf(caught));
    } finally {
      setSyncing(false);
    }
  }

  const replace = (updated: PhoneNumber) =>
    setNumbers((list) => list?.map((number) => (number.id === updated.id ? updated : number)));
  const lastSynced =
    numbers
      ?.map((n) => n.lastSyncedAt)
      .filter((at): at is string => at !== null)
      .sort()
      .at(-1) ?? null;

  return (
    <section className="card panel" aria-labelledby="numbers-title">
      <div className="panel-head">
        <h2 id="numbers-title">{t("page.phone-numbers")}</h2>
        {connectionStatus !== "disconnected" && (
          <button className="button" type="button" onClick={sync} disabled={syncing}>
            {syncing ? t("numbers.section.syncing") : t("numbers.section.sync")}
          </button>
        )}
      </div>
      <Alert message={error} />
      {numbers === undefined ? (
        !error && <p className="muted">{t("numbers.loading")}</p>
      ) : numbers.length === 0 ? (
        <p className="muted">
          {connectionStatus === "disconnected" ? t("numbers.section.connectFirst") : t("numbers.section.noneAtMeta")}
        </p>
      ) : (
        <>
          {limit && <PortfolioLimit usage={limit} />}
          <div className="table-scroll">
            <table className="numbers" aria-labelledby="numbers-title">
              <thead>
                <tr>
                  <th scope="col">{t("numbers.number")}</th>
                  <th scope="col">{t("numbers.section.verifiedName")}</th>
                  <th scope="col">{t("numbers.quality")}</th>
                  <th scope="col">{t("numbers.section.limit")}</th>
                  <th scope="col">{t("numbers.throughput")}</th>
                  <th scope="col">{t("numbers.section.metaStatus")}</th>
                  <th scope="col">{t("numbers.sending")}</th>
                  <th scope="col">{t("numbers.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {numbers.map((number) => (
                  <PhoneNumberRow key={number.id} number={number} canManage={canManage} onChange={replace} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            {t("numbers.section.lastSynced", { time: formatTime(lastSynced, t("common.never")) })}
          </p>
        </>
      )}
    </section>
  );
}
