/**
 * JSON.parse for one NDJSON line, without V8's interning. JSON.parse interns every string value of
 * up to 10 characters (Node 20: 300,000 distinct 10-character values add 7.6 MB to V8's malloced
 * string table, 11-character ones nothing). Interned strings are allocated in old space and stay
 * in the table until a full GC, which a streaming upload never provokes: a 1,000,000-line upload
 * with short parameters grew the server by ~55 MB that way. Here strings are plain slices, freed
 * by the next scavenge once their chunk is written.
 *
 * Same grammar and result as JSON.parse; `undefined` where JSON.parse would throw, and for
 * nesting too deep for the stack (no recipient line nests more than two levels).
 */
export function parseJsonLine(text: string): unknown {
  const p: Cursor = { s: text, i: 0 };
  try {
    const v = value(p);
    skipSpace(p);
    return p.i === text.length ? v : undefined;
  } catch {
    // A syntax error, or a stack overflow on absurd nesting: either way not a recipient.
    return undefined;
  }
}

interface Cursor {
  s: string;
  i: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const HEX4 = /^[0-9a-fA-F]{4}$/;

function fail(): never {
  throw new SyntaxError("not JSON");
}

function skipSpace(p: Cursor): void {
  for (let c = p.s.charCodeAt(p.i); c === 32 || c === 10 || c === 13 || c === 9; c = p.s.charCodeAt(++p.i));
}

function value(p: Cursor): unknown {
  skipSpace(p);
  const c = p.s[p.i];
  if (c === '"') return string(p);
  if (c === "{") return object(p);
  if (c === "[") return array(p);
  if (c === "t") return word(p, "true", true);
  if (c === "f") return word(p, "false", false);
  if (c === "n") return word(p, "null", null);
  NUMBER.lastIndex = p.i;
  const m = NUMBER.exec(p.s);
  if (!m) fail();
  p.i += m[0].length;
  return Number(m[0]);
}

function word<T>(p: Cursor, text: string, v: T): T {
  if (!p.s.startsWith(text, p.i)) fail();
  p.i += text.length;
  return v;
}

function string(p: Cursor): string {
  const s = p.s;
  let i = p.i + 1;
  let start = i;
  let out = "";
  for (;;) {
    if (i >= s.length) fail();
    const c = s.charCodeAt(i);
    if (c === 34) break;
    if (c < 32) fail();
    if (c !== 92) {
      i++;
      continue;
    }
    out += s.slice(start, i);
    const e = s[i + 1];
    if (e === "u") {
      const hex = s.slice(i + 2, i + 6);
      if (!HEX4.test(hex)) fail();
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else {
      const ch = e === undefined ? undefined : ESCAPES[e];
      if (ch === undefined) fail();
      out += ch;
      i += 2;
    }
    start = i;
  }
  p.i = i + 1;
  return out + s.slice(start, i);
}

function array(p: Cursor): unknown[] {
  const out: unknown[] = [];
  p.i++;
  skipSpace(p);
  if (p.s[p.i] === "]") {
    p.i++;
    return out;
  }
  for (;;) {
    out.push(value(p));
    skipSpace(p);
    const c = p.s[p.i++];
    if (c === "]") return out;
    if (c !== ",") fail();
  }
}

function object(p: Cursor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  p.i++;
  skipSpace(p);
  if (p.s[p.i] === "}") {
    p.i++;
    return out;
  }
  for (;;) {
    skipSpace(p);
    if (p.s[p.i] !== '"') fail();
    const key = string(p);
    skipSpace(p);
    if (p.s[p.i++] !== ":") fail();
    const v = value(p);
    // An own property, as JSON.parse makes it: assigning "__proto__" would set the prototype instead.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[key] = v;
    skipSpace(p);
    const c = p.s[p.i++];
    if (c === "}") return out;
    if (c !== ",") fail();
  }
}
