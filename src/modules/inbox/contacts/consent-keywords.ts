import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { wordsOf } from "../inbound-content.js";
import { findKeywordRows, listKeywordRows, replaceKeywordRows } from "./consent-keywords.repo.js";

export type KeywordLists = Record<"stop" | "start", Record<string, string[]>>;

/**
 * What a workspace that never set its own lists uses. English is the list Wharf always had (with
 * the "Stop promotions" quick reply Meta adds to marketing templates); the others are the usual
 * words of those languages. START and its kin opt back in.
 */
export const DEFAULT_KEYWORDS: KeywordLists = {
  stop: {
    en: ["STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE", "OPT OUT", "OPTOUT", "STOP PROMOTIONS"],
    es: ["PARAR", "BAJA", "DETENER", "CANCELAR SUSCRIPCION"],
    pt: ["PARAR", "SAIR", "DESCADASTRAR"],
    fr: ["ARRET", "DESABONNER", "DESINSCRIRE"],
    de: ["ABMELDEN"],
  },
  start: {
    en: ["START", "UNSTOP", "SUBSCRIBE", "RESUME PROMOTIONS"],
    es: ["ALTA", "SUSCRIBIR"],
    pt: ["VOLTAR", "CADASTRAR"],
    fr: ["ABONNER"],
    de: ["ANMELDEN"],
  },
};

/** "Stop", " STOP! ", "Arrêt" all read the same: accents, punctuation and case do not count. */
export function normalizeKeyword(words: string): string {
  return words
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

const MAX_KEYWORD = 40;
const lookup = new Map<string, "stop" | "start">();
for (const kind of ["start", "stop"] as const)
  for (const words of Object.values(DEFAULT_KEYWORDS[kind]))
    for (const w of words) lookup.set(normalizeKeyword(w), kind);

/** The default lists' reading of a message's words ("STOP", " Stop! "; "please stop calling me" is not one). */
export function defaultKeywordOf(type: string, content: unknown): "stop" | "start" | null {
  const words = wordsOf(type, content);
  return words === null ? null : (lookup.get(normalizeKeyword(words)) ?? null);
}

/**
 * Whether an inbound message is a STOP or START keyword of the workspace: the whole message is
 * the keyword ("please stop calling me" is not: too easy to misread). One indexed read for short
 * messages only; a workspace without its own lists uses DEFAULT_KEYWORDS.
 */
export async function consentKeywordOf(
  trx: Executor,
  workspaceId: WorkspaceId,
  type: string,
  content: unknown,
): Promise<"stop" | "start" | null> {
  const words = wordsOf(type, content);
  if (words === null || words.length > MAX_KEYWORD * 2) return null;
  const keyword = normalizeKeyword(words);
  if (keyword === "" || keyword.length > MAX_KEYWORD) return null;
  const rows = await findKeywordRows(trx, workspaceId, keyword);
  const own = rows.find((r) => r.kind !== "custom" && r.keyword === keyword);
  if (own) return own.kind as "stop" | "start";
  if (rows.some((r) => r.kind === "custom")) return null;
  return lookup.get(keyword) ?? null;
}

export async function getConsentKeywords(
  deps: { db: AnyDb },
  workspaceId: WorkspaceId,
): Promise<KeywordLists & { custom: boolean }> {
  const rows = await listKeywordRows(deps.db, workspaceId);
  if (!rows.some((r) => r.kind === "custom")) return { ...DEFAULT_KEYWORDS, custom: false };
  const out: KeywordLists = { stop: {}, start: {} };
  for (const r of rows) if (r.kind !== "custom") (out[r.kind][r.language] ??= []).push(r.keyword);
  return { ...out, custom: true };
}

/** Replaces the workspace's lists; `null` goes back to the defaults. A word in both lists is refused. */
export async function setConsentKeywords(
  deps: { db: AnyDb },
  workspaceId: WorkspaceId,
  lists: KeywordLists | null,
): Promise<KeywordLists & { custom: boolean }> {
  const rows: Array<{ kind: "stop" | "start" | "custom"; language: string; keyword: string }> = [];
  if (lists !== null) {
    rows.push({ kind: "custom", language: "", keyword: "" });
    const seen = new Map<string, string>();
    for (const kind of ["stop", "start"] as const)
      for (const [language, words] of Object.entries(lists[kind]))
        for (const word of words) {
          const keyword = normalizeKeyword(word);
          if (keyword === "" || keyword.length > MAX_KEYWORD)
            throw new AppError(
              "VALIDATION_FAILED",
              `"${word.slice(0, 60)}" cannot be a keyword (letters and digits, at most ${MAX_KEYWORD}).`,
            );
          const before = seen.get(keyword);
          if (before === kind) continue;
          if (before) throw new AppError("VALIDATION_FAILED", `"${keyword}" is in both the stop and the start list.`);
          seen.set(keyword, kind);
          rows.push({ kind, language, keyword });
        }
  }
  await deps.db.transaction().execute((trx) => replaceKeywordRows(trx, workspaceId, rows));
  return getConsentKeywords(deps, workspaceId);
}
