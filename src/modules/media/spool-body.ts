import { createHash } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../platform/errors/index.js";

export interface SpooledFile {
  size: number;
  sha256: string;
  /** The file as a Blob read from disk: fetch streams it, so it never sits in memory whole. */
  blob(type: string): Promise<Blob>;
  discard(): Promise<void>;
}

/**
 * Writes a request body to a temporary file, hashing it and stopping at `maxBytes`, so a 100 MB
 * upload costs a few kilobytes of memory. The caller must `discard()` it.
 */
export async function spoolToDisk(body: Readable, maxBytes: number, onTooLarge: () => AppError): Promise<SpooledFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wharf-media-"));
  const file = path.join(dir, "body");
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(onTooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(file));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION_FAILED", "The upload was interrupted before the whole file arrived; send it again.");
  }
  if (size === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new AppError("VALIDATION_FAILED", "The file is empty: send its bytes as the request body.", {
      details: [{ field: "body", message: "empty" }],
    });
  }
  return {
    size,
    sha256: hash.digest("hex"),
    blob: (type) => openAsBlob(file, { type }),
    discard: () => rm(dir, { recursive: true, force: true }),
  };
}
