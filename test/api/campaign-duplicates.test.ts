import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { createApprovedTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

/**
 * Issue 17: a customer listed twice in a campaign's audience is messaged once; the repeats are
 * reported as skipped `DUPLICATE_RECIPIENT`, whether they were pasted in the JSON body, written
 * another way (`+1 (555) …`), streamed in a later NDJSON upload or further down than one chunk.
 */
const TEMPLATE = "dup_hello";

describeEachDialect("campaign audiences: each customer once", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    await createApprovedTemplate(api, {
      name: TEMPLATE,
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hello {{1}}.", example: { body_text: [["Ann"]] } }],
    });
  }, 240_000);
  afterAll(() => w?.close());

  const sentTo = async (waIds: string[]) => {
    const atMeta = (await api.emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`))
      .data as Array<{ waId: string }>;
    return waIds.map((id) => atMeta.filter((m) => m.waId === id).length);
  };
  const settled = (id: string, total: number) =>
    eventually(
      async () => {
        const c = (await api.call("GET", `/v1/campaigns/${id}`)).body;
        return c.counts.queued === 0 && c.funnel.sent + c.counts.skipped + c.counts.failed === total ? c : null;
      },
      240_000,
      "campaign settled",
    );

  it("pasted repeats in the JSON body, in any spelling, are sent once and counted as DUPLICATE_RECIPIENT", async () => {
    const created = await api.call("POST", "/v1/campaigns", {
      name: "Pasted twice",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      recipients: [
        { to: "+15557100001", parameters: ["Ann"] },
        { to: "+15557100002", parameters: ["Bo"] },
        { to: "15557100001", parameters: ["Ann again"] },
        { to: "+1 (555) 710-0001", parameters: ["Ann thrice"] },
        { to: "+15557100002", parameters: ["Bo again"] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = await settled(created.body.id as string, 5);
    expect(c.counts).toMatchObject({ total: 5, skipped: 3, failed: 0 });
    expect(c.funnel.sent).toBe(2);
    expect(c.skippedReasons).toEqual({ DUPLICATE_RECIPIENT: 3 });
    expect(await sentTo(["15557100001", "15557100002"])).toEqual([1, 1]);
  }, 300_000);

  it("repeats across NDJSON uploads and across chunks of 500 are sent once", async () => {
    const id = (
      await api.call("POST", "/v1/campaigns", {
        name: "Streamed twice",
        from: numbers.verified.id,
        template: { name: TEMPLATE, language: "en_US" },
        draft: true,
      })
    ).body.id as string;
    const line = (n: number) => JSON.stringify({ to: `+1555720${String(n).padStart(4, "0")}`, parameters: [`N${n}`] });
    const upload = async (lines: string[]) => {
      const res = await fetch(`${w.url}/v1/campaigns/${id}/recipients`, {
        method: "POST",
        headers: { authorization: `Bearer ${w.demo.apiKey}`, "content-type": "application/x-ndjson" },
        body: lines.join("\n"),
      });
      expect(res.status).toBe(200);
    };
    // 700 customers; number 3 again at line 650 (the second chunk), then a second upload repeating 1 and 699.
    const first = Array.from({ length: 700 }, (_, i) => line(i));
    first.splice(650, 0, line(3));
    await upload(first);
    await upload([line(1), line(699), line(700)]);
    expect((await api.call("POST", `/v1/campaigns/${id}/resume`)).status).toBe(200);
    const c = await settled(id, 704);
    expect(c.counts).toMatchObject({ total: 704, skipped: 3, failed: 0 });
    expect(c.funnel.sent).toBe(701);
    expect(c.skippedReasons).toEqual({ DUPLICATE_RECIPIENT: 3 });
    expect(await sentTo(["15557200001", "15557200003", "15557200699", "15557200700"])).toEqual([1, 1, 1, 1]);
  }, 300_000);
});
