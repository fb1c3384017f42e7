import { useEffect, useState } from "react";
import { ApiError, auth, messageOf, setUnauthenticatedHandler, type Session } from "./api";
import { applyLanguage, t, useLanguage } from "./i18n";
import { InvitationPage, invitationToken } from "./pages/invitation-page";
import { LoginPage } from "./pages/login-page";
import { Shell } from "./shell";

type State = { kind: "loading" } | { kind: "anonymous"; notice?: string } | { kind: "signed-in"; session: Session };

/** Asks the server whether the cookie holds a session, then shows the login page or the shell. */
export function App() {
  const [state, setState] = useState<State>({ kind: "loading" });
  const [inviteToken, setInviteToken] = useState(invitationToken);
  useLanguage();
  // The signed-in user's language, or the browser's when they chose none (or nobody is signed in),
  // or the workspace's default when the browser speaks none of the dashboard's languages.
  const chosen = state.kind === "signed-in" ? state.session.user.language : null;
  const fallback = state.kind === "signed-in" ? state.session.workspaceSettings.defaultLanguage : "en";
  useEffect(() => applyLanguage(chosen, fallback), [chosen, fallback]);

  useEffect(() => {
    let cancelled = false;
    auth.session().then(
      (session) => {
        if (cancelled) return;
        // Someone already logged in opens an invitation link: invitations to their email are on the Team page.
        if (invitationToken()) window.location.replace("#/settings/team");
        setState({ kind: "signed-in", session });
      },
      (error: unknown) => {
        if (cancelled) return;
        const signedOut = error instanceof ApiError && error.status === 401;
        setState({ kind: "anonymous", notice: signedOut ? undefined : messageOf(error) });
      },
    );
    setUnauthenticatedHandler(() =>
      setState((current) =>
        current.kind === "signed-in" ? { kind: "anonymous", notice: t("app.sessionEnded") } : current,
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
          {t("app.loading")}
        </p>
      );
    case "anonymous":
      if (inviteToken)
        return (
          <InvitationPage
            token={inviteToken}
            onAccepted={(session) => {
              setInviteToken(null);
              setState({ kind: "signed-in", session });
            }}
            onLogIn={() => {
              setInviteToken(null);
              window.location.replace("#/settings/team");
            }}
          />
        );
      return <LoginPage notice={state.notice} onLoggedIn={(session) => setState({ kind: "signed-in", session })} />;
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
