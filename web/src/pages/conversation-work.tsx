import { t, locale } from "../i18n";
import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { inboxApi, type Conversation, type ConversationStatus, type Note } from "../inbox-api";
import { teamApi, type Member } from "../team-api";
import { Alert } from "./alert";

interface Props {
  conversation: Conversation;
  onChange: (conversation: Conversation) => void;
}

/** The team's side of a conversation: status, assignee and labels in the thread's header. */
export function ConversationWork({ conversation, onChange }: Props) {
  const [members, setMembers] = useState<Member[]>([]);
  const [labels, setLabels] = useState(conversation.labels.join(", "));
  const [error, setError] = useState<string>();
  useEffect(() => {
    teamApi.members().then(setMembers, () => setMembers([]));
  }, []);
  useEffect(() => setLabels(conversation.labels.join(", ")), [conversation.labels]);

  const update = async (change: { status?: ConversationStatus; assigneeId?: string | null; labels?: string[] }) => {
    setError(undefined);
    try {
      onChange(await inboxApi.update(conversation.id, change));
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  const saveLabels = (event?: FormEvent) => {
    event?.preventDefault();
    const next = labels
      .split(",")
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    if (next.join(",") !== conversation.labels.join(",")) void update({ labels: next });
  };

  return (
    <div className="conversation-work">
      <label>
        <span className="visually-hidden">{t("common.status")}</span>
        <select
          aria-label={t("common.status")}
          value={conversation.status}
          onChange={(event) => void update({ status: event.target.value as ConversationStatus })}
        >
          <option value="open">{t("inbox.status.open")}</option>
          <option value="pending">{t("inbox.work.pendingLong")}</option>
          <option value="resolved">{t("inbox.status.resolved")}</option>
        </select>
      </label>
      <label>
        <span className="visually-hidden">{t("inbox.work.assignee")}</span>
        <select
          aria-label={t("inbox.work.assignee")}
          value={conversation.assigneeId ?? ""}
          onChange={(event) => void update({ assigneeId: event.target.value || null })}
        >
          <option value="">{t("inbox.view.unassigned")}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name || m.email}
            </option>
          ))}
        </select>
      </label>
      <form onSubmit={saveLabels} className="labels-form">
        <label>
          <span className="visually-hidden">{t("inbox.work.labels")}</span>
          <input
            aria-label={t("inbox.work.labels")}
            placeholder={t("inbox.work.labelsPlaceholder")}
            value={labels}
            maxLength={400}
            onChange={(event) => setLabels(event.target.value)}
            onBlur={() => saveLabels()}
          />
        </label>
      </form>
      <Alert message={error} />
    </div>
  );
}

/** Internal notes beside the thread: the team reads and adds them; the customer never sees them. */
export function ConversationNotes({ conversationId }: { conversationId: string }) {
  const [notes, setNotes] = useState<Note[]>();
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    teamApi.members().then(setMembers, () => setMembers([]));
  }, []);
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    inboxApi.notes(conversationId).then(setNotes, (caught: unknown) => setError(messageOf(caught)));
  }, [conversationId]);
  const author = (id: string | null) => {
    if (id === null) return "API";
    const m = members.find((x) => x.id === id);
    return m ? m.name || m.email : "a teammate";
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const note = await inboxApi.addNote(conversationId, text.trim());
      setNotes((current) => [...(current ?? []), note]);
      setText("");
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="notes" aria-label={t("inbox.work.internalNotes")}>
      <h3>{t("inbox.work.internalNotes")}</h3>
      {notes?.length === 0 && <p className="small muted">{t("inbox.work.noNotes")}</p>}
      <ol className="note-list">
        {notes?.map((n) => (
          <li key={n.id}>
            <p className="note-body">{n.body}</p>
            <p className="small muted">
              {author(n.authorUserId)} · {new Date(n.createdAt).toLocaleString(locale())}
            </p>
          </li>
        ))}
      </ol>
      <Alert message={error} />
      <form onSubmit={add} className="note-form">
        <label className="visually-hidden" htmlFor={`note-${conversationId}`}>
          {t("inbox.work.newNote")}
        </label>
        <textarea
          id={`note-${conversationId}`}
          rows={2}
          maxLength={4096}
          placeholder={t("inbox.work.notePlaceholder")}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button className="button" type="submit" disabled={busy || !text.trim()}>
          {t("inbox.work.addNote")}
        </button>
      </form>
    </section>
  );
}
