import { useSyncExternalStore } from "react";
import type { MessageKey } from "./en";
import { CATALOGS, fill, fromBrowser, type Language } from "./languages";

// The dashboard's current language: the user's choice (kept on the server, PATCH /v1/auth/me), or
// the browser's when they made none, or the workspace's default when the browser speaks none of ours. Words come from the catalogs; dates and numbers from Intl in
// the same language.

export { LANGUAGE_NAMES, fromBrowser, type Language } from "./languages";
export type { MessageKey } from "./en";

/** The workspace's default language: what a browser speaking none of the dashboard's languages gets. */
let workspaceDefault: Language = "en";

const browserLanguage = (): Language =>
  fromBrowser(navigator.languages?.length ? navigator.languages : [navigator.language], workspaceDefault);

let current: Language = browserLanguage();
const listeners = new Set<() => void>();

/** The user's choice, or null to follow the browser (and, when it speaks none of ours, the workspace's default). */
export function applyLanguage(choice: Language | null, fallback: Language = "en"): void {
  workspaceDefault = fallback;
  const next = choice ?? browserLanguage();
  document.documentElement.lang = next;
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

export const browserDefault = browserLanguage;
export const locale = (): Language => current;

export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return fill(CATALOGS[current][key], values);
}

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(CATALOGS.en, key);

/** Re-renders the component when the language changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

export const formatNumber = (value: number): string => new Intl.NumberFormat(current).format(value);

/** A catalog key that has plural forms: `key.one`, `key.other` (and any other Intl.PluralRules category). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/**
 * The words for `count` things: the catalog's form for the count's plural category in the current
 * language (Intl.PluralRules), else its `other` form; `{count}` is the number formatted for the language.
 */
export function tp(key: PluralKey, count: number, values?: Record<string, string | number>): string {
  const form = `${key}.${new Intl.PluralRules(current).select(count)}`;
  const text = isMessageKey(form) ? CATALOGS[current][form] : CATALOGS[current][`${key}.other`];
  return fill(text, { count: formatNumber(count), ...values });
}
