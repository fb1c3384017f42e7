import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { createApprovedTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>;
let numbers: ConnectedNumbers;
const TEMPLATE = "upload_hello";

beforeAll(async () => {
  w = await startWharf();
  api = apiClient(w.url, w.demo.apiKey);
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
  await createApprovedTemplate(api, {
    name: TEMPLATE,
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Hello {{1}}.", example: { body_text: [["Ann"]] } }],
  });
}, 60_000);
afterAll(() => w?.close());

const draft = async () =>
  (
    await api.call("POST", "/v1/campaigns", {
      name: "Upload",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      draft: true,
    })
  ).body.id as string;
const campaign = async (id: string) => (await api.call("GET", `/v1/campaigns/${id}`)).body;

async function upload(id: string, body: string, apiKey = w.demo.apiKey) {
  const res = await fetch(`${w.url}/v1/campaigns/${id}/recipients`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/x-ndjson" },
    body,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const line = (i: number) => JSON.stringify({ to: `+1555600${String(i).padStart(4, "0")}`, parameters: [`N${i}`] });

describe("streamed NDJSON audiences", () => {
  it("accepts every line (CRLF and blank lines too) and the recipients are sent once the draft starts", async () => {
    const id = await draft();
    const lines = Array.from({ length: 2_500 }, (_, i) => line(i));
    const r = await upload(id, `${lines.slice(0, 1_200).join("\n")}\n\n${lines.slice(1_200).join("\r\n")}\r\n`);
    expect(r).toEqual({ status: 200, body: { added: 2_500 } });
    expect((await campaign(id)).counts).toMatchObject({ total: 2_500, queued: 2_500, skipped: 0 });

    const small = await draft();
    expect((await upload(small, [0, 1, 2].map((i) => line(9_000 + i)).join("\n"))).body.added).toBe(3);
    expect((await api.call("POST", `/v1/campaigns/${small}/resume`)).status).toBe(200);
    await eventually(async () => (await campaign(small)).funnel.sent === 3, 20_000, "3 sent");
    const atMeta = (await api.emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`))
      .data as Array<{ waId: string; body: unknown }>;
    const toOne = atMeta.filter((m) => m.waId === "15556009001");
    expect(toOne).toHaveLength(1);
    expect(JSON.stringify(toOne[0]!.body)).toContain('"N9001"');
  });

  it("a bad line is named and nothing from that upload is kept, batches already written included", async () => {
    const id = await draft();
    expect((await upload(id, line(1))).body.added).toBe(1);
    const lines = Array.from({ length: 2_000 }, (_, i) => line(i));
    lines[1_501] = '{"to": "+15550000000", "parameters": [{"nested": true}]}';
    const r = await upload(id, lines.join("\n"));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/^Line 1502: .*Nothing from this upload was kept\.$/),
    });
    expect((await campaign(id)).counts.total).toBe(1);
    const notJson = await upload(id, `${line(5)}\n{"to": "+1555",}\n`);
    expect(notJson.body.error.message).toMatch(/^Line 2: /);
  });

  it("refuses a line over 64 KiB without holding the rest of the body", async () => {
    const id = await draft();
    const r = await upload(
      id,
      `${line(1)}\n${JSON.stringify({ to: "+15551234567", parameters: ["x".repeat(70_000)] })}\n${line(2)}\n`,
    );
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^Line 2: longer than 64 KiB/);
    const noNewline = await upload(id, "x".repeat(1_000_000));
    expect(noNewline.body.error.message).toMatch(/^Line 1: longer than 64 KiB/);
    expect((await campaign(id)).counts.total).toBe(0);
  });

  it("another workspace's campaign is not found, and a cancelled one takes no more recipients", async () => {
    const id = await draft();
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Tenant B" })).body;
    expect((await upload(id, line(1), other.apiKey)).status).toBe(404);
    expect((await api.call("POST", `/v1/campaigns/${id}/cancel`)).status).toBe(200);
    const r = await upload(id, line(1));
    expect(r.status).toBe(409);
    expect((await campaign(id)).counts.total).toBe(0);
  });
});
