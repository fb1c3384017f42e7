import { useEffect, useState, type FormEvent } from "react";
import { ApiError, auth, messageOf, type Session } from "../api";
import { textField } from "../form-data";

interface Props {
  token: string;
  onAccepted: (session: Session) => void;
  onLogIn: () => void;
}

/** An invitation link opened without a session: create the account it invites, or log in instead. */
export function InvitationPage({ token, onAccepted, onLogIn }: Props) {
  const [error, setError] = useState<string>();
  const [existing, setExisting] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    document.title = "Accept an invitation · Wharf";
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(undefined);
    try {
      onAccepted(await auth.acceptInvitation(token, textField(form, "name"), textField(form, "password")));
      window.location.replace("#/inbox");
    } catch (caught) {
      setExisting(caught instanceof ApiError && caught.code === "ACCOUNT_EXISTS");
      setError(messageOf(caught));
      setSubmitting(false);
    }
  }

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="invite-title">
        <p className="brand">Wharf</p>
        <h1 id="invite-title">Join a workspace</h1>
        <p className="muted">
          You were invited to a Wharf workspace. Choose your name and a password to create your account.
        </p>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        {existing && (
          <button className="button" type="button" onClick={onLogIn}>
            Log in to accept
          </button>
        )}
        <label className="field">
          <span>Your name</span>
          <input name="name" required maxLength={120} autoComplete="name" autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" required minLength={10} autoComplete="new-password" />
        </label>
        <button className="button primary" type="submit" disabled={submitting}>
          {submitting ? "Creating your account…" : "Create account and join"}
        </button>
      </form>
    </main>
  );
}

/** The token of an invitation link (`#/invitation?token=...`), if the address is one. */
export function invitationToken(hash: string = window.location.hash): string | null {
  if (!hash.startsWith("#/invitation")) return null;
  return new URLSearchParams(hash.split("?")[1] ?? "").get("token");
}
