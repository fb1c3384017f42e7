import { useEffect, useRef, useState, type FormEvent } from "react";
import { auth, messageOf, type Session } from "../api";
import { textField } from "../form-data";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  /** Shown above the form, e.g. when a session ended or the server could not be reached. */
  notice?: string | undefined;
  onLoggedIn: (session: Session) => void;
}

export function LoginPage({ notice, onLoggedIn }: Props) {
  const [error, setError] = useState(notice);
  const [submitting, setSubmitting] = useState(false);
  const password = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t("login.title")} · Wharf`;
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(undefined);
    try {
      onLoggedIn(await auth.login(textField(form, "email"), textField(form, "password")));
    } catch (caught) {
      setError(messageOf(caught));
      setSubmitting(false);
      if (password.current) {
        password.current.value = "";
        password.current.focus();
      }
    }
  }

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <p className="brand">Wharf</p>
        <h1 id="login-title">{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        <Alert message={error} />
        <label className="field">
          <span>{t("login.email")}</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input ref={password} name="password" type="password" autoComplete="current-password" required />
        </label>
        <button className="button primary" type="submit" disabled={submitting}>
          {submitting ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}
