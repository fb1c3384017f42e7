/**
 * The lines of an NDJSON body as they arrive, a batch per network chunk, split as readline splits
 * them (\n, \r\n or a lone \r). At most one partial line is held: a line longer than `maxBytes`
 * comes out as `null` and ends the stream, so a body without newlines (a JSON array, a binary
 * file) cannot grow the process. The body is read only as fast as the caller takes batches, so
 * a slow database slows the client down through TCP instead of queueing in memory.
 */
export async function* ndjsonLines(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Array<string | null>> {
  let carry: Buffer | null = null;
  for await (const data of body) {
    const chunk: Buffer = carry
      ? Buffer.concat([carry, data])
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const end = lastBreak(chunk) + 1;
    carry = end < chunk.length ? chunk.subarray(end) : null;
    const lines: Array<string | null> = end > 0 ? split(chunk.toString("utf8", 0, end), maxBytes) : [];
    if ((carry?.length ?? 0) > maxBytes && !lines.includes(null)) lines.push(null);
    if (lines.length > 0) yield lines;
    if (lines.includes(null)) return;
  }
  if (carry) yield split(carry.toString("utf8"), maxBytes);
}

/** The last line break; a \r in the last byte may be half of a \r\n, so its line is not complete yet. */
function lastBreak(b: Buffer): number {
  return Math.max(b.lastIndexOf(10), b.length >= 2 ? b.lastIndexOf(13, b.length - 2) : -1);
}

function split(text: string, maxBytes: number): Array<string | null> {
  const lines: Array<string | null> = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
  // The text ends with a break (except at the end of the body): what follows it is not a line.
  if (lines[lines.length - 1] === "") lines.pop();
  // A UTF-16 unit is at most 3 bytes of UTF-8, so only long strings need counting.
  const tooLong = lines.findIndex((l) => l!.length * 3 > maxBytes && Buffer.byteLength(l!) > maxBytes);
  if (tooLong !== -1) lines.splice(tooLong, lines.length, null);
  return lines;
}
