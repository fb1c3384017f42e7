import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { inboxApi, type CannedReply } from "../inbox-api";
import { t } from "../i18n";
import { Alert } from "./alert";

/** Owners and admins keep the workspace's canned replies; agents use them with "/" in the reply box. */
export function CannedRepliesManager() {
  const [replies, setReplies] = useState<CannedReply[]>();
  const [shortcut, setShortcut] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  useEffect(() => {
    inboxApi.cannedReplies().then(setReplies, (caught: unknown) => setError(messageOf(caught)));
  }, []);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const made = await inboxApi.addCannedReply(shortcut.trim(), text.trim());
      setReplies((current) => [...(current ?? []), made].sort((a, b) => a.shortcut.localeCompare(b.shortcut)));
      setShortcut("");
      setText("");
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  const remove = async (id: string) => {
    setError(undefined);
    try {
      await inboxApi.removeCannedReply(id);
      setReplies((current) => current?.filter((r) => r.id !== id));
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  return (
    <details className="card canned-manager">
      <summary>{t("inbox.reply.canned")}</summary>
      <Alert message={error} />
      <ul className="canned-list">
        {replies?.map((r) => (
          <li key={r.id}>
            <code>/{r.shortcut}</code> {r.text}{" "}
            <button className="link-button" type="button" onClick={() => void remove(r.id)}>
              {t("common.delete")}
            </button>
          </li>
        ))}
      </ul>
      <form className="canned-form" onSubmit={add}>
        <label>
          {t("inbox.canned.shortcut")}
          <input value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={32} required />
        </label>
        <label>
          {t("inbox.canned.text")}
          <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={4096} rows={2} required />
        </label>
        <button className="button" type="submit" disabled={!shortcut.trim() || !text.trim()}>
          {t("inbox.canned.save")}
        </button>
      </form>
    </details>
  );
}
