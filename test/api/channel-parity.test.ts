// Acceptance (issue 15, 2): "The same end-to-end scenarios (connect, send text and template,
// inbound, statuses, a campaign, a template approved by webhook, media) run against both adapters
// from one parameterised test."
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { channelFixtures, type ChannelNumber } from "../support/channel-fixture.js";
import { describeEachDialect } from "../support/databases.js";
import type { Json } from "../support/json.js";
import { pngBytes, upload } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

/** A UTILITY template (no opt-in needed for a campaign) with one body variable. */
const TEMPLATE = {
  name: "order_ready",
  language: "en_US",
  category: "UTILITY",
  components: [{ type: "BODY", text: "Hi {{1}}, your order is ready.", example: { body_text: [["Ana"]] } }],
};

describeEachDialect("the same scenarios through each channel", (dialect) => {
  describe.each(channelFixtures)("$channel", (fixture) => {
    let w: StartedWharf;
    let api: ReturnType<typeof apiClient>["call"];
    let emulator: ReturnType<typeof apiClient>["emulator"];
    let number: ChannelNumber;
    let templateId: string;

    beforeAll(async () => {
      w = await startWharf({ dialect });
      ({ call: api, emulator } = apiClient(w.url, w.demo.apiKey));
    }, 60_000);
    afterAll(() => w?.close());

    /**
     * The changes of `field` about `needle` (a wamid, a template id) reached Wharf `count` times,
     * each in a delivery to this channel's route that Wharf took (200). Changes are counted, not
     * deliveries: the emulator batches changes that fall in one window, as Meta does.
     */
    async function expectDeliveredThroughChannel(needle: string, field: string, count: number) {
      const route = fixture.webhookPath(number);
      const about = (d: Json) =>
        (d.body.entry as Json[]).flatMap((e: Json) =>
          (e.changes as Json[]).filter((c: Json) => c.field === field && JSON.stringify(c.value).includes(needle)),
        );
      const deliveries = await eventually(
        async () => {
          const found = ((await emulator("GET", "/webhooks")).deliveries as Json[]).filter(
            (d: Json) => about(d).length > 0,
          );
          const changes = found.reduce((n: number, d: Json) => n + about(d).length, 0);
          return changes >= count && found.every((d: Json) => d.state === "delivered") ? found : null;
        },
        20_000,
        `${count} ${field} changes about ${needle}`,
      );
      expect(deliveries.reduce((n: number, d: Json) => n + about(d).length, 0)).toBe(count);
      for (const d of deliveries) {
        expect(new URL(d.url as string).pathname).toBe(route);
        expect(d.via ?? "meta").toBe(fixture.channel);
        expect(d.attempts.at(-1).status).toBe(200);
      }
    }
    const messageReaches = (id: string, status: string) =>
      eventually(
        async () => {
          const m = (await api("GET", `/v1/messages/${id}`)).body;
          if (m.status === "failed") throw new Error(`message failed: ${JSON.stringify(m)}`);
          return m.status === status ? m : null;
        },
        20_000,
        `message ${id} ${status}`,
      );
    const statusesOf = (m: Json) =>
      (m.events as Json[]).map((e) => e.status as string).filter((s) => ["sent", "delivered", "read"].includes(s));
    const sentAtMeta = async (wamid: string): Promise<Json> =>
      ((await emulator("GET", `/messages?phoneNumberId=${number.metaPhoneNumberId}`)).data as Json[]).find(
        (m: Json) => m.wamid === wamid,
      );

    it("connects: the connection names the channel and the number is usable", async () => {
      number = await fixture.connect(w, w.demo.apiKey);
      const connection = (await api("GET", "/v1/connection")).body;
      expect(connection).toMatchObject({ status: "connected", channel: fixture.channel });
      const numbers = (await api("GET", "/v1/phone-numbers")).body.data as Json[];
      expect(numbers.find((n: Json) => n.id === number.id)).toMatchObject({
        metaPhoneNumberId: number.metaPhoneNumberId,
        active: true,
      });
    });

    it("an inbound message appears in the inbox through the channel's webhook, and its read receipt goes back", async () => {
      await emulator("POST", "/inbound", {
        phoneNumberId: number.metaPhoneNumberId,
        from: "15550710001",
        text: `hello through ${fixture.channel}`,
        name: "Ana",
      });
      const conversation = await eventually(
        async () => (await api("GET", "/v1/conversations?waId=15550710001")).body.data?.[0],
        20_000,
        "the conversation",
      );
      const thread = (await api("GET", `/v1/conversations/${conversation.id}/messages`)).body.data as Json[];
      expect(thread).toHaveLength(1);
      expect(thread[0]).toMatchObject({ direction: "inbound", type: "text" });
      expect(JSON.stringify(thread[0])).toContain(`hello through ${fixture.channel}`);
      const inbound = (await emulator("GET", "/inbound")).data as Json[];
      const wamid = inbound.find((m: Json) => m.from === "15550710001").message.id as string;
      await expectDeliveredThroughChannel(wamid, "messages", 1);
      // The read receipt goes back to the customer through the same channel.
      const before = ((await emulator("GET", "/inbound")).data as Json[]).find((m: Json) => m.message.id === wamid);
      expect(before.readAt ?? null).toBeNull();
      const read = await api("POST", `/v1/conversations/${conversation.id}/read`);
      expect(read.body).toEqual({ read: true, toldMeta: true });
      const atMeta = ((await emulator("GET", "/inbound")).data as Json[]).find((m: Json) => m.message.id === wamid);
      expect(atMeta.readAt).toEqual(expect.any(Number));
    });

    it("a text reply goes out and its statuses (sent, delivered, read) come back through the channel", async () => {
      const sent = await api("POST", "/v1/messages", {
        from: number.id,
        to: "+15550710001",
        type: "text",
        text: { body: "Your order is on its way" },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      const done = await messageReaches(sent.body.id, "read");
      expect(statusesOf(done)).toEqual(["sent", "delivered", "read"]);
      expect((await sentAtMeta(done.wamid)).body).toMatchObject({
        type: "text",
        text: { body: "Your order is on its way" },
      });
      await expectDeliveredThroughChannel(done.wamid, "messages", 3);
    });

    it("a template created through Wharf is approved by the provider's webhook", async () => {
      const created = await api("POST", "/v1/templates", TEMPLATE);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.status).toBe("PENDING");
      templateId = created.body.id;
      const metaTemplateId = created.body.metaTemplateId as string;
      await emulator("POST", `/templates/${metaTemplateId}/review`, { status: "APPROVED" });
      await eventually(
        async () => (await api("GET", `/v1/templates/${templateId}`)).body.status === "APPROVED",
        20_000,
        "APPROVED in Wharf",
      );
      await expectDeliveredThroughChannel(metaTemplateId, "message_template_status_update", 1);
    });

    it("the approved template is sent outside the window and is read", async () => {
      const sent = await api("POST", "/v1/messages", {
        from: number.id,
        to: "+15550710002",
        type: "template",
        template: { name: TEMPLATE.name, language: TEMPLATE.language, parameters: ["Bo"] },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      const done = await messageReaches(sent.body.id, "read");
      expect(statusesOf(done)).toEqual(["sent", "delivered", "read"]);
      expect((await sentAtMeta(done.wamid)).body.template).toMatchObject({
        name: TEMPLATE.name,
        language: { code: TEMPLATE.language },
      });
      await expectDeliveredThroughChannel(done.wamid, "messages", 3);
    });

    it("a campaign of three recipients completes with its counts", async () => {
      const recipients = ["+15550720001", "+15550720002", "+15550720003"];
      const campaign = await api("POST", "/v1/campaigns", {
        name: `Ready (${fixture.channel})`,
        from: number.id,
        template: { name: TEMPLATE.name, language: TEMPLATE.language },
        recipients: recipients.map((to, i) => ({ to, parameters: [`Customer ${i}`] })),
      });
      expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
      const done = await eventually(
        async () => {
          const c = (await api("GET", `/v1/campaigns/${campaign.body.id}`)).body;
          return c.counts.read === 3 ? c : null;
        },
        30_000,
        "campaign read by all three",
      );
      expect(done.counts).toMatchObject({ total: 3, read: 3, failed: 0, skipped: 0 });
      const atMeta = (await emulator("GET", `/messages?phoneNumberId=${number.metaPhoneNumberId}`)).data as Json[];
      const sent = atMeta.filter((m: Json) => recipients.includes(`+${m.waId}`));
      expect(sent).toHaveLength(3);
      for (const m of sent) {
        expect(m.body.template.name).toBe(TEMPLATE.name);
        await expectDeliveredThroughChannel(m.wamid as string, "messages", 3);
      }
    });

    it("media uploaded through Wharf is sent as an image message", async () => {
      const file = pngBytes(20_000);
      const media = await upload(
        w,
        w.demo.apiKey,
        `/v1/media?phoneNumberId=${number.id}&fileName=receipt.png`,
        file,
        "image/png",
      );
      expect(media.status, JSON.stringify(media.body)).toBe(201);
      expect(media.body).toMatchObject({
        phoneNumberId: number.id,
        mimeType: "image/png",
        sha256: createHash("sha256").update(file).digest("hex"),
      });
      const sent = await api("POST", "/v1/messages", {
        from: number.id,
        to: "+15550710001",
        type: "image",
        image: { id: media.body.id, caption: "Your receipt" },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      const done = await messageReaches(sent.body.id, "read");
      expect((await sentAtMeta(done.wamid)).body).toMatchObject({
        type: "image",
        image: { id: media.body.id, caption: "Your receipt" },
      });
      await expectDeliveredThroughChannel(done.wamid, "messages", 3);
    });

    it("a customer's photo arrives and Wharf serves its bytes from the media route", async () => {
      const bytes = Buffer.from(`\xff\xd8\xff a photo through ${fixture.channel}`, "latin1");
      await emulator("POST", "/inbound", {
        phoneNumberId: number.metaPhoneNumberId,
        from: "15550710003",
        media: { mimeType: "image/jpeg", base64: bytes.toString("base64"), caption: "my order" },
      });
      const inbound = ((await emulator("GET", "/inbound")).data as Json[]).find((m: Json) => m.from === "15550710003");
      const mediaId = inbound.message.image.id as string;
      await eventually(
        async () => (await api("GET", "/v1/conversations?waId=15550710003")).body.data?.[0],
        20_000,
        "the photo's conversation",
      );
      await expectDeliveredThroughChannel(inbound.message.id as string, "messages", 1);
      const res = await fetch(`${w.url}/v1/media/inbound/${mediaId}`, {
        headers: { authorization: `Bearer ${w.demo.apiKey}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    });
  });
});
