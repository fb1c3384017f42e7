import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { D360_SEED, SEED_IDS, startEmulatorServer, type EmulatorServer } from "../../src/emulator/index.js";
import {
  configureD360Webhook,
  createD360Channel,
  d360ConnectUrl,
  generateChannelKey,
  inspectD360Key,
  parseRedirectChannels,
  type D360Channel,
} from "../../src/channels/d360/index.js";
import { ChannelError, type ChannelSession } from "../../src/channels/index.js";

/**
 * The 360dialog adapter against the emulator's 360dialog stand-in (docs/emulator.md): the same
 * port verbs the Meta adapter offers, and a revoked key reported as `auth_lapsed` to the owner.
 */
let server: EmulatorServer;
let adapter: D360Channel;
let key: string;
let session: ChannelSession;
const lapses: Error[] = [];
const phone = SEED_IDS.verifiedPhoneNumberId;
const customer = "16505557123";

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, statusDelaysMs: { sent: 0, delivered: 0, read: 0 } });
  adapter = createD360Channel({ baseUrl: `${server.url}/_360dialog/waba-v2` });
  const made = await fetch(`${server.url}/_emulator/360dialog/channels/${D360_SEED.channelIds[0]}/api-key`, {
    method: "POST",
  });
  key = ((await made.json()) as { apiKey: string }).apiKey;
  session = adapter.session(
    { secret: key, accountId: SEED_IDS.wabaId },
    { onAuthLapsed: async (e) => void lapses.push(e) },
  );
});
afterAll(() => server.close());

async function inbound(text: string): Promise<string> {
  const r = await fetch(`${server.url}/_emulator/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phoneNumberId: phone, from: customer, text }),
  });
  return ((await r.json()) as { wamid: string }).wamid;
}

describe("360dialog adapter: a key's number", () => {
  it("learns the number and WABA from /health_status", async () => {
    expect(await inspectD360Key(adapter.transport, key)).toEqual({
      phoneNumberId: phone,
      wabaId: SEED_IDS.wabaId,
      canSend: "AVAILABLE",
    });
    expect((await session.numbers.list()).data.map((n) => n.id)).toEqual([phone]);
  });

  it("refuses to send from another number than the key's", async () => {
    const err = await session.messages
      .send(SEED_IDS.unverifiedPhoneNumberId, {
        messaging_product: "whatsapp",
        to: customer,
        type: "text",
        text: { body: "x" },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).kind).toBe("refused");
  });
});

describe("360dialog adapter: messages, media, templates, webhook", () => {
  it("sends text, marks read, and the emulated Meta records the message", async () => {
    const inboundId = await inbound("hello");
    const sent = await session.messages.send(phone, {
      messaging_product: "whatsapp",
      to: customer,
      type: "text",
      text: { body: "hi from 360" },
    });
    const wamid = sent.messages[0]!.id;
    const log = (await (await fetch(`${server.url}/_emulator/messages?phoneNumberId=${phone}`)).json()) as {
      data: { wamid: string }[];
    };
    expect(log.data.map((m) => m.wamid)).toContain(wamid);
    await expect(session.messages.markRead(phone, inboundId, { typing: true })).resolves.toBeUndefined();
  });

  it("uploads media and downloads it back with the key through the waba-v2 base", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...new Array<number>(300).fill(5)]);
    const { id } = await session.media.upload(phone, { data: bytes, mimeType: "image/png", filename: "a.png" });
    const info = await session.media.get(id);
    const got = await session.media.download(info.url);
    expect(got.httpStatus).toBe(200);
    expect(Buffer.from(got.body).equals(Buffer.from(bytes))).toBe(true);
    // A URL that is not a WhatsApp attachment is refused before anything is sent.
    await expect(session.media.download("http://169.254.169.254/latest/meta-data")).rejects.toMatchObject({
      kind: "refused",
    });
  });

  it("creates, lists and deletes templates; editing is unsupported", async () => {
    const created = await session.templates.create({
      name: "adapter_order",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Order {{1}} shipped.", example: { body_text: [["A-1"]] } }],
    });
    expect(created.status).toBe("PENDING");
    const listed = await session.templates.list({ name: "adapter_order" });
    expect(listed.data.map((t) => t.id)).toContain(created.id);
    expect((await session.templates.get(created.id)).name).toBe("adapter_order");
    await expect(session.templates.edit(created.id, {})).rejects.toMatchObject({ kind: "unsupported" });
    await session.templates.delete({ name: "adapter_order" });
    expect((await session.templates.list({ name: "adapter_order" })).data).toEqual([]);
  });

  it("maps Meta's errors passed through 360dialog (duplicate template, bad parameter)", async () => {
    const body = {
      name: "adapter_dup",
      language: "en_US",
      category: "UTILITY" as const,
      components: [{ type: "BODY" as const, text: "Hello there." }],
    };
    await session.templates.create(body);
    await expect(session.templates.create(body)).rejects.toMatchObject({ kind: "refused", reason: "template_exists" });
  });

  it("registers the webhook with Wharf's header", async () => {
    await configureD360Webhook(adapter.transport, key, {
      url: "http://127.0.0.1:9/webhooks/360dialog/ch_1",
      headers: { "x-wharf-channel-secret": "abc" },
    });
    const r = await fetch(`${server.url}/_360dialog/waba-v2/v1/configs/webhook`, { headers: { "D360-API-KEY": key } });
    expect(((await r.json()) as { url: string }).url).toBe("http://127.0.0.1:9/webhooks/360dialog/ch_1");
  });
});

describe("360dialog adapter: a revoked key", () => {
  it("is auth_lapsed, told to the owner once per failed call, and a new key works again", async () => {
    const fresh = await (
      await fetch(`${server.url}/_emulator/360dialog/channels/${D360_SEED.channelIds[1]}/api-key`, { method: "POST" })
    ).json();
    const own: Error[] = [];
    const s = adapter.session(
      { secret: (fresh as { apiKey: string }).apiKey, accountId: SEED_IDS.wabaId },
      { onAuthLapsed: async (e) => void own.push(e) },
    );
    await fetch(`${server.url}/_emulator/360dialog/api-keys/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channelId: D360_SEED.channelIds[1] }),
    });
    const err = await s.templates.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).kind).toBe("auth_lapsed");
    expect((err as ChannelError).channel).toBe("360dialog");
    expect(JSON.stringify((err as ChannelError).toJSON())).not.toContain((fresh as { apiKey: string }).apiKey);
    expect(own).toHaveLength(1);
    const next = await (
      await fetch(`${server.url}/_emulator/360dialog/channels/${D360_SEED.channelIds[1]}/api-key`, { method: "POST" })
    ).json();
    const again = adapter.session(
      { secret: (next as { apiKey: string }).apiKey, accountId: SEED_IDS.wabaId },
      { onAuthLapsed: async () => {} },
    );
    await expect(again.templates.list()).resolves.toBeDefined();
  });
});

describe("360dialog adapter: partner Connect flow", () => {
  it("builds the Connect URL, reads the redirect's channels, and generates a key through the Partner API", async () => {
    const connect = d360ConnectUrl(
      `${server.url}/_360dialog/hub/dashboard`,
      D360_SEED.partnerId,
      "http://localhost:3000/cb",
    );
    const page = await fetch(connect);
    expect(page.status).toBe(200);
    const approve = await fetch(`${server.url}/_360dialog/hub/dashboard/app/${D360_SEED.partnerId}/permissions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        redirect_url: "http://localhost:3000/cb",
        [`channel_${D360_SEED.channelIds[0]}`]: "1",
      }),
      redirect: "manual",
    });
    const back = new URL(approve.headers.get("location")!);
    const channels = parseRedirectChannels(back.searchParams.get("channels") ?? undefined);
    expect(channels).toEqual([D360_SEED.channelIds[0]]);
    const config = {
      hubUrl: `${server.url}/_360dialog/hub/api/v2`,
      partnerId: D360_SEED.partnerId,
      partnerApiKey: D360_SEED.partnerApiKey,
      fetch: globalThis.fetch,
      timeoutMs: 10_000,
    };
    const generated = await generateChannelKey(config, channels[0]!);
    expect((await inspectD360Key(adapter.transport, generated)).phoneNumberId).toBe(phone);
    // The session made earlier held the channel's previous key: 360dialog revoked it.
    const err = await session.templates.list().catch((e: unknown) => e);
    expect((err as ChannelError).kind).toBe("auth_lapsed");
    await expect(generateChannelKey({ ...config, partnerApiKey: "wrong" }, channels[0]!)).rejects.toMatchObject({
      kind: "refused",
    });
  });

  it("parses the bracketed list and drops anything that is not an id", () => {
    expect(parseRedirectChannels("[a1,b2]")).toEqual(["a1", "b2"]);
    expect(parseRedirectChannels("a1")).toEqual(["a1"]);
    expect(parseRedirectChannels("[../x,ok]")).toEqual(["ok"]);
    expect(parseRedirectChannels(undefined)).toEqual([]);
  });
});
