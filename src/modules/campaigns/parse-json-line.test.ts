import { describe, expect, it } from "vitest";
import { parseJsonLine } from "./parse-json-line.js";

const reference = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

describe("parseJsonLine gives what JSON.parse gives", () => {
  const cases = [
    '{"to":"+15551234567","parameters":["Ann",2]}',
    ' \t{ "to" : "+1" , "parameters" : { "name" : "Ann", "n": -1.5e3 } } \r\n',
    '{"s":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","e":"","u":"é😀"}',
    '[0, -0, 1e400, 12.5E-2, true, false, null, [], {}, [[1], {"a": [2]}]]',
    '{"a":1,"a":2}',
    '"just a string"',
    "42",
    "",
    "{",
    '{"to":"+1",}',
    "[1,]",
    "01",
    "1.",
    ".5",
    "-",
    "+1",
    "NaN",
    "tru",
    "nulls",
    '{"to":"a\tb"}',
    '{"to":"\\x"}',
    '{"to":"\\u12"}',
    '{"to":"open',
    "{'to':'+1'}",
    '{"to":"+1"} {"to":"+2"}',
    "\u00a0{}",
  ];
  it.each(cases)("%j", (text) => {
    expect(parseJsonLine(text)).toStrictEqual(reference(text));
  });

  it("makes __proto__ an own property, as JSON.parse does, instead of setting the prototype", () => {
    const parsed = parseJsonLine('{"__proto__": {"polluted": true}, "to": "+1"}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect((parsed as { polluted?: boolean }).polluted).toBeUndefined();
    expect(parsed).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "to": "+1"}'));
  });

  it("answers undefined for absurd nesting instead of overflowing the stack", () => {
    expect(parseJsonLine("[".repeat(200_000) + "]".repeat(200_000))).toBeUndefined();
  });
});
