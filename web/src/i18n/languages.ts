import { en, type Catalog } from "./en.js";
import { es } from "./es.js";
import { ptBR } from "./pt-BR.js";

// The languages the dashboard speaks (the server keeps the same list: PATCH /v1/auth/me), each with
// its catalog and its own name. No DOM here: the catalogs test imports this file in Node.

export const CATALOGS = { en, "pt-BR": ptBR, es } satisfies Record<string, Catalog>;
export type Language = keyof typeof CATALOGS;
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "pt-BR": "Português (Brasil)", es: "Español" };

/**
 * The first of the browser's languages the dashboard has (`pt`, `pt-PT` → pt-BR; `es-MX` → es);
 * else the workspace's default language (English unless its owners chose another).
 */
export function fromBrowser(preferred: readonly string[], fallback: Language = "en"): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "pt") return "pt-BR";
    if (base === "es") return "es";
    if (base === "en") return "en";
  }
  return fallback;
}

/** A catalog's text with `{name}` filled in; a missing value leaves the mark, never "undefined". */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => (name in values ? String(values[name]) : mark));
}
