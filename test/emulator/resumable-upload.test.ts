import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, uploadPath, V, type Harness } from "./support/harness.js";
import type { Json } from "../support/json.js";

let h: Harness;
let token: string;
const file = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));

beforeAll(async () => {
  h = await startHarness();
  token = await h.login();
});
afterAll(() => h.close());

async function openSession(length = file.length, type = "image/png") {
  const q = new URLSearchParams({ file_name: "header.png", file_length: String(length), file_type: type });
  return h.call("POST", `/${V}/${h.server.appId}/uploads?${q}`, { token });
}

const sendBytes = (id: string, offset: number, bytes: Buffer) =>
  fetch(`${h.url}${uploadPath(id)}`, {
    method: "POST",
    headers: { authorization: `OAuth ${token}`, file_offset: String(offset) },
    body: new Uint8Array(bytes),
  });

describe("resumable upload", () => {
  it("opens a session named upload:..., and refuses a file type Meta does not take", async () => {
    const ok = await openSession();
    expect(ok.status).toBe(200);
    // Standard base64, with a signature, as Meta's ids can be (issue 14 item 12).
    expect(ok.body.id).toMatch(/^upload:[A-Za-z0-9+/]+=*\?sig=[A-Za-z0-9+/]+=*$/);
    expect(ok.body.id).toMatch(/\+.*=.*\?sig=.*\+/);
    expect(ok.body.id.split("?")[0]).toContain("/");
    // The signature must come back as written: `+` read as a space (form encoding) is a different id.
    const id = ok.body.id as string;
    const asForm = new URLSearchParams(id.slice(id.indexOf("?") + 1)).toString();
    expect((await h.call("GET", uploadPath(id), { token })).status).toBe(200);
    expect((await h.call("GET", uploadPath(`${id.split("?")[0]}?${asForm}`), { token })).status).toBe(200);
    const mangled = `${id.split("?")[0]}?sig=${new URLSearchParams(id.slice(id.indexOf("?") + 1)).get("sig")}`;
    expect((await h.call("GET", uploadPath(mangled), { token })).body.error.code).toBe(100);
    const bad = await openSession(10, "image/gif");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(100);
  });

  it("keeps the offset where a cut connection stopped, then resumes from it to a handle", async () => {
    const id = (await openSession()).body.id as string;
    await h.control("POST", "/faults", { method: "POST", path: "/v23.0/upload:*", cutAfterBytes: 4096 });
    await expect(sendBytes(id, 0, file)).rejects.toThrow();
    const status = await h.call("GET", uploadPath(id), { token });
    expect(status.body).toEqual({ id: id.split("?")[0], file_offset: 4096 });
    const wrong = await sendBytes(id, 0, file);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as Json).error.code).toBe(100);
    const rest = await sendBytes(id, 4096, file.subarray(4096));
    expect(rest.status).toBe(200);
    const { h: handle } = (await rest.json()) as { h: string };
    expect(handle).toMatch(/^2:/);
    expect((await h.call("GET", uploadPath(id), { token })).body.file_offset).toBe(file.length);
    const state = h.server.emulator.state.uploads.get(id.split("?")[0]!)!;
    expect(Buffer.concat(state.chunks).equals(file)).toBe(true);
  });

  it("uses the handle as a template header sample, and refuses a made-up one", async () => {
    const id = (await openSession(100)).body.id as string;
    const res = await sendBytes(id, 0, file.subarray(0, 100));
    const { h: handle } = (await res.json()) as { h: string };
    const template = (h_: string) => ({
      name: `promo_${h_.length}`,
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: [h_] } },
        { type: "BODY", text: "Our sale starts today." },
      ],
    });
    const path = `/${V}/102290129340398/message_templates`;
    expect((await h.call("POST", path, { token, json: template(handle) })).status).toBe(200);
    const fake = await h.call("POST", path, { token, json: template("4::bm9wZQ==") });
    expect(fake.status).toBe(400);
    expect(fake.body.error.error_user_title).toBe("Invalid media handle");
  });
});
