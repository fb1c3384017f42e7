import { createHmac } from "node:crypto";
import type * as NodeCrypto from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";

// Observe the comparison without changing it: the real timingSafeEqual still decides.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const crypto = await import("node:crypto");
const { signWebhookBody, verifyWebhookHandshake, verifyWebhookSignature } = await import("./index.js");

const SECRET = "app-secret-0123456789";
const body = Buffer.from(
  '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"name":"Jos\\u00e9"}',
);
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

afterEach(() => timingSafeEqual.mockClear());

describe("verifyWebhookSignature: X-Hub-Signature-256 over the raw bytes", () => {
  it("accepts Meta's format: sha256=<hex HMAC-SHA256(raw body, app secret)>", () => {
    const header = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    expect(signWebhookBody(body, SECRET)).toBe(header);
    expect(verifyWebhookSignature(body, header, SECRET)).toEqual({ ok: true });
    expect(verifyWebhookSignature(body, header.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toEqual({
      ok: true,
    });
  });

  it("rejects a signature made with another secret", () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, "another-secret"), SECRET)).toEqual({
      ok: false,
      reason: "signature_mismatch",
    });
  });

  it("rejects a body modified by one byte, or re-serialised", () => {
    const header = signWebhookBody(body, SECRET);
    const tampered = Buffer.from(body);
    const at = tampered.length - 3;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 1, at);
    expect(verifyWebhookSignature(tampered, header, SECRET)).toEqual({ ok: false, reason: "signature_mismatch" });
    // JSON.parse + JSON.stringify turns \u00e9 into é: a different byte sequence.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifyWebhookSignature(reserialised, header, SECRET)).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("reports a missing header", () => {
    expect(verifyWebhookSignature(body, undefined, SECRET)).toEqual({ ok: false, reason: "missing_header" });
    expect(verifyWebhookSignature(body, "  ", SECRET)).toEqual({ ok: false, reason: "missing_header" });
  });

  it("reports a malformed header", () => {
    const hex = createHmac("sha256", SECRET).update(body).digest("hex");
    for (const header of [
      hex,
      `sha1=${hex.slice(0, 40)}`,
      `sha256=${hex.slice(0, 63)}`,
      `sha256=${hex}00`,
      `sha256=${"z".repeat(64)}`,
      "sha256=",
      `sha256 = ${hex}`,
    ]) {
      expect(verifyWebhookSignature(body, header, SECRET), header).toEqual({ ok: false, reason: "malformed_header" });
    }
  });

  it("never verifies with an empty app secret (anyone can compute that HMAC)", () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, ""), "")).toEqual({
      ok: false,
      reason: "signature_mismatch",
    });
  });

  it("compares with timingSafeEqual on two 32-byte digests, whether the first or the last byte differs", () => {
    const digest = createHmac("sha256", SECRET).update(body).digest();
    for (const index of [0, 31]) {
      const forged = Buffer.from(digest);
      forged.writeUInt8(forged.readUInt8(index) ^ 0xff, index);
      timingSafeEqual.mockClear();
      expect(verifyWebhookSignature(body, `sha256=${forged.toString("hex")}`, SECRET)).toEqual({
        ok: false,
        reason: "signature_mismatch",
      });
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
      const [a, b] = timingSafeEqual.mock.calls[0]!;
      expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    }
    timingSafeEqual.mockClear();
    expect(verifyWebhookSignature(body, signWebhookBody(body, SECRET), SECRET).ok).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it("never throws and never verifies an arbitrary header", () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.uint8Array(), (header, raw) => {
        const result = verifyWebhookSignature(Buffer.from(raw), header, SECRET);
        expect(result.ok).toBe(false);
      }),
    );
  });
});

describe("verifyWebhookHandshake: Meta's hub.* subscription check", () => {
  const query = { "hub.mode": "subscribe", "hub.verify_token": "my-verify-token", "hub.challenge": "1158201444" };

  it("echoes the challenge when the token matches", () => {
    expect(verifyWebhookHandshake(query, "my-verify-token")).toEqual({ ok: true, challenge: "1158201444" });
    expect(verifyWebhookHandshake(new URLSearchParams(query), "my-verify-token")).toEqual({
      ok: true,
      challenge: "1158201444",
    });
  });

  it("refuses a wrong token, a wrong mode, missing parameters, and an empty configured token", () => {
    expect(verifyWebhookHandshake({ ...query, "hub.verify_token": "guess" }, "my-verify-token")).toEqual({
      ok: false,
      reason: "token_mismatch",
    });
    expect(
      verifyWebhookHandshake({ ...query, "hub.verify_token": "my-verify-token-longer" }, "my-verify-token"),
    ).toEqual({ ok: false, reason: "token_mismatch" });
    expect(verifyWebhookHandshake({ ...query, "hub.mode": "unsubscribe" }, "my-verify-token")).toEqual({
      ok: false,
      reason: "wrong_mode",
    });
    expect(verifyWebhookHandshake({ "hub.mode": "subscribe" }, "my-verify-token")).toEqual({
      ok: false,
      reason: "missing_parameters",
    });
    expect(verifyWebhookHandshake({ ...query, "hub.challenge": ["1", "2"] }, "my-verify-token")).toEqual({
      ok: false,
      reason: "missing_parameters",
    });
    expect(verifyWebhookHandshake({ ...query, "hub.verify_token": "" }, "")).toEqual({
      ok: false,
      reason: "token_mismatch",
    });
  });

  it("does not reflect a challenge that is not a plain token", () => {
    expect(
      verifyWebhookHandshake({ ...query, "hub.challenge": "<script>alert(1)</script>" }, "my-verify-token"),
    ).toEqual({
      ok: false,
      reason: "invalid_challenge",
    });
  });
});
