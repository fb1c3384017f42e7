import { useEffect, useRef } from "react";
import { t, type MessageKey } from "../i18n";
import type { Conversation } from "../inbox-api";
import { hrefWith, navigate } from "../router";

/** The inbox's keys, in the order the help lists them ("/" is the search box's own, see conversation-filters). */
export const SHORTCUTS: { keys: string[]; what: MessageKey }[] = [
  { keys: ["j"], what: "inbox.keys.next" },
  { keys: ["k"], what: "inbox.keys.previous" },
  { keys: ["r"], what: "inbox.keys.reply" },
  { keys: ["/"], what: "inbox.keys.search" },
  { keys: ["e"], what: "inbox.keys.resolve" },
  { keys: ["?"], what: "inbox.keys.help" },
];

interface Options {
  conversations: Conversation[] | undefined;
  selectedId: string | undefined;
  onResolve: (conversation: Conversation) => void;
  onHelp: () => void;
}

/** True while the agent types somewhere: then every key is theirs, never a shortcut. */
const typing = (target: EventTarget | null) =>
  target instanceof Element &&
  target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])") !== null;

/** The box the agent replies in: the text box, or the template picker once the window has closed. */
function focusReply(): void {
  const box = document.querySelector<HTMLElement>(".reply-box textarea, .reply-box select");
  box?.focus();
}

/**
 * j / k: next and previous conversation in the list; r: the reply box; e: resolve the open one;
 * ?: the list of keys. Not while typing in a field, nor with Ctrl, Alt or Meta held.
 */
export function useInboxShortcuts(options: Options): void {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
      if (document.querySelector('[role="dialog"]') && event.key !== "?") return;
      const { conversations = [], selectedId, onResolve, onHelp } = latest.current;
      const at = conversations.findIndex((c) => c.id === selectedId);
      const go = (index: number) => {
        const target = conversations[index];
        if (target) navigate(hrefWith("inbox", { conversation: target.id }));
      };
      switch (event.key) {
        case "j":
          go(at < 0 ? 0 : Math.min(at + 1, conversations.length - 1));
          break;
        case "k":
          go(at < 0 ? 0 : Math.max(at - 1, 0));
          break;
        case "r":
          focusReply();
          break;
        case "e": {
          const open = conversations[at];
          if (open && open.status !== "resolved") onResolve(open);
          break;
        }
        case "?":
          onHelp();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** The list of keys, opened by "?" or its button; Escape or Close shuts it. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <section className="shortcuts-help card" role="dialog" aria-labelledby="shortcuts-title">
      <div className="panel-head">
        <h2 id="shortcuts-title">{t("inbox.keys.title")}</h2>
        <button ref={close} className="button" type="button" onClick={onClose}>
          {t("inbox.keys.close")}
        </button>
      </div>
      <dl className="shortcuts">
        {SHORTCUTS.map((s) => (
          <div key={s.what}>
            <dt>
              {s.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(s.what)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
