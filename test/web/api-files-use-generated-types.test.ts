// Issue 20: "the dashboard compiles against the generated types". Every web/src/*-api.ts file takes
// the shapes the API answers and takes from web/src/api/generated.ts (made from /openapi.json), so a
// server schema change breaks the dashboard's compile instead of its pages. This scan fails on a
// shape declared by hand there: an `interface`, a `type` that derives from nothing generated, or a
// `request<...>` call that names its own answer.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const WEB_SRC = join(import.meta.dirname, "../../web/src");

/**
 * Hand-written shapes still waiting on their route's schema, with why. The scan fails when one is
 * no longer there too, so this list only shrinks (it is empty: keep it so).
 */
const KNOWN_GAPS: Record<string, string> = {};

const GENERATED = /\bApi(Response|Body|Query|Params)</;
/** A comment right above a declaration that says it is the dashboard's own, not the API's. */
const NOT_API = /Not an API shape/;

interface Declaration {
  name: string;
  kind: "type" | "interface";
  generic: boolean;
  body: string;
  comment: string;
}

/** Top-level `type`/`interface` declarations: each runs until the next line that starts at column 0. */
export function declarations(text: string): Declaration[] {
  const lines = text.split("\n");
  const found: Declaration[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^(?:export )?(type|interface) ([A-Za-z_$][\w$]*)(<)?/.exec(lines[i]!);
    if (!match) continue;
    let end = i + 1;
    while (end < lines.length && /^(\s|\||&|\}|\)|>)/.test(lines[end]!)) end++;
    let start = i;
    while (start > 0 && /^\s*(\/\*\*|\*|\/\/)/.test(lines[start - 1]!)) start--;
    found.push({
      kind: match[1] as "type" | "interface",
      name: match[2]!,
      generic: match[3] === "<",
      body: lines.slice(i, end).join("\n"),
      comment: lines.slice(start, i).join("\n"),
    });
  }
  return found;
}

/** What is wrong with one *-api.ts file's text: one line per hand-written shape. */
export function handWrittenShapes(file: string, text: string): string[] {
  const problems: string[] = [];
  if (!/from "\.\/api\/generated"/.test(text)) problems.push(`${file}: does not import from ./api/generated`);
  for (const call of text.match(/\brequest<[^>(]*/g) ?? [])
    problems.push(`${file}: ${call.trim()}...: call api() (typed by the route) instead`);
  const all = declarations(text);
  // A name is derived when its declaration mentions generated.ts's helpers or a derived name
  // (of this file, or imported): repeated until nothing changes.
  const imported = new Set(
    [...text.matchAll(/^import (?:type )?\{([^}]*)\} from "\.\/[\w-]+-api"/gm)].flatMap((m) =>
      m[1]!.split(",").map((part) => part.replace(/\btype\b/, "").trim()),
    ),
  );
  const derived = new Set<string>(imported);
  for (let changed = true; changed;) {
    changed = false;
    for (const d of all) {
      if (derived.has(d.name) || d.kind === "interface") continue;
      const rhs = d.body.slice(d.body.indexOf("=") + 1);
      const mentionsDerived = [...derived].some((name) => new RegExp(`\\b${name}\\b`).test(rhs));
      if (GENERATED.test(rhs) || mentionsDerived) {
        derived.add(d.name);
        changed = true;
      }
    }
  }
  for (const call of text.match(/\buploadFile<([^>(]*)/g) ?? []) {
    const named = call.slice("uploadFile<".length).trim();
    if (!GENERATED.test(named) && !derived.has(named))
      problems.push(`${file}: ${call}: name a type derived from generated.ts`);
  }
  for (const d of all) {
    if (derived.has(d.name) || d.generic || NOT_API.test(d.comment)) continue;
    problems.push(
      d.kind === "interface"
        ? `${file} ${d.name}: an interface written by hand; derive it from generated.ts`
        : `${file} ${d.name}: derives from nothing in generated.ts`,
    );
  }
  return problems;
}

const apiFiles = () => readdirSync(WEB_SRC).filter((name) => name.endsWith("-api.ts"));

describe("web/src/*-api.ts", () => {
  it("take every API shape from web/src/api/generated.ts", () => {
    const files = apiFiles();
    expect(files.length).toBeGreaterThanOrEqual(12);
    const problems = files.flatMap((file) => handWrittenShapes(file, readFileSync(join(WEB_SRC, file), "utf8")));
    const known = Object.keys(KNOWN_GAPS);
    const reported = (gap: string) => problems.some((p) => p.startsWith(`${gap}:`));
    expect(problems.filter((p) => !known.some((gap) => p.startsWith(`${gap}:`)))).toEqual([]);
    expect(
      known.filter((gap) => !reported(gap)),
      "fixed: take them off KNOWN_GAPS",
    ).toEqual([]);
  });

  it("the scan finds a shape declared by hand, in each of its forms", () => {
    const text = [
      'import { api, request } from "./api";',
      'import type { ApiResponse } from "./api/generated";',
      "",
      'export type Thing = ApiResponse<"/v1/things/{id}", "get">;',
      'export type ThingStatus = Thing["status"];',
      "export interface Widget {",
      "  id: string;",
      "}",
      "export type Gadget = {",
      "  id: string;",
      "};",
      'export type Mode = "a" | "b";',
      "/** Not an API shape: the page's own. */",
      "export type Local = Record<string, string>;",
      "type Pick1<T, K extends keyof T> = { [P in K]: T[P] };",
      'export const get = () => request<{ id: string }>("GET", "/v1/things");',
      'export const up = (f: Blob) => uploadFile<{ id: string }>("/v1/x", f, () => undefined);',
      'export const up2 = (f: Blob) => uploadFile<Gadget>("/v1/x", f, () => undefined);',
      'export const up3 = (f: Blob) => uploadFile<Thing>("/v1/x", f, () => undefined);',
    ].join("\n");
    expect(handWrittenShapes("x-api.ts", text)).toEqual([
      "x-api.ts: request<{ id: string }...: call api() (typed by the route) instead",
      "x-api.ts: uploadFile<{ id: string }: name a type derived from generated.ts",
      "x-api.ts: uploadFile<Gadget: name a type derived from generated.ts",
      "x-api.ts Widget: an interface written by hand; derive it from generated.ts",
      "x-api.ts Gadget: derives from nothing in generated.ts",
      "x-api.ts Mode: derives from nothing in generated.ts",
    ]);
    expect(handWrittenShapes("y-api.ts", 'import { api } from "./api";\n')).toEqual([
      "y-api.ts: does not import from ./api/generated",
    ]);
  });
});
