import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors/index.js";
import { MultipartParser, multipartBoundary, type PartInfo } from "./multipart.js";
import { receiveMultipart } from "./receive-multipart.js";

const BOUNDARY = "----wharf7MA4YWxkTrZu0gW";

function form(
  parts: Array<{ name: string; fileName?: string; type?: string; body: Buffer | string }>,
  boundary = BOUNDARY,
) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ""}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function parse(body: Buffer, chunkSizes: number[] | number) {
  const files: Array<{ info: PartInfo; bytes: Buffer }> = [];
  const fields: Record<string, string> = {};
  const parser = new MultipartParser(BOUNDARY, {
    onFile(info) {
      const bytes: Buffer[] = [];
      files.push({ info, bytes: Buffer.alloc(0) });
      const entry = files[files.length - 1]!;
      return { write: (c) => void bytes.push(c), end: () => void (entry.bytes = Buffer.concat(bytes)) };
    },
    onField: (name, value) => void (fields[name] = value),
  });
  let at = 0;
  let i = 0;
  while (at < body.length) {
    const size = Array.isArray(chunkSizes) ? (chunkSizes[i++ % chunkSizes.length] ?? 1) : chunkSizes;
    parser.write(body.subarray(at, at + size));
    at += size;
  }
  parser.end();
  return { files, fields };
}

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("accepted");
};

describe("multipart: parsing a form as it streams", () => {
  // Bytes that look like the boundary's start inside the file: the parser must not cut there.
  const file = Buffer.concat([randomBytes(3000), Buffer.from(`\r\n--${BOUNDARY.slice(0, 10)}`), randomBytes(500)]);
  const body = form([
    { name: "type", body: "image/png" },
    { name: "file", fileName: "photo.png", type: "image/png", body: file },
    { name: "messaging_product", body: "whatsapp" },
  ]);

  it("gives the same file and fields whatever the chunking, including a boundary split at every byte", () => {
    for (const sizes of [[body.length], [1], [7], [64], [1, 2, 3, 5, 8, 13, 21], [BOUNDARY.length + 3]]) {
      const { files, fields } = parse(body, sizes);
      expect(fields).toEqual({ type: "image/png", messaging_product: "whatsapp" });
      expect(files.map((f) => f.info)).toEqual([{ name: "file", fileName: "photo.png", contentType: "image/png" }]);
      expect(files[0]!.bytes.equals(file)).toBe(true);
    }
    // Every split point of the body in two.
    for (let cut = 1; cut < body.length; cut += 37) {
      const { files } = parse(Buffer.concat([body]), [cut, body.length]);
      expect(files[0]!.bytes.equals(file)).toBe(true);
    }
  });

  it("reads the boundary from the Content-Type, quoted or not, and refuses one without", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary(`multipart/form-data; charset=utf-8; boundary="a b"`)).toBe("a b");
    expect(multipartBoundary("image/png")).toBeNull();
    expect(multipartBoundary(undefined)).toBeNull();
    expect(refusal(() => multipartBoundary("multipart/form-data")).code).toBe("VALIDATION_FAILED");
  });

  it("takes a preamble, transport padding, an RFC 5987 file name and a part without Content-Type", () => {
    const raw = Buffer.from(
      `ignored preamble\r\n--${BOUNDARY}  \r\nContent-Disposition: form-data; name="file"; filename="x"; filename*=UTF-8''fa%C3%A7ade.pdf\r\n\r\n%PDF\r\n--${BOUNDARY}--`,
    );
    const { files } = parse(raw, 5);
    expect(files[0]!.info).toEqual({ name: "file", fileName: "façade.pdf", contentType: null });
    expect(files[0]!.bytes.toString()).toBe("%PDF");
  });

  it("refuses a cut-short body, a huge header block, a huge text field, too many parts and a missing boundary", () => {
    expect(refusal(() => parse(body.subarray(0, body.length - 10), 100)).message).toContain("closing boundary");
    const hugeHeader = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\nX: ${"y".repeat(9000)}`,
    );
    expect(refusal(() => parse(hugeHeader, 1000)).message).toContain("headers are too long");
    const hugeField = form([{ name: "type", body: "x".repeat(5000) }]);
    expect(refusal(() => parse(hugeField, 512)).message).toContain('"type" is over');
    const many = form(Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, body: "v" })));
    expect(refusal(() => parse(many, 4096)).message).toContain("more than 20 parts");
    expect(refusal(() => parse(randomBytes(40_000), 4096)).message).toContain("No multipart boundary");
    const nameless = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${BOUNDARY}--`);
    expect(refusal(() => parse(nameless, 100)).message).toContain("no name");
  });
});

describe("multipart: receiving the file to disk", () => {
  const limitOf = (limit: number) => (part: PartInfo) => ({
    type: part.contentType ?? "application/octet-stream",
    limit,
    tooLarge: () => new AppError("MEDIA_TOO_LARGE", `over ${limit}`),
  });
  const stream = (body: Buffer, size = 16 * 1024) =>
    Readable.from(
      Array.from({ length: Math.ceil(body.length / size) }, (_, i) => body.subarray(i * size, (i + 1) * size)),
    );
  const reject = async (run: Promise<unknown>) => {
    try {
      await run;
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
    throw new Error("accepted");
  };

  it("spools a 3 MB file intact, with its fields", async () => {
    const file = randomBytes(3 * 1024 * 1024);
    const body = form([
      { name: "file", fileName: "v.mp4", type: "video/mp4", body: file },
      { name: "phoneNumberId", body: "pn_1" },
    ]);
    const got = await receiveMultipart(stream(body), BOUNDARY, limitOf(16 * 1024 * 1024));
    try {
      expect(got.fields).toEqual({ phoneNumberId: "pn_1" });
      expect(got.type).toBe("video/mp4");
      expect(got.spooled.size).toBe(file.length);
      const blob = await got.spooled.blob("video/mp4");
      expect(Buffer.from(await blob.arrayBuffer()).equals(file)).toBe(true);
    } finally {
      await got.spooled.discard();
    }
  });

  it("stops a file over its limit, a missing file field, a file in another field and a second file", async () => {
    const big = form([{ name: "file", fileName: "a.png", type: "image/png", body: randomBytes(200_000) }]);
    expect((await reject(receiveMultipart(stream(big), BOUNDARY, limitOf(100_000)))).code).toBe("MEDIA_TOO_LARGE");
    const none = form([{ name: "type", body: "image/png" }]);
    const noFile = await reject(receiveMultipart(stream(none), BOUNDARY, limitOf(100)));
    expect(noFile.message).toContain('named "file"');
    const elsewhere = form([{ name: "upload", fileName: "a.png", body: "x" }]);
    expect((await reject(receiveMultipart(stream(elsewhere), BOUNDARY, limitOf(100)))).message).toContain(
      'form field "file", not "upload"',
    );
    const two = form([
      { name: "file", fileName: "a.png", body: "x" },
      { name: "file", fileName: "b.png", body: "y" },
    ]);
    expect((await reject(receiveMultipart(stream(two), BOUNDARY, limitOf(100)))).message).toContain("one file");
  });

  it("a body cut short or over the limit leaves nothing on disk, and says so", async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "wharf-multipart-test-"));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const body = form([{ name: "file", fileName: "a.png", type: "image/png", body: randomBytes(50_000) }]);
      const err = await reject(receiveMultipart(stream(body.subarray(0, 30_000)), BOUNDARY, limitOf(100_000)));
      expect(err.message).toContain("closing boundary");
      expect((await reject(receiveMultipart(stream(body), BOUNDARY, limitOf(10_000)))).code).toBe("MEDIA_TOO_LARGE");
      expect(await readdir(tmp)).toEqual([]);
      const whole = await receiveMultipart(stream(body), BOUNDARY, limitOf(100_000));
      expect(await readdir(tmp)).toHaveLength(1);
      await whole.spooled.discard();
      expect(await readdir(tmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
