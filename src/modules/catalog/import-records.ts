/**
 * Records of an uploaded body as they arrive, in constant memory: NDJSON lines or CSV rows
 * (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, a leading byte
 * order mark). Each comes with the line it starts on. A record longer than `maxChars` ends the
 * stream with a `too_long` record, so an unterminated quote or a body without line breaks cannot
 * grow the process.
 */

export type ImportRecord =
  | { line: number; kind: "fields"; fields: string[] }
  | { line: number; kind: "text"; text: string }
  | { line: number; kind: "too_long" };

function csvParser(maxChars: number) {
  let fields: string[] = [];
  let field = "";
  let size = 0;
  let quoted = false;
  let quoteSeen = false;
  let started = false;
  let line = 1;
  let startLine = 1;
  let skipLf = false;
  let first = true;
  const end = (out: ImportRecord[]) => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: startLine, kind: "fields", fields });
    fields = [];
    field = "";
    size = 0;
    started = false;
  };
  return {
    /** False when a record grew past the limit. */
    feed(text: string, out: ImportRecord[]): boolean {
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (first) {
          first = false;
          if (ch === "\uFEFF") continue;
        }
        if (skipLf) {
          skipLf = false;
          if (ch === "\n") continue;
        }
        if (!started) {
          started = true;
          startLine = line;
        }
        if (++size > maxChars) return false;
        if (quoted && !quoteSeen) {
          if (ch === '"') quoteSeen = true;
          else {
            if (ch === "\r" || ch === "\n") {
              line++;
              skipLf = ch === "\r";
              field += "\n";
            } else field += ch;
          }
          continue;
        }
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          quoted = false;
        }
        if (ch === '"' && field === "") quoted = true;
        else if (ch === ",") {
          fields.push(field);
          field = "";
        } else if (ch === "\n" || ch === "\r") {
          skipLf = ch === "\r";
          end(out);
          line++;
        } else field += ch;
      }
      return true;
    },
    finish(out: ImportRecord[]): void {
      if (started) end(out);
    },
    line: () => startLine,
  };
}

export async function* csvRecords(body: AsyncIterable<Uint8Array>, maxChars: number): AsyncGenerator<ImportRecord[]> {
  const decoder = new TextDecoder("utf-8");
  const parser = csvParser(maxChars);
  for await (const chunk of body) {
    const out: ImportRecord[] = [];
    if (!parser.feed(decoder.decode(chunk, { stream: true }), out)) {
      out.push({ line: parser.line(), kind: "too_long" });
      yield out;
      return;
    }
    if (out.length > 0) yield out;
  }
  const out: ImportRecord[] = [];
  if (!parser.feed(decoder.decode(), out)) out.push({ line: parser.line(), kind: "too_long" });
  else parser.finish(out);
  if (out.length > 0) yield out;
}

export async function* ndjsonRecords(
  body: AsyncIterable<Uint8Array>,
  maxChars: number,
): AsyncGenerator<ImportRecord[]> {
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let line = 1;
  let first = true;
  const split = (text: string, out: ImportRecord[]) => {
    const parts = text.split(/\r\n|\n|\r/);
    carry = parts.pop()!;
    for (const part of parts) {
      if (part.trim() !== "") out.push({ line, kind: "text", text: part });
      line++;
    }
  };
  for await (const chunk of body) {
    let text = carry + decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      first = false;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    // A trailing \r may be half of a \r\n: it stays with the unfinished line.
    const hold = text.endsWith("\r") ? "\r" : "";
    const out: ImportRecord[] = [];
    split(hold ? text.slice(0, -1) : text, out);
    carry += hold;
    if (carry.length > maxChars) {
      out.push({ line, kind: "too_long" });
      yield out;
      return;
    }
    if (out.length > 0) yield out;
  }
  const rest = (carry + decoder.decode()).replace(/\r$/, "");
  if (rest.trim() !== "") yield [{ line, kind: "text", text: rest }];
}
