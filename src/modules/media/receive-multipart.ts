import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { AppError } from "../../platform/errors/index.js";
import { MultipartParser, type MultipartLimits, type PartInfo } from "./multipart.js";
import { spoolToDisk, type SpooledFile } from "./spool-body.js";

/** The form field that carries the file, as in Meta's own `curl -F file=@photo.png`. */
export const FILE_FIELD = "file";

export interface ReceivedForm {
  spooled: SpooledFile;
  file: PartInfo;
  /** The file's type and limit, as `limitOf` decided when its part began. */
  type: string;
  fields: Record<string, string>;
}

/**
 * Reads a multipart form as it streams in: its text fields into memory (small, bounded), its one
 * file part to a temporary file within `limitOf(part)`'s limit, with backpressure from the disk.
 * Any refusal (malformed body, a second file, no file, over a limit) throws an AppError and
 * leaves nothing on disk.
 */
export async function receiveMultipart(
  body: Readable,
  boundary: string,
  limitOf: (
    file: PartInfo,
    fieldsSoFar: Record<string, string>,
  ) => { type: string; limit: number; tooLarge: () => AppError },
  limits?: MultipartLimits,
): Promise<ReceivedForm> {
  const fields: Record<string, string> = {};
  let file: { info: PartInfo; type: string; stream: PassThrough; spool: Promise<SpooledFile> } | null = null;
  // Set from the spool's own promise: a refusal there (over the limit) stops the reading here.
  const failure: { error?: Error } = {};
  const stopIfFailed = () => {
    if (failure.error) throw failure.error;
  };
  const parser = new MultipartParser(
    boundary,
    {
      onFile(info) {
        if (info.name !== FILE_FIELD)
          throw new AppError(
            "VALIDATION_FAILED",
            `Send the file in the form field "${FILE_FIELD}", not "${info.name}".`,
            {
              details: [{ field: info.name, message: `the file goes in "${FILE_FIELD}"` }],
            },
          );
        if (file)
          throw new AppError("VALIDATION_FAILED", "Send one file per upload.", {
            details: [{ field: FILE_FIELD, message: "more than one file" }],
          });
        const { type, limit, tooLarge } = limitOf(info, fields);
        const stream = new PassThrough();
        const spool = spoolToDisk(stream, limit, tooLarge);
        spool.catch((err: unknown) => {
          failure.error = err instanceof Error ? err : new Error(String(err));
        });
        file = { info, type, stream, spool };
        return { write: (chunk) => void stream.write(chunk), end: () => stream.end() };
      },
      onField(name, value) {
        fields[name] = value;
      },
    },
    limits,
  );
  try {
    try {
      for await (const chunk of body) {
        parser.write(chunk as Buffer);
        stopIfFailed();
        const f = file as { stream: PassThrough; spool: Promise<SpooledFile> } | null;
        if (f?.stream.writableNeedDrain) await Promise.race([once(f.stream, "drain"), f.spool]);
        stopIfFailed();
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError(
        "VALIDATION_FAILED",
        "The upload was interrupted before the whole form arrived; send it again.",
      );
    }
    parser.end();
    const received = file as { info: PartInfo; type: string; spool: Promise<SpooledFile> } | null;
    if (!received)
      throw new AppError(
        "VALIDATION_FAILED",
        `The form has no file: send it in a field named "${FILE_FIELD}" (curl -F ${FILE_FIELD}=@photo.png).`,
        { details: [{ field: FILE_FIELD, message: "missing" }] },
      );
    return { spooled: await received.spool, file: received.info, type: received.type, fields };
  } catch (err) {
    const started = file as { stream: PassThrough; spool: Promise<SpooledFile> } | null;
    if (started) {
      // A file part that ended is spooled whole and then discarded; one cut off is torn down.
      if (!started.stream.writableEnded) {
        // The spool may have stopped listening already: an 'error' nobody hears would crash the process.
        started.stream.on("error", () => undefined);
        started.stream.destroy(new Error("upload refused"));
      }
      await started.spool.then((s) => s.discard()).catch(() => undefined);
    }
    throw err;
  }
}
