import { AppError } from "../../platform/errors/index.js";

/**
 * A streaming `multipart/form-data` reader (RFC 7578) for one file and a few small text fields,
 * as `curl -F file=@photo.png -F type=image/png` sends them (Meta's own media upload takes that
 * form). Bytes are handed on as they arrive: the file part goes to `onFile`'s sink chunk by chunk,
 * with a boundary split across chunks held back until it is known not to be one. Everything but
 * the file is bounded: headers, text fields, the number of parts, bytes before the first boundary.
 */
export interface MultipartLimits {
  /** Bytes of one part's header block. */
  headerBytes: number;
  /** Bytes of one text field's value. */
  fieldBytes: number;
  /** Parts in the whole body. */
  parts: number;
  /** Bytes before the first boundary (a preamble). */
  preambleBytes: number;
}

export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = {
  headerBytes: 8 * 1024,
  fieldBytes: 4 * 1024,
  parts: 20,
  preambleBytes: 16 * 1024,
};

export interface PartInfo {
  name: string;
  fileName: string | null;
  contentType: string | null;
}

/** What the caller does with the parts: the file's bytes go to the sink `onFile` returns. */
export interface MultipartHandlers {
  /** A part with a file name: return where its bytes go. */
  onFile(part: PartInfo): { write(chunk: Buffer): void; end(): void };
  onField(name: string, value: string): void;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

type State = "preamble" | "after-boundary" | "headers" | "body" | "done";

const bad = (message: string, field = "body") =>
  new AppError("VALIDATION_FAILED", message, { details: [{ field, message }] });

/** The boundary of a `multipart/form-data` Content-Type, or null when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw bad("The multipart Content-Type has no boundary (or one over 70 characters).", "content-type");
  return boundary;
}

export class MultipartParser {
  private readonly delimiter: Buffer;
  private state: State = "preamble";
  private pending: Buffer;
  private scanned = 0;
  private parts = 0;
  private current: {
    info: PartInfo;
    sink: { write(chunk: Buffer): void; end(): void } | null;
    field: Buffer[];
    size: number;
  } | null = null;

  constructor(
    boundary: string,
    private readonly handlers: MultipartHandlers,
    private readonly limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    // The first boundary may open the body, without the CRLF that precedes the others.
    this.pending = Buffer.from(CRLF);
  }

  /** Feeds the next bytes; throws an AppError on a malformed or over-limit body. */
  write(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let progressed = true;
    while (progressed && this.state !== "done") progressed = this.step();
  }

  /** The body ended: it must have ended with the closing boundary. */
  end(): void {
    if (this.state !== "done")
      throw bad("The multipart body ended before its closing boundary; the upload was cut short. Send it again.");
  }

  private step(): boolean {
    switch (this.state) {
      case "preamble": {
        const at = this.pending.indexOf(this.delimiter);
        if (at === -1) {
          this.scanned += Math.max(0, this.pending.length - this.delimiter.length);
          if (this.scanned > this.limits.preambleBytes)
            throw bad("No multipart boundary was found where the body starts; is it multipart/form-data?");
          return false;
        }
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.state = "after-boundary";
        return true;
      }
      case "after-boundary": {
        if (this.pending.length < 2) return false;
        if (this.pending[0] === 0x2d && this.pending[1] === 0x2d) {
          this.state = "done";
          this.pending = Buffer.alloc(0);
          return false;
        }
        // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
        const eol = this.pending.indexOf(CRLF);
        if (eol === -1) {
          if (this.pending.length > 256) throw bad("A multipart boundary line is malformed.");
          return false;
        }
        if (!/^[ \t]*$/.test(this.pending.subarray(0, eol).toString("latin1")))
          throw bad("A multipart boundary line is malformed.");
        this.pending = this.pending.subarray(eol + 2);
        this.state = "headers";
        return true;
      }
      case "headers": {
        // A part with no headers at all starts with the blank line at once.
        const at = this.pending.subarray(0, 2).equals(CRLF) ? -2 : this.pending.indexOf(HEADER_END);
        if (at === -1) {
          if (this.pending.length > this.limits.headerBytes) throw bad("A multipart part's headers are too long.");
          return false;
        }
        if (at > this.limits.headerBytes) throw bad("A multipart part's headers are too long.");
        const headerText = at < 0 ? "" : this.pending.subarray(0, at).toString("utf8");
        this.pending = this.pending.subarray(at < 0 ? 2 : at + 4);
        this.beginPart(headerText);
        this.state = "body";
        return true;
      }
      case "body": {
        const at = this.pending.indexOf(this.delimiter);
        if (at === -1) {
          // Keep what could be the start of a boundary split across chunks.
          const safe = this.pending.length - (this.delimiter.length - 1);
          if (safe > 0) {
            this.data(this.pending.subarray(0, safe));
            this.pending = this.pending.subarray(safe);
          }
          return false;
        }
        if (at > 0) this.data(this.pending.subarray(0, at));
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.endPart();
        this.state = "after-boundary";
        return true;
      }
      case "done":
        return false;
    }
  }

  private beginPart(headerText: string): void {
    if (++this.parts > this.limits.parts) throw bad(`The form has more than ${this.limits.parts} parts.`);
    const headers = new Map<string, string>();
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition");
    if (!disposition || !/^form-data\s*(;|$)/i.test(disposition))
      throw bad("Every multipart part needs Content-Disposition: form-data with a name.");
    const name = dispositionParam(disposition, "name");
    if (name === null) throw bad("A multipart part has no name.");
    const fileName = dispositionParam(disposition, "filename");
    const info = { name, fileName, contentType: headers.get("content-type") ?? null };
    this.current = { info, sink: fileName !== null ? this.handlers.onFile(info) : null, field: [], size: 0 };
  }

  private data(chunk: Buffer): void {
    const part = this.current!;
    if (part.sink) return part.sink.write(Buffer.from(chunk));
    part.size += chunk.length;
    if (part.size > this.limits.fieldBytes)
      throw bad(`The form field "${part.info.name}" is over ${this.limits.fieldBytes} bytes.`, part.info.name);
    part.field.push(Buffer.from(chunk));
  }

  private endPart(): void {
    const part = this.current!;
    this.current = null;
    if (part.sink) part.sink.end();
    else this.handlers.onField(part.info.name, Buffer.concat(part.field).toString("utf8"));
  }
}

/** `name="a b"`, `name=token` or RFC 5987's `filename*=UTF-8''a%20b` (preferred when both are given). */
function dispositionParam(header: string, key: string): string | null {
  const extended = new RegExp(`;\\s*${key}\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;\\s]+)`).exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      throw bad(`The multipart ${key}* parameter is not valid percent-encoding.`);
    }
  }
  const match = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s"]+))`, "i").exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2]!;
}
