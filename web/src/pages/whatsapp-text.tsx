import type { ReactNode } from "react";
import { t } from "../i18n";

// Text as WhatsApp shows it: *bold*, _italic_, ~strikethrough~, ```monospace```, with each
// variable replaced by its sample value. A variable without a sample stays visible as {{1}}.

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const FORMAT = /(```[^`]+```|\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~)/;
const MISSING = /(\{\{[^{}]*\}\})/;

function highlightMissing(text: string, key: string): ReactNode[] {
  return text.split(MISSING).map((part, i) =>
    i % 2 === 1 ? (
      <mark key={`${key}.${i}`} className="wa-missing" title={t("inbox.noSample")}>
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

function formatted(text: string): ReactNode[] {
  return text.split(FORMAT).flatMap((part, i) => {
    const key = String(i);
    if (i % 2 === 0) return highlightMissing(part, key);
    if (part.startsWith("```")) return <code key={key}>{part.slice(3, -3)}</code>;
    const inner = highlightMissing(part.slice(1, -1), key);
    if (part.startsWith("*")) return <strong key={key}>{inner}</strong>;
    if (part.startsWith("_")) return <em key={key}>{inner}</em>;
    return <s key={key}>{inner}</s>;
  });
}

export function fillVariables(text: string, values: Record<string, string>): string {
  return text.replace(TOKEN, (whole, name: string) => values[name] || whole);
}

export function WhatsAppText({ text, values = {} }: { text: string; values?: Record<string, string> }) {
  return <>{formatted(fillVariables(text, values))}</>;
}
