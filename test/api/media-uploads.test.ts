import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { imageTemplate, pngBytes, upload } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>["call"];
let emulator: ReturnType<typeof apiClient>["emulator"];

beforeAll(async () => {
  w = await startWharf();
  ({ call: api, emulator } = apiClient(w.url, w.demo.apiKey));
  await connectAndActivate(w.url, w.demo.apiKey);
});
afterAll(() => w?.close());
afterEach(() => vi.restoreAllMocks());

/**
 * Every call Wharf's Graph client makes to an upload session, as it leaves through fetch: the
 * `file_offset` of each POST and how many bytes its body holds, and the offset each GET reads back.
 */
function recordUploadCalls() {
  const calls: { method: string; offset: number; bytes: number }[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes("/upload:")) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    if (init?.method === "POST") {
      const body = init.body as Blob | Uint8Array;
      calls.push({
        method: "POST",
        offset: Number(headers.get("file_offset")),
        bytes: body instanceof Blob ? body.size : body.byteLength,
      });
      return realFetch(input, init);
    }
    const res = await realFetch(input, init);
    calls.push({
      method: "GET",
      offset: ((await res.clone().json()) as { file_offset: number }).file_offset,
      bytes: 0,
    });
    return res;
  });
  return calls;
}

describe("resumable upload of a header sample (happy path)", () => {
  it("opens one session, sends the file once from offset 0 and returns a handle Meta accepts", async () => {
    const calls = recordUploadCalls();
    const file = pngBytes(300_000);
    const res = await upload(w, w.demo.apiKey, "/v1/media/uploads?fileName=hero.png", file, "image/png");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      handle: expect.any(String),
      fileName: "hero.png",
      fileType: "image/png",
      fileLength: file.length,
      resumes: 0,
    });
    expect(res.body.sha256).toBe(createHash("sha256").update(file).digest("hex"));
    expect(calls).toEqual([{ method: "POST", offset: 0, bytes: file.length }]);
    expect((await api("POST", "/v1/templates", imageTemplate("hero_banner", res.body.handle))).status).toBe(201);
  });
});

describe("resumable upload interrupted by a fault", () => {
  it("resumes from the offset Meta reports, sends no byte past it twice, and the handle is valid", async () => {
    const file = pngBytes(2_500_000);
    const cut = 1_000_003;
    const sessionsBefore = (await emulator("GET", "/state")).counts.uploads;
    // The emulator drops the connection after `cut` bytes of the first upload POST, keeping those bytes.
    await emulator("POST", "/faults", { method: "POST", path: "/v23.0/upload:*", cutAfterBytes: cut });
    const calls = recordUploadCalls();
    const res = await upload(w, w.demo.apiKey, "/v1/media/uploads?fileName=sale.png", file, "image/png");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileLength: file.length, resumes: 1 });

    // First POST from 0, cut; Meta then reports exactly the bytes it kept; the resume starts there.
    expect(calls.map((c) => `${c.method} ${c.offset}`)).toEqual(["POST 0", `GET ${cut}`, `POST ${cut}`]);
    // What Meta received: [0, cut) from the first POST (the offset it reported), then every later
    // POST's bytes. Their ranges must tile the file exactly: nothing past the offset twice, no gap.
    const received: [number, number][] = [[0, calls[1]!.offset]];
    for (const c of calls.slice(2).filter((c) => c.method === "POST")) received.push([c.offset, c.offset + c.bytes]);
    for (let i = 1; i < received.length; i++) expect(received[i]![0]).toBe(received[i - 1]![1]);
    expect(received[received.length - 1]![1]).toBe(file.length);
    expect(received.reduce((sum, [from, to]) => sum + (to - from), 0)).toBe(file.length);
    // The same session carried on (no second session opened), and the fault was used.
    expect((await emulator("GET", "/state")).counts.uploads).toBe(sessionsBefore + 1);
    expect((await emulator("GET", "/faults")).data).toEqual([]);
    // The handle is one Meta issued for a complete file: a template with it as sample is accepted.
    const created = await api("POST", "/v1/templates", imageTemplate("resumed_banner", res.body.handle));
    expect(created.status).toBe(201);
  });

  it("gives up after repeated failures with a retryable error, and says so", async () => {
    await emulator("POST", "/faults", { method: "POST", path: "/v23.0/upload:*", status: 503, count: 5 });
    const res = await upload(w, w.demo.apiKey, "/v1/media/uploads?fileName=down.png", pngBytes(10_000), "image/png");
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "META_UNAVAILABLE", message: expect.stringContaining("down.png") });
    await emulator("DELETE", "/faults");
  });
});

describe("header sample errors", () => {
  it("refuses a type the Resumable Upload API does not take, naming the ones it does", async () => {
    const res = await upload(
      w,
      w.demo.apiKey,
      "/v1/media/uploads?fileName=clip.webm",
      Buffer.from("abc"),
      "video/webm",
    );
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({
      code: "MEDIA_TYPE_NOT_SUPPORTED",
      message: expect.stringContaining("image/png"),
    });
  });

  it("refuses a file over the type's limit, by Content-Length or while streaming", async () => {
    const big = await upload(
      w,
      w.demo.apiKey,
      "/v1/media/uploads?fileName=big.png",
      pngBytes(5 * 1024 * 1024 + 1),
      "image/png",
    );
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: "MEDIA_TOO_LARGE", message: expect.stringContaining("5 MB") });
    const chunk = pngBytes(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await upload(w, w.demo.apiKey, "/v1/media/uploads?fileName=streamed.png", stream, "image/png");
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.code).toBe("MEDIA_TOO_LARGE");
  });

  it("takes the type from the file name when the body is octet-stream, and needs a file name", async () => {
    const ok = await upload(
      w,
      w.demo.apiKey,
      "/v1/media/uploads?fileName=guide.pdf",
      Buffer.from("%PDF-1.4 sample"),
      "application/octet-stream",
    );
    expect(ok.status).toBe(201);
    expect(ok.body.fileType).toBe("application/pdf");
    const noName = await upload(w, w.demo.apiKey, "/v1/media/uploads", Buffer.from("x"), "image/png");
    expect(noName.status).toBe(400);
    expect(noName.body.error.details[0].field).toBe("fileName");
  });
});

describe("header sample security", () => {
  it("needs credentials, and a workspace that never connected gets NOT_CONNECTED", async () => {
    expect(
      (await upload(w, "wk_not_a_key", "/v1/media/uploads?fileName=a.png", Buffer.from("x"), "image/png")).status,
    ).toBe(401);
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Not connected" })).body;
    const res = await upload(w, other.apiKey, "/v1/media/uploads?fileName=a.png", pngBytes(100), "image/png");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("NOT_CONNECTED");
  });
});
