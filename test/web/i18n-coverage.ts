// What the catalogs test reads from the dashboard's sources: which catalog keys the code names, and
// which words a .tsx file shows in JSX without going through the catalogs (issue 20).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export const WEB_SRC = new URL("../../web/src/", import.meta.url).pathname;

export function sourceFiles(dir = WEB_SRC, ext = /\.tsx?$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" || name === "api" ? [] : sourceFiles(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

/**
 * Whether the sources name `key`: as a string literal ("inbox.view.all"), as the base of plural
 * forms (`tp("campaigns.form.ready", n)` uses `campaigns.form.ready.one` and `.other`), or under a
 * prefix a template literal builds (`status.${status}` uses every `status.*`) or a group names
 * (`labelFor("templates.quality", score)` uses every `templates.quality.*`).
 */
export function keyUsage(sources: string) {
  const literals = new Set([...sources.matchAll(/["']([\w./-]+)["']/g)].map((m) => m[1]!));
  const prefixes = [...sources.matchAll(/`([\w./-]+\.)\$\{/g)].map((m) => m[1]!);
  return (key: string) =>
    literals.has(key) ||
    literals.has(key.replace(/\.(zero|one|two|few|many|other)$/, "")) ||
    prefixes.some((prefix) => key.startsWith(prefix)) ||
    [...key.matchAll(/\./g)].some((dot) => dot.index > key.indexOf(".") && literals.has(key.slice(0, dot.index)));
}

// Attributes a user reads or a screen reader says.
const SPOKEN_ATTRIBUTES = new Set(["aria-label", "placeholder", "title", "alt", "label", "hint", "aria-valuetext"]);
// Text that is the same in every language: product and brand names, symbols, sample data and
// technical tokens shown as code.
const SAME_IN_EVERY_LANGUAGE = new Set([
  "WhatsApp",
  "Wharf",
  "Meta",
  "360dialog",
  "API",
  "URL",
  "ID",
  "CSV",
  "JSON",
  "NDJSON",
  "SMS",
  "PIN",
]);

/** A word of English (two letters or more) that is not one of the words every language keeps. */
function isWords(text: string): boolean {
  if (/^(https?:\/\/|\+?\d)\S*$/.test(text)) return false; // a sample URL or number
  const words = text.replace(/\{\{\w+\}\}|\w*_\w*/g, "").match(/[A-Za-z][A-Za-z'’]+/g) ?? [];
  return words.some((word) => !SAME_IN_EVERY_LANGUAGE.has(word));
}

/** Text in `file`'s JSX (children, spoken attributes) written in the code instead of the catalogs. */
export function hardCodedWords(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${file.slice(WEB_SRC.length)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      const text = node.text.replace(/\s+/g, " ").trim();
      if (isWords(text)) found.push(`${where(node)} ${text}`);
    } else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const literal =
        value && ts.isStringLiteral(value)
          ? value
          : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
            ? value.expression
            : undefined;
      if (literal && isWords(literal.text)) found.push(`${where(node)} ${node.name.getText(source)}="${literal.text}"`);
    } else if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteralLike(node.expression)) {
      // {"Some words"} as a child.
      if (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
        if (isWords(node.expression.text)) found.push(`${where(node)} "${node.expression.text}"`);
    } else if (
      ts.isConditionalExpression(node) &&
      ts.isJsxExpression(node.parent) &&
      (ts.isJsxElement(node.parent.parent) || ts.isJsxFragment(node.parent.parent))
    ) {
      // {busy ? "Saving…" : "Save"}
      for (const branch of [node.whenTrue, node.whenFalse])
        if (ts.isStringLiteralLike(branch) && isWords(branch.text)) found.push(`${where(branch)} "${branch.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
