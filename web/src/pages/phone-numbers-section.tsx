import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { phoneNumbersApi, type ConnectionStatus, type MessagingLimit, type PhoneNumber } from "../connection-api";
import { formatTime } from "./connection-card";
import { PhoneNumberRow } from "./phone-number-row";
import { PortfolioLimit } from "./portfolio-limit";

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
        <h2 id="numbers-title">Phone numbers</h2>
        {connectionStatus !== "disconnected" && (
          <button className="button" type="button" onClick={sync} disabled={syncing}>
            {syncing ? "Syncing…" : "Sync"}
          </button>
        )}
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {numbers === undefined ? (
        !error && <p className="muted">Loading the numbers…</p>
      ) : numbers.length === 0 ? (
        <p className="muted">
          {connectionStatus === "disconnected"
            ? "Connect WhatsApp to see the business account's phone numbers."
            : "Meta reports no phone numbers for this business account. Add one in WhatsApp Manager, then sync."}
        </p>
      ) : (
        <>
          {limit && <PortfolioLimit usage={limit} />}
          <div className="table-scroll">
            <table className="numbers" aria-labelledby="numbers-title">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Verified name</th>
                  <th scope="col">Quality</th>
                  <th scope="col">Messaging limit (portfolio)</th>
                  <th scope="col">Throughput</th>
                  <th scope="col">Meta status</th>
                  <th scope="col">Sending</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {numbers.map((number) => (
                  <PhoneNumberRow key={number.id} number={number} canManage={canManage} onChange={replace} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">Last synced from Meta: {formatTime(lastSynced, "never")}</p>
        </>
      )}
    </section>
  );
}
