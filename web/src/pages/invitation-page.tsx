import { useEffect, useState, type FormEvent } from "react";
import { ApiError, auth, messageOf, type Session } from "../api";
import { textField } from "../form-data";
import { t } from "../i18n";
import { Alert } from "./alert";

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
    document.title = t("invite.docTitle");
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
        <h1 id="invite-title">{t("invite.title")}</h1>
        <p className="muted">{t("invite.intro")}</p>
        <Alert message={error} />
        {existing && (
          <button className="button" type="button" onClick={onLogIn}>
            {t("invite.login")}
          </button>
        )}
        <label className="field">
          <span>{t("invite.name")}</span>
          <input name="name" required maxLength={120} autoComplete="name" autoFocus />
        </label>
        <label className="field">
          <span>{t("invite.password")}</span>
          <input name="password" type="password" required minLength={10} autoComplete="new-password" />
        </label>
        <button className="button primary" type="submit" disabled={submitting}>
          {submitting ? t("invite.creating") : t("invite.create")}
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
