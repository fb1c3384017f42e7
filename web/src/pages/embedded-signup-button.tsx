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

/** Meta's step names (CANCEL's current_step) in words. */
const STEP_WORDS: Record<string, string> = {
  BUSINESS_ACCOUNT_SELECTION: "choosing the business portfolio",
  WABA_PHONE_PROFILE_PICKER: "choosing the WhatsApp Business Account",
  PHONE_NUMBER_SETUP: "adding the phone number",
  PHONE_NUMBER_VERIFICATION: "verifying the phone number",
  PERMISSIONS: "granting permissions",
};

function OutcomeNotice({ outcome }: { outcome: SignupOutcome | undefined }) {
  if (!outcome) return null;
  if (outcome.kind === "connected")
    return (
      <p className="notice success" role="status">
        WhatsApp is connected through Embedded Signup.
        {outcome.connection.onboardedPhoneNumberId && " Activate the number you set up below to send from it."}
      </p>
    );
  if (outcome.kind === "cancelled")
    return (
      <p className="notice" role="status">
        Embedded Signup was cancelled
        {outcome.step ? ` at the step "${STEP_WORDS[outcome.step] ?? outcome.step}" (${outcome.step})` : ""}. Nothing
        was changed; start again when you are ready.
      </p>
    );
  if (outcome.kind === "error")
    return (
      <p className="alert" role="alert">
        Meta's Embedded Signup reported an error: {outcome.message}
        {outcome.errorId && (
          <>
            {" "}
            (error <code>{outcome.errorId}</code>
            {outcome.sessionId && (
              <>
                , session <code>{outcome.sessionId}</code>
              </>
            )}
            ; quote these to Meta's support)
          </>
        )}
        . Nothing was changed.
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
      <p id="waba-choice-title">
        Meta gave Wharf access to several WhatsApp Business Accounts. Choose the one this workspace uses:
      </p>
      {wabas === undefined && !error && <p role="status">Loading the accounts…</p>}
      {wabas?.map((w) => (
        <label key={w.id} className="choice">
          <input type="radio" name="waba" value={w.id} checked={picked === w.id} onChange={() => setPicked(w.id)} />{" "}
          {w.name ?? "Unnamed account"} <code>{w.id}</code>
        </label>
      ))}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <button className="button primary" type="button" onClick={() => void connect()} disabled={!picked || busy}>
        {busy ? "Connecting…" : "Connect this account"}
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
          {busy ? "Waiting for Meta's popup…" : "Connect with Embedded Signup"}
        </button>
      )}
      {loadError && (
        <p className="alert" role="alert">
          {loadError} Use "Connect WhatsApp" instead.
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          Connecting WhatsApp failed: {error}
        </p>
      )}
      <OutcomeNotice outcome={outcome} />
      {outcome?.kind === "choose" && <WabaChooser state={outcome.state} wabas={outcome.wabas} onDone={setOutcome} />}
    </div>
  );
}
