import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphAuthError, UploadChunkResponse, UploadOffsetResponse, UploadSessionResponse } from "./index.js";
import { TOKEN, clientFor } from "../../test/support/graph/conformance.js";
import {
  type CapturedRequest,
  type LocalGraphServer,
  startLocalGraphServer,
} from "../../test/support/graph/local-graph-server.js";

/**
 * A minimal stand-in for Meta's resumable upload service: it stores what it receives at the
 * offset the client declares, and can be told to fail after keeping only part of a chunk.
 */
function fakeUploadService(fileLength: number) {
  const SESSION = "upload:MTphdHRhY2htZW50OjZiOWQy";
  const SIG = "ARZbQ9uO";
  const stored: number[] = [];
  let failNextAfterBytes: number | undefined;
  const handle = (req: CapturedRequest) => {
    if (req.method === "POST" && req.pathname.endsWith("/uploads")) return { body: { id: `${SESSION}?sig=${SIG}` } };
    if (req.pathname.endsWith(`/${SESSION}`) && req.query.get("sig") !== SIG)
      return {
        status: 400,
        body: { error: { message: "bad sig", type: "OAuthException", code: 100, fbtrace_id: "T" } },
      };
    if (req.method === "GET") return { body: { id: SESSION, file_offset: stored.length } };
    const offset = Number(req.headers.file_offset);
    if (offset !== stored.length)
      return {
        status: 400,
        body: { error: { message: "offset mismatch", type: "OAuthException", code: 100, fbtrace_id: "T" } },
      };
    const bytes = [...req.body];
    if (failNextAfterBytes !== undefined) {
      stored.push(...bytes.slice(0, failNextAfterBytes));
      failNextAfterBytes = undefined;
      return {
        status: 503,
        body: {
          error: { message: "(#2) Service temporarily unavailable", type: "OAuthException", code: 2, fbtrace_id: "T" },
        },
      };
    }
    stored.push(...bytes);
    return stored.length === fileLength
      ? { body: { h: "4::aW1hZ2UvcG5n" } }
      : { status: 400, body: { error: { message: "short", type: "OAuthException", code: 100, fbtrace_id: "T" } } };
  };
  return { SESSION, SIG, stored, handle, failAfter: (n: number) => void (failNextAfterBytes = n) };
}

let server: LocalGraphServer;
beforeAll(async () => {
  server = await startLocalGraphServer();
});
afterAll(() => server.close());

const file = new Uint8Array(Array.from({ length: 64 }, (_, i) => i));

describe("resumable upload", () => {
  it("opens a session with Meta's query parameters and sends the whole file from offset 0", async () => {
    const svc = fakeUploadService(file.length);
    server.respond(svc.handle);
    const before = server.requests.length;
    const out = await clientFor(server).uploads.uploadFile(TOKEN, "1234567890", {
      bytes: file,
      fileName: "sample.png",
      fileType: "image/png",
    });
    expect(out).toEqual({ sessionId: `${svc.SESSION}?sig=${svc.SIG}`, h: "4::aW1hZ2UvcG5n" });
    const [open, send] = server.requests.slice(before);
    expect(open?.pathname).toBe("/v23.0/1234567890/uploads");
    expect(Object.fromEntries(open!.query)).toEqual({
      file_name: "sample.png",
      file_length: "64",
      file_type: "image/png",
    });
    expect(open?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // The session id's "?sig=" part is a query string, not part of the path.
    expect(send?.pathname).toBe(`/v23.0/${svc.SESSION}`);
    expect(send?.query.get("sig")).toBe(svc.SIG);
    expect(send?.headers.authorization).toBe(`OAuth ${TOKEN}`);
    expect(send?.headers.file_offset).toBe("0");
    expect(new Uint8Array(send!.body)).toEqual(file);
    expect(svc.stored).toEqual([...file]);
  });

  it("after a failure, reads the offset back and resumes from where the server says it got to", async () => {
    const svc = fakeUploadService(file.length);
    server.respond(svc.handle);
    svc.failAfter(24);
    const before = server.requests.length;
    const out = await clientFor(server).uploads.uploadFile(TOKEN, "1234567890", {
      bytes: file,
      fileName: "sample.png",
      fileType: "image/png",
    });
    expect(out.h).toBe("4::aW1hZ2UvcG5n");
    const calls = server.requests
      .slice(before)
      .map((r) => `${r.method} ${String(r.headers.file_offset ?? "-")} ${r.body.length}`);
    expect(calls).toEqual(["POST - 0", "POST 0 64", "GET - 0", "POST 24 40"]);
    expect(svc.stored).toEqual([...file]);
  });

  it("resume() continues a session from another process using only the server's offset", async () => {
    const svc = fakeUploadService(file.length);
    server.respond(svc.handle);
    svc.stored.push(...file.slice(0, 50));
    const before = server.requests.length;
    const out = await clientFor(server).uploads.resume(TOKEN, `${svc.SESSION}?sig=${svc.SIG}`, file);
    expect(out.h).toBe("4::aW1hZ2UvcG5n");
    const sent = server.requests.slice(before).find((r) => r.method === "POST");
    expect(sent?.headers.file_offset).toBe("50");
    expect(new Uint8Array(sent!.body)).toEqual(file.slice(50));
  });

  it("does not resume after a non-retryable error (expired token)", async () => {
    server.respond(() => ({
      status: 401,
      body: { error: { message: "expired", type: "OAuthException", code: 190, error_subcode: 463, fbtrace_id: "T" } },
    }));
    const before = server.requests.length;
    await expect(
      clientFor(server).uploads.uploadFile(TOKEN, "1234567890", {
        bytes: file,
        fileName: "a.png",
        fileType: "image/png",
      }),
    ).rejects.toBeInstanceOf(GraphAuthError);
    expect(server.requests.length - before).toBe(1);
  });

  // Issue 14 item 12: Meta's session ids are base64 and may be standard base64 (`+`, `/`, `=`);
  // Meta's "Resumable Upload API" examples put the id into the URL as given.
  it("passes a standard-base64 session id and signature through unmangled", async () => {
    const SESSION = "upload:MTph+dGFj/aG1=";
    const SIG = "ARZ+b/Q9==";
    server.respond((req) =>
      req.method === "POST" && req.pathname.endsWith("/uploads")
        ? { body: { id: `${SESSION}?sig=${SIG}` } }
        : req.method === "GET"
          ? { body: { id: SESSION, file_offset: 0 } }
          : { body: { h: "4::aW1hZ2UvcG5n" } },
    );
    const before = server.requests.length;
    const client = clientFor(server);
    await client.uploads.uploadFile(TOKEN, "1234567890", { bytes: file, fileName: "a.png", fileType: "image/png" });
    await client.uploads.getOffset(TOKEN, `${SESSION}?sig=${SIG}`);
    const [, send, get] = server.requests.slice(before);
    // `/` escaped so the id stays one path segment; `+` and `=` as they are; the query verbatim
    // (a form-encoded `sig` would have turned `+` into a space).
    expect(send?.url).toBe("/v23.0/upload:MTph+dGFj%2FaG1=?sig=ARZ+b/Q9==");
    expect(get?.url).toBe("/v23.0/upload:MTph+dGFj%2FaG1=?sig=ARZ+b/Q9==");
    await expect(client.uploads.getOffset(TOKEN, "upload:../x")).rejects.toThrow(TypeError);
  });

  it("wire schemas match Meta's documented answers", () => {
    expect(UploadSessionResponse.parse({ id: "upload:MTphdHRhY2htZW50?sig=ARZ" }).id).toMatch(/^upload:/);
    expect(UploadChunkResponse.parse({ h: "2:c2FtcGxl" }).h).toBe("2:c2FtcGxl");
    expect(UploadOffsetResponse.parse({ id: "upload:MTph", file_offset: 5238 }).file_offset).toBe(5238);
    expect(UploadSessionResponse.safeParse({ id: "12345" }).success).toBe(false);
  });
});
