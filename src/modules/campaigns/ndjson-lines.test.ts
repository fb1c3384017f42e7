import { describe, expect, it } from "vitest";
import { ndjsonLines } from "./ndjson-lines.js";

async function* chunks(parts: Array<string | Uint8Array>, pulled?: { n: number }) {
  for (const p of parts) {
    if (pulled) pulled.n++;
    yield typeof p === "string" ? Buffer.from(p) : p;
  }
}

async function lines(parts: Array<string | Uint8Array>, maxBytes = 1024): Promise<Array<string | null>> {
  const out: Array<string | null> = [];
  for await (const batch of ndjsonLines(chunks(parts), maxBytes)) out.push(...batch);
  return out;
}

describe("ndjsonLines splits as readline does", () => {
  it("on \\n, \\r\\n and a lone \\r, keeping blank lines so that line numbers match the file", async () => {
    expect(await lines(["a\nb\r\nc\rd\n\ne"])).toEqual(["a", "b", "c", "d", "", "e"]);
  });

  it("joins lines across chunks, a \\r\\n split between two chunks included", async () => {
    expect(await lines(['{"to":', '"+1"}\r', '\n{"to"', ':"+2"}\n'])).toEqual(['{"to":"+1"}', '{"to":"+2"}']);
  });

  it("decodes a character whose UTF-8 bytes arrive in two chunks", async () => {
    const bytes = Buffer.from("é😀\n");
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)])).toEqual(["é😀"]);
  });

  it("ends with the last line even without a final newline, and adds none after one", async () => {
    expect(await lines(["a\nb"])).toEqual(["a", "b"]);
    expect(await lines(["a\n"])).toEqual(["a"]);
    expect(await lines([])).toEqual([]);
  });
});

describe("ndjsonLines holds at most one line", () => {
  it("answers null for a line over the limit, within a chunk or across chunks, and stops there", async () => {
    expect(await lines(["ok\n" + "x".repeat(11) + "\nnever\n"], 10)).toEqual(["ok", null]);
    expect(await lines(["ok\nxxxxxx", "xxxxxx", "\nnever\n"], 10)).toEqual(["ok", null]);
    // Bytes, not characters: five 3-byte characters are 15 bytes.
    expect(await lines(["€€€€€\n"], 10)).toEqual([null]);
    expect(await lines(["€€€\n"], 10)).toEqual(["€€€"]);
  });

  it("stops reading a body that has no newline once it passes the limit", async () => {
    const pulled = { n: 0 };
    const out: Array<string | null> = [];
    for await (const batch of ndjsonLines(
      chunks(
        Array.from({ length: 100 }, () => "x".repeat(100)),
        pulled,
      ),
      1000,
    ))
      out.push(...batch);
    expect(out).toEqual([null]);
    expect(pulled.n).toBe(11);
  });
});
