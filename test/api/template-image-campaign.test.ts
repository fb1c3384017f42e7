// Acceptance (issue 7): "create an IMAGE-header template with an uploaded example, approve it
// through the emulator, the status reaches APPROVED through the webhook within a second, and a
// campaign uses it."
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { imageTemplate, pngBytes, upload } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let numbers: ConnectedNumbers;
beforeAll(async () => {
  w = await startWharf();
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
}, 60_000);
afterAll(() => w?.close());

it("an IMAGE-header template is approved through the webhook within a second, and a campaign sends it with its image", async () => {
  const { call, emulator } = apiClient(w.url, w.demo.apiKey);
  const sample = await upload(w, w.demo.apiKey, "/v1/media/uploads?fileName=banner.png", pngBytes(20_000), "image/png");
  expect(sample.status).toBe(201);
  const created = await call("POST", "/v1/templates", imageTemplate("autumn_sale", sample.body.handle));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.status).toBe("PENDING");

  // No sync is asked for: only Meta's message_template_status_update webhook can bring the news.
  const t0 = Date.now();
  await emulator("POST", `/templates/${created.body.metaTemplateId}/review`, { status: "APPROVED" });
  await eventually(
    async () => (await call("GET", `/v1/templates/${created.body.id}`)).body.status === "APPROVED",
    5_000,
    "APPROVED",
  );
  const elapsed = Date.now() - t0;
  console.log(`template APPROVED through the webhook after ${elapsed} ms`);
  expect(elapsed).toBeLessThan(1_000);

  // The header image every recipient gets: media uploaded for messages from the sending number.
  const media = await upload(
    w,
    w.demo.apiKey,
    `/v1/media?phoneNumberId=${numbers.verified.id}&fileName=autumn.png`,
    pngBytes(30_000),
    "image/png",
  );
  expect(media.status, JSON.stringify(media.body)).toBe(201);
  const recipients = ["+15557000001", "+15557000002", "+15557000003"];
  // A MARKETING template goes only to customers who opted in.
  for (const to of recipients)
    expect((await call("PUT", `/v1/contacts/${to.slice(1)}`, { marketingOptIn: true })).status).toBe(200);
  const campaign = await call("POST", "/v1/campaigns", {
    name: "Autumn",
    from: numbers.verified.id,
    template: {
      name: "autumn_sale",
      language: "en_US",
      components: [{ type: "header", parameters: [{ type: "image", image: { id: media.body.id } }] }],
    },
    recipients: recipients.map((to, i) => ({ to, parameters: [`Customer ${i}`] })),
  });
  expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
  const done = await eventually(
    async () => {
      const c = (await call("GET", `/v1/campaigns/${campaign.body.id}`)).body;
      return c.counts.read === 3 ? c : null;
    },
    20_000,
    "campaign read",
  );
  expect(done.counts).toMatchObject({ total: 3, read: 3, failed: 0, skipped: 0 });
  const atMeta = (await emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`))
    .data as Array<{
    body: { template?: { name: string; components: Array<{ type: string; parameters: unknown[] }> } };
  }>;
  const sent = atMeta.filter((m) => m.body.template?.name === "autumn_sale");
  expect(sent).toHaveLength(3);
  for (const m of sent)
    expect(m.body.template!.components.find((c) => c.type === "header")!.parameters).toEqual([
      { type: "image", image: { id: media.body.id } },
    ]);
}, 60_000);
