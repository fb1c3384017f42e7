import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { ApiError, messageOf } from "../api";
import { inboxApi, windowOpen, type CannedReply, type Conversation, type Reply } from "../inbox-api";
import { ProductPicker } from "./product-picker";
import { TemplateReply } from "./template-reply";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  conversation: Conversation;
  now: number;
  /** After the server accepted a reply: the thread reads what is new. */
  onSent: () => void;
}

function left(until: string, now: number): string {
  const minutes = Math.max(0, Math.round((Date.parse(until) - now) / 60_000));
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

/**
 * Free-form text while the customer's 24-hour window is open; once it has closed WhatsApp only
 * delivers an approved template, so that is what the box offers.
 */
export function ReplyBox({ conversation, now, onSent }: Props) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [useTemplate, setUseTemplate] = useState(false);
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [picking, setPicking] = useState(false);
  const open = windowOpen(conversation, now);
  useEffect(() => {
    inboxApi.cannedReplies().then(setCanned, () => setCanned([]));
  }, []);
  // "/thanks" offers the canned replies whose shortcut starts with what follows the slash.
  const typed = /^\/([a-z0-9_-]*)$/i.exec(text)?.[1]?.toLowerCase();
  const suggestions = typed === undefined ? [] : canned.filter((c) => c.shortcut.startsWith(typed)).slice(0, 6);

  async function send(reply: Reply) {
    await inboxApi.reply(conversation.id, reply);
    onSent();
  }

  async function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await send({ type: "text", text: { body } });
      setText("");
    } catch (caught) {
      setError(messageOf(caught));
      if (caught instanceof ApiError && caught.code === "WINDOW_CLOSED") setUseTemplate(true);
    } finally {
      setBusy(false);
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((event.key === "Tab" || event.key === "Enter") && suggestions[0]) {
      event.preventDefault();
      setText(suggestions[0].text);
      return;
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <section className="reply-box" aria-label={t("inbox.reply.label")}>
      {open && conversation.windowExpiresAt ? (
        <p className="window-note" role="status">
          {t("inbox.reply.windowOpen", { left: left(conversation.windowExpiresAt, now) })}{" "}
          <button className="link-button" type="button" onClick={() => setUseTemplate(!useTemplate)}>
            {useTemplate ? t("inbox.reply.writeInstead") : t("inbox.reply.templateInstead")}
          </button>{" "}
          {!useTemplate && (
            <button className="link-button" type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
              {picking ? t("inbox.reply.hideProducts") : t("inbox.reply.sendProducts")}
            </button>
          )}
        </p>
      ) : (
        <p className="window-note closed" role="status">
          {t("inbox.reply.closed")}
        </p>
      )}
      <Alert message={error} />
      {open && !useTemplate && picking && (
        <ProductPicker
          send={async (interactive) => {
            await send({ type: "interactive", interactive });
            setPicking(false);
          }}
          onCancel={() => setPicking(false)}
        />
      )}
      {!open || useTemplate ? (
        <TemplateReply send={(template) => send({ type: "template", template })} />
      ) : (
        <form className="text-reply" onSubmit={submit}>
          {suggestions.length > 0 && (
            <ul className="canned-suggestions" aria-label={t("inbox.reply.canned")}>
              {suggestions.map((c) => (
                <li key={c.id}>
                  <button type="button" className="link-button" onClick={() => setText(c.text)}>
                    /{c.shortcut} <span className="muted">{c.text.slice(0, 80)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label className="visually-hidden" htmlFor="reply-text">
            {t("inbox.reply.label")}
          </label>
          <textarea
            id="reply-text"
            rows={2}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t("inbox.reply.placeholder")}
            maxLength={4096}
          />
          <button className="button primary" type="submit" disabled={busy || !text.trim()}>
            {busy ? t("inbox.reply.sending") : t("inbox.reply.send")}
          </button>
        </form>
      )}
    </section>
  );
}
