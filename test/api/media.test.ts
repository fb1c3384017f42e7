import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { metaGraph, pngBytes, upload } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let numbers: ConnectedNumbers;
let api: ReturnType<typeof apiClient>["call"];

beforeAll(async () => {
  w = await startWharf();
  api = apiClient(w.url, w.demo.apiKey).call;
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
});
afterAll(() => w?.close());

const send = (query: string, body: Buffer, type: string, key = w.demo.apiKey) =>
  upload(w, key, `/v1/media?${query}`, body, type);

describe("media for messages (happy path)", () => {
  it("uploads to the number and returns Meta's media id, which Meta serves back intact", async () => {
    const file = pngBytes(50_000);
    const res = await send(`phoneNumberId=${numbers.verified.id}&fileName=photo.png`, file, "image/png");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      phoneNumberId: numbers.verified.id,
      metaPhoneNumberId: numbers.verified.metaPhoneNumberId,
      mimeType: "image/png",
      fileName: "photo.png",
      fileSize: file.length,
    });
    const sha = createHash("sha256").update(file).digest("hex");
    expect(res.body.sha256).toBe(sha);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
    const graph = await metaGraph(w, w.demo.workspaceId);
    const info = await graph("GET", `/${res.body.id}?phone_number_id=${numbers.verified.metaPhoneNumberId}`);
    expect(info.body).toMatchObject({ mime_type: "image/png", sha256: sha });
  });

  it("takes Meta's phone number id too, and a document type from the file name", async () => {
    const res = await send(
      `phoneNumberId=${numbers.unverified.metaPhoneNumberId}&fileName=invoice.pdf`,
      Buffer.from("%PDF-1.4 invoice"),
      "application/octet-stream",
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phoneNumberId: numbers.unverified.id,
      mimeType: "application/pdf",
      fileName: "invoice.pdf",
    });
  });
});

describe("media for messages (errors)", () => {
  it("a type Meta does not take is 415 naming the supported ones", async () => {
    const res = await send(`phoneNumberId=${numbers.verified.id}`, Buffer.from("GIF89a"), "image/gif");
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({
      code: "MEDIA_TYPE_NOT_SUPPORTED",
      message: expect.stringContaining('"image/gif"'),
    });
    expect(res.body.error.message).toContain("video/mp4");
  });

  // Meta refuses a type its upload endpoint does not take with code 100 (not 131053), naming the
  // types; audio/opus is one of them (fbsamples/whatsapp-api-examples#10).
  it("takes audio/opus, and Meta's code-100 refusal of a file's type is MEDIA_TYPE_NOT_SUPPORTED", async () => {
    const opus = await send(
      `phoneNumberId=${numbers.verified.id}&fileName=note.opus`,
      Buffer.from("OggS"),
      "audio/opus",
    );
    expect(opus.status).toBe(201);
    expect(opus.body.mimeType).toBe("audio/opus");
    const { emulator } = apiClient(w.url, w.demo.apiKey);
    const message =
      "(#100) Param file must be a file with one of the following types: audio/aac, audio/mp4. Received file of type 'audio/mp4'.";
    await emulator("POST", "/faults", { method: "POST", path: "/**/media", status: 400, code: 100, message });
    const refused = await send(`phoneNumberId=${numbers.verified.id}`, Buffer.from("ftyp"), "audio/mp4");
    expect(refused.status).toBe(415);
    expect(refused.body.error).toMatchObject({ code: "MEDIA_TYPE_NOT_SUPPORTED" });
    expect(refused.body.error.message).toContain("Param file must be");
  });

  it("over Meta's limit for the type is 413 giving the limit", async () => {
    const image = await send(`phoneNumberId=${numbers.verified.id}`, pngBytes(5 * 1024 * 1024 + 1), "image/jpeg");
    expect(image.status).toBe(413);
    expect(image.body.error).toMatchObject({
      code: "MEDIA_TOO_LARGE",
      message: expect.stringContaining("image/jpeg files of at most 5 MB"),
    });
    const sticker = await send(`phoneNumberId=${numbers.verified.id}`, pngBytes(500 * 1024 + 1), "image/webp");
    expect(sticker.body.error.message).toContain("500 KB");
  });

  it("an empty body, a missing number, or an inactive number are refused", async () => {
    expect((await send(`phoneNumberId=${numbers.verified.id}`, Buffer.alloc(0), "image/png")).status).toBe(400);
    const missing = await send("fileName=a.png", pngBytes(10), "image/png");
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe("phoneNumberId");
    await api("POST", `/v1/phone-numbers/${numbers.unverified.id}/deactivate`);
    const inactive = await send(`phoneNumberId=${numbers.unverified.id}`, pngBytes(10), "image/png");
    expect(inactive.status).toBe(422);
    expect(inactive.body.error.code).toBe("PHONE_NUMBER_NOT_ACTIVE");
  });
});

describe("media for messages (security)", () => {
  it("another workspace cannot upload to this workspace's number (404)", async () => {
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Other" })).body;
    const res = await send(`phoneNumberId=${numbers.verified.id}`, pngBytes(10), "image/png", other.apiKey);
    expect(res.status).toBe(404);
    const byMetaId = await send(
      `phoneNumberId=${numbers.verified.metaPhoneNumberId}`,
      pngBytes(10),
      "image/png",
      other.apiKey,
    );
    expect(byMetaId.status).toBe(404);
  });
});

describe("media as a multipart form (curl -F file=@photo.png, as Meta's media API takes it)", () => {
  const post = async (path: string, form: FormData) => {
    const res = await fetch(`${w.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.demo.apiKey}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  it("uploads the file part for messages, the number and type given as fields after it, as Meta's example does", async () => {
    const file = pngBytes(40_000);
    const form = new FormData();
    form.append("file", new Blob([file], { type: "application/octet-stream" }), "receipt.png");
    form.append("type", "image/png");
    form.append("messaging_product", "whatsapp");
    form.append("phoneNumberId", numbers.verified.id);
    const res = await post("/v1/media", form);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phoneNumberId: numbers.verified.id,
      mimeType: "image/png",
      fileName: "receipt.png",
      fileSize: file.length,
      sha256: createHash("sha256").update(file).digest("hex"),
    });
  });

  it("uploads a template header sample, named by the part's file name", async () => {
    const file = pngBytes(20_000);
    const form = new FormData();
    form.append("file", new Blob([file], { type: "image/png" }), "hero.png");
    const res = await post("/v1/media/uploads", form);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: "hero.png", fileType: "image/png", fileLength: file.length });
  });

  it("refuses a form without a file, a file over the type's limit, and a raw body without a number", async () => {
    const empty = new FormData();
    empty.append("phoneNumberId", numbers.verified.id);
    const none = await post("/v1/media", empty);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('field named "file"');
    const big = new FormData();
    big.append("file", new Blob([pngBytes(5 * 1024 * 1024 + 10)], { type: "image/png" }), "big.png");
    const tooBig = await post(`/v1/media?phoneNumberId=${numbers.verified.id}`, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe("MEDIA_TOO_LARGE");
    const noNumber = new FormData();
    noNumber.append("file", new Blob([pngBytes(100)], { type: "image/png" }), "a.png");
    const missing = await post("/v1/media", noNumber);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe("phoneNumberId");
  });
});
