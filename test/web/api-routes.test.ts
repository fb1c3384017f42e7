// "No page promises a route that does not exist": every /v1 path the dashboard's source names (in a
// call or in the text it shows) is served by the API, as /openapi.json lists its routes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";

const WEB_SRC = join(import.meta.dirname, "../../web/src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/**
 * `/v1/...` as the source writes it, up to where the path stops being literal: a query, a quote,
 * a space, or a `${...}` that is not a whole segment. A whole-segment `${...}` or `{name}` is a parameter.
 */
export function namedPaths(text: string): string[] {
  const out = new Set<string>();
  // Each template-literal expression (innermost first) becomes one character, \u0001.
  let flat = text;
  for (let before = ""; before !== flat;) [before, flat] = [flat, flat.replace(/\$\{[^{}]*\}/g, "\u0001")];
  for (const match of flat.matchAll(/\/v1\/[^\s"'`?<>),;]*/g)) {
    const segments: string[] = [];
    for (const segment of match[0].replace(/\.+$/, "").split("/").slice(1)) {
      if (segment === "\u0001" || /^\{\w+\}$/.test(segment)) segments.push("*");
      else if (/^[\w.-]+$/.test(segment)) segments.push(segment);
      else {
        const literal = /^[\w.-]+/.exec(segment);
        if (literal) segments.push(literal[0]);
        break;
      }
    }
    out.add(`/${segments.join("/")}`);
  }
  return [...out];
}

/**
 * A named path is served when some route starts with it, segment by segment: a literal segment
 * only by the same literal (`imports` is not a `{retailerId}`), a parameter by anything.
 */
function served(path: string, routes: string[][]): boolean {
  const want = path.split("/").slice(1);
  return routes.some((route) => route.length >= want.length && want.every((s, i) => s === "*" || route[i] === s));
}

describe("the dashboard names only routes the API serves", () => {
  let w: StartedWharf;
  let routes: string[][];
  beforeAll(async () => {
    w = await startWharf();
    const spec = (await (await fetch(`${w.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    routes = Object.keys(spec.paths).map((p) => p.split("/").slice(1));
  }, 60_000);
  afterAll(() => w?.close());

  it("reads paths the way the source writes them", () => {
    expect(namedPaths("request(`/v1/catalog/products/${encodeURIComponent(id)}`)")).toEqual(["/v1/catalog/products/*"]);
    expect(
      namedPaths('"GET /v1/catalog/products?syncStatus=error" and PUT /v1/catalog/products/{retailerId}.'),
    ).toEqual(["/v1/catalog/products", "/v1/catalog/products/*"]);
    expect(namedPaths('`/v1/catalog/products${text ? `?${text}` : ""}`')).toEqual(["/v1/catalog/products"]);
    expect(served("/v1/catalog/nothing", [["v1", "catalog"]])).toBe(false);
    expect(served("/v1/catalog/products/*", [["v1", "catalog", "products", "{retailerId}"]])).toBe(true);
    expect(served("/v1/catalog/products/imports", [["v1", "catalog", "products", "{retailerId}"]])).toBe(false);
  });

  it("every /v1 path in web/src is served", () => {
    const missing: string[] = [];
    for (const file of sources(WEB_SRC))
      for (const path of namedPaths(readFileSync(file, "utf8")))
        if (!served(path, routes)) missing.push(`${file.slice(WEB_SRC.length + 1)}: ${path}`);
    expect(missing).toEqual([]);
  });
});
