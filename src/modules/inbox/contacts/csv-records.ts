/** One CSV record: its fields, or why it could not be read; `line` is the line it starts on (1 = the header). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/**
 * The records of a CSV body as they arrive (RFC 4180: fields separated by commas, quoted fields
 * may hold commas, line breaks and `""` for a quote; lines end with \n or \r\n; a UTF-8 BOM is
 * skipped), a batch per network chunk. Memory stays at one chunk and one record: a record longer
 * than `maxRecordChars` is an error and what follows it is read as new records, except inside an
 * unclosed quote, which would swallow the file: that ends the stream with `fatal`.
 */
export async function* csvRecords(
  body: AsyncIterable<Uint8Array>,
  maxRecordChars: number,
): AsyncGenerator<{ records: CsvRecord[]; fatal?: string }> {
  const decoder = new TextDecoder("utf-8");
  const QUOTE = 34;
  const COMMA = 44;
  const LF = 10;
  const CR = 13;
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let afterQuote = false; // a quote just closed (or was the first of "")
  let line = 1; // the line being read
  let start = 1; // the line the current record started on
  let size = 0;
  let broken: string | null = null; // the record is bad; skip to its end
  let first = true;
  const out: CsvRecord[] = [];

  const endRecord = () => {
    fields.push(field);
    if (broken !== null) out.push({ line: start, error: broken });
    else if (!(fields.length === 1 && fields[0] === "")) out.push({ line: start, fields });
    fields = [];
    field = "";
    size = 0;
    broken = null;
    afterQuote = false;
  };

  const feed = (text: string): string | null => {
    let i = 0;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    let runStart = i; // plain characters are copied in runs, not one by one
    const flushRun = (end: number) => {
      if (end > runStart && broken === null) field += text.slice(runStart, end);
    };
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === QUOTE) {
          flushRun(i);
          quoted = false;
          afterQuote = true;
          runStart = i + 1;
        } else if (c === LF) line++;
        continue;
      }
      if (afterQuote) {
        afterQuote = false;
        if (c === QUOTE) {
          // "" inside a quoted field: one quote, and the field goes on.
          field += '"';
          quoted = true;
          runStart = i + 1;
          continue;
        }
        if (c !== COMMA && c !== LF && c !== CR && broken === null)
          broken = `Line ${start}: a quoted field must end at a comma or the end of the line; write a quote inside one as "".`;
      }
      if (c === COMMA) {
        flushRun(i);
        fields.push(field);
        field = "";
        runStart = i + 1;
      } else if (c === LF) {
        flushRun(i);
        // A \r\n split between two chunks: the \r was taken as a character.
        if (field.endsWith("\r")) field = field.slice(0, -1);
        endRecord();
        line++;
        start = line;
        runStart = i + 1;
      } else if (c === CR) {
        // \r\n ends the line at the \n; a \r alone is kept as a character.
        if (i + 1 < text.length ? text.charCodeAt(i + 1) === LF : false) {
          flushRun(i);
          runStart = i + 1;
        }
      } else if (c === QUOTE && field === "" && i === runStart) {
        quoted = true;
        runStart = i + 1;
      }
      size++;
      if (size > maxRecordChars && broken === null) broken = `Line ${start}: longer than ${maxRecordChars} characters.`;
    }
    flushRun(text.length);
    if (quoted && size + field.length > maxRecordChars)
      return `Line ${start}: a quoted field runs past ${maxRecordChars} characters; is a closing quote missing? The rows before it were imported.`;
    return null;
  };

  for await (const chunk of body) {
    const fatal = feed(decoder.decode(chunk, { stream: true }));
    if (fatal) {
      yield { records: out.splice(0), fatal };
      return;
    }
    if (out.length > 0) yield { records: out.splice(0) };
  }
  feed(decoder.decode());
  if (quoted) {
    yield { records: out.splice(0), fatal: `Line ${start}: a quoted field is not closed by the end of the file.` };
    return;
  }
  if (fields.length > 0 || field !== "" || broken !== null) endRecord();
  if (out.length > 0) yield { records: out.splice(0) };
}
