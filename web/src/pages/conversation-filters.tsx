import { useEffect, useRef, useState } from "react";
import { t, type MessageKey } from "../i18n";
import type { ConversationFilter, ConversationStatus } from "../inbox-api";

interface Props {
  filter: ConversationFilter;
  onChange: (filter: ConversationFilter) => void;
}

const VIEWS: Array<{ label: MessageKey; filter: ConversationFilter }> = [
  { label: "inbox.view.all", filter: {} },
  { label: "inbox.view.unread", filter: { unread: true } },
  { label: "inbox.view.mine", filter: { assignee: "me" } },
  { label: "inbox.view.unassigned", filter: { assignee: "none" } },
];

/**
 * Search (contact, number, message words; "/" focuses it) and the views agents switch between:
 * all, unread, assigned to me, unassigned; and a status.
 */
export function ConversationFilters({ filter, onChange }: Props) {
  const [text, setText] = useState(filter.q ?? "");
  const input = useRef<HTMLInputElement>(null);
  const base = { ...(filter.status ? { status: filter.status } : {}), ...(filter.q ? { q: filter.q } : {}) };
  const view = VIEWS.find(
    (v) =>
      (v.filter.unread ?? false) === (filter.unread ?? false) &&
      v.filter.assignee === filter.assignee &&
      filter.label === undefined,
  );

  // Typing searches after a pause, not on every key.
  useEffect(() => {
    if ((filter.q ?? "") === text.trim()) return;
    const timer = window.setTimeout(() => onChange({ ...filter, q: text.trim() || undefined }), 350);
    return () => window.clearTimeout(timer);
  }, [text, filter, onChange]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable]");
      if (event.key === "/" && !typing) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="conversation-filters">
      <label className="visually-hidden" htmlFor="conversation-search">
        {t("inbox.search")}
      </label>
      <input
        id="conversation-search"
        ref={input}
        type="search"
        placeholder={t("inbox.searchPlaceholder")}
        value={text}
        maxLength={100}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="filter-row" role="group" aria-label={t("inbox.show")}>
        {VIEWS.map((v) => (
          <button
            key={v.label}
            type="button"
            className="chip"
            aria-pressed={view === v}
            onClick={() => onChange({ ...base, ...v.filter })}
          >
            {t(v.label)}
          </button>
        ))}
        <label className="visually-hidden" htmlFor="conversation-status">
          {t("inbox.status")}
        </label>
        <select
          id="conversation-status"
          value={filter.status ?? ""}
          onChange={(event) =>
            onChange({ ...filter, status: (event.target.value || undefined) as ConversationStatus | undefined })
          }
        >
          <option value="">{t("inbox.anyStatus")}</option>
          <option value="open">{t("inbox.status.open")}</option>
          <option value="pending">{t("inbox.status.pending")}</option>
          <option value="resolved">{t("inbox.status.resolved")}</option>
        </select>
      </div>
      {filter.label && (
        <p className="small muted">
          {t("inbox.label")} <strong>{filter.label}</strong>{" "}
          <button className="link-button" type="button" onClick={() => onChange({ ...filter, label: undefined })}>
            {t("inbox.clear")}
          </button>
        </p>
      )}
    </div>
  );
}
