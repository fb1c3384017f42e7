import { describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../graph/index.js";
import { buildPayload } from "./webhook-sender.js";
import { hubSignature, metaJson } from "./meta-json.js";

describe("the bytes Meta posts", () => {
  it("escape non-ASCII as \\uXXXX and slashes as \\/, and still parse to the same value", () => {
    const value = { text: "café ☕ 👋 a/b" };
    const raw = metaJson(value);
    expect(raw).toBe('{"text":"caf\\u00e9 \\u2615 \\ud83d\\udc4b a\\/b"}');
    expect(/^\p{ASCII}*$/u.test(raw)).toBe(true);
    expect(JSON.parse(raw)).toEqual(value);
  });

  it("are signed so that graph's verifier accepts them", () => {
    const raw = metaJson({ a: "é" });
    expect(verifyWebhookSignature(Buffer.from(raw), hubSignature(raw, "k"), "k")).toEqual({ ok: true });
    expect(verifyWebhookSignature(Buffer.from(raw), hubSignature(raw, "other"), "k").ok).toBe(false);
  });
});

describe("batched payloads", () => {
  it("group changes per WABA, with time only on entries of non-messages fields", () => {
    const body = buildPayload(
      [
        { wabaId: "1", field: "messages", value: { n: 1 } },
        { wabaId: "2", field: "messages", value: { n: 2 } },
        { wabaId: "1", field: "messages", value: { n: 3 } },
        { wabaId: "1", field: "message_template_status_update", value: { n: 4 } },
      ],
      1_700_000_000_000,
    ) as { object: string; entry: unknown[] };
    expect(body.object).toBe("whatsapp_business_account");
    expect(body.entry).toEqual([
      {
        id: "1",
        changes: [
          { value: { n: 1 }, field: "messages" },
          { value: { n: 3 }, field: "messages" },
        ],
      },
      { id: "2", changes: [{ value: { n: 2 }, field: "messages" }] },
      { id: "1", time: 1_700_000_000, changes: [{ value: { n: 4 }, field: "message_template_status_update" }] },
    ]);
  });
});

describe("template ids in webhooks", () => {
  it("stay exact as JSON numbers (16-digit ids below 2^53)", async () => {
    const { numericId } = await import("../core/ids.js");
    for (let i = 0; i < 2000; i++) expect(Number.isSafeInteger(Number(numericId(16)))).toBe(true);
  });
});
