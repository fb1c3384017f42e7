import { useEffect, useRef, useState } from "react";
import { messageOf } from "../api";
import { setConnection } from "../connection-status";
import {
  chooseWaba,
  loadSdk,
  loadedSdk,
  runEmbeddedSignup,
  type EmbeddedSignupConfig,
  type SignupOutcome,
  type WabaChoice,
} from "../embedded-signup";
import { t } from "../i18n";
import { labelFor } from "./status-badge";
import { Alert } from "./alert";

/** Meta's step names (CANCEL's current_step) in words. */
const stepWords = (step: string) => labelFor("connection.es.step", step);

function OutcomeNotice({ outcome }: { outcome: SignupOutcome | undefined }) {
  if (!outcome) return null;
  if (outcome.kind === "connected")
    return (
      <p className="notice success" role="status">
        {t("connection.es.connected")}
        {outcome.connection.onboardedPhoneNumberId && t("connection.es.activate")}
      </p>
    );
  if (outcome.kind === "cancelled")
    return (
      <p className="notice" role="status">
        {t("connection.es.cancelled")}
        {outcome.step ? t("connection.es.atStep", { step: stepWords(outcome.step), code: outcome.step }) : ""}
        {t("connection.es.nothingChanged")}
      </p>
    );
  if (outcome.kind === "error")
    return (
      <p className="alert" role="alert">
        {t("connection.es.error", { message: outcome.message })}
        {outcome.errorId && (
          <>
            {" "}
            ({t("connection.es.errorId")} <code>{outcome.errorId}</code>
            {outcome.sessionId && (
              <>
                , {t("connection.es.session")} <code>{outcome.sessionId}</code>
              </>
            )}
            {t("connection.es.quote")}
          </>
        )}
        {t("connection.es.nothing")}
      </p>
    );
  return null;
}

/** Meta granted several WABAs: the user picks the one this workspace connects. */
export function WabaChooser({
  state,
  wabas: given,
  onDone,
}: {
  state: string;
  wabas?: WabaChoice[];
  onDone: (outcome: SignupOutcome | undefined) => void;
}) {
  const [wabas, setWabas] = useState(given);
  const [picked, setPicked] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const done = useRef(onDone);
  done.current = onDone;
  // Back from Meta's redirect with only the state: the same call without a WABA lists them.
  useEffect(() => {
    if (given) return;
    chooseWaba(state).then(
      (answer) => (answer.kind === "choose" ? setWabas(answer.wabas) : done.current(answer)),
      (err: unknown) => setError(messageOf(err)),
    );
  }, [state, given]);

  async function connect() {
    if (!picked) return;
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await chooseWaba(state, picked);
      if (outcome.kind === "connected") setConnection(outcome.connection);
      onDone(outcome);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <fieldset className="confirm" aria-labelledby="waba-choice-title">
      <p id="waba-choice-title">{t("connection.es.several")}</p>
      {wabas === undefined && !error && <p role="status">{t("connection.es.loadingAccounts")}</p>}
      {wabas?.map((w) => (
        <label key={w.id} className="choice">
          <input type="radio" name="waba" value={w.id} checked={picked === w.id} onChange={() => setPicked(w.id)} />{" "}
          {w.name ?? t("connection.unnamed")} <code>{w.id}</code>
        </label>
      ))}
      <Alert message={error} />
      <button className="button primary" type="button" onClick={() => void connect()} disabled={!picked || busy}>
        {busy ? t("connection.es.connecting") : t("connection.es.connectThis")}
      </button>
    </fieldset>
  );
}

/** "Connect with Embedded Signup": Meta's popup through its JavaScript SDK, beside the redirect flow. */
export function EmbeddedSignupButton({
  config,
  offered,
  disabled,
}: {
  config: EmbeddedSignupConfig;
  /** Whether to offer the button (not connected, or the token expires soon). */
  offered: boolean;
  disabled: boolean;
}) {
  const [ready, setReady] = useState(() => loadedSdk() !== undefined);
  const [loadError, setLoadError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SignupOutcome>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadSdk(config).then(
      () => setReady(true),
      (err: unknown) => setLoadError(messageOf(err)),
    );
  }, [config]);

  function start() {
    const fb = loadedSdk();
    if (!fb) return;
    setBusy(true);
    setOutcome(undefined);
    setError(undefined);
    // FB.login runs inside this click, so the browser lets the popup open.
    runEmbeddedSignup(fb, config)
      .then((result) => {
        if (result.kind === "connected") setConnection(result.connection);
        setOutcome(result);
      })
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  }

  return (
    <div className="embedded-signup">
      {(offered || busy) && (
        <button className="button primary" type="button" onClick={start} disabled={disabled || busy || !ready}>
          {busy ? t("connection.es.waiting") : t("connection.es.start")}
        </button>
      )}
      {loadError && (
        <p className="alert" role="alert">
          {loadError} {t("connection.es.useInstead")}
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          {t("connection.failed", { message: error })}
        </p>
      )}
      <OutcomeNotice outcome={outcome} />
      {outcome?.kind === "choose" && <WabaChooser state={outcome.state} wabas={outcome.wabas} onDone={setOutcome} />}
    </div>
  );
}
