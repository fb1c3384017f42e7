import { useEffect, useState } from "react";
import { ApiError, auth, messageOf, setUnauthenticatedHandler, type Session } from "./api";
import { LoginPage } from "./pages/login-page";
import { Shell } from "./shell";

type State =
  | { kind: "loading" }
  | { kind: "anonymous"; notice?: string }
  | { kind: "signed-in"; session: Session };

/** Asks the server whether the cookie holds a session, then shows the login page or the shell. */
export function App() {
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    let cancelled = false;
    auth.session().then(
      (session) => !cancelled && setState({ kind: "signed-in", session }),
      (error: unknown) => {
        if (cancelled) return;
        const signedOut = error instanceof ApiError && error.status === 401;
        setState({ kind: "anonymous", notice: signedOut ? undefined : messageOf(error) });
      },
    );
    setUnauthenticatedHandler(() =>
      setState((current) =>
        current.kind === "signed-in"
          ? { kind: "anonymous", notice: "Your session has ended. Log in again to continue." }
          : current,
      ),
    );
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(undefined);
    };
  }, []);

  switch (state.kind) {
    case "loading":
      return (
        <p className="loading" role="status">
          Loading…
        </p>
      );
    case "anonymous":
      return (
        <LoginPage
          notice={state.notice}
          onLoggedIn={(session) => setState({ kind: "signed-in", session })}
        />
      );
    case "signed-in":
      return (
        <Shell
          session={state.session}
          onSessionChange={(session) => setState({ kind: "signed-in", session })}
          onLoggedOut={() => setState({ kind: "anonymous" })}
        />
      );
  }
}
