import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { eventually, inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
const h = inboxHarness(() => w);
let ids: Awaited<ReturnType<typeof h.connect>>;
let other: { id: string; apiKey: string };
const key = () => w.demo.apiKey;

beforeAll(async () => {
  w = await startWharf();
  ids = await h.connect(key());
  other = (await h.api("POST", "/v1/workspaces", w.adminToken, { name: "Other tenant" })).body;
}, 60_000);
afterAll(() => w?.close());

const conversationOf = async (waId: string, apiKey = key()) =>
  (await h.api("GET", `/v1/conversations?waId=${waId}`, apiKey)).body.data[0];
const inbound = (from: string, extra: Record<string, unknown>) =>
  h.emulator("/inbound", { phoneNumberId: ids.metaPhoneNumberId, from, ...extra });

/** Reads a server-sent event stream until `until` matches what arrived (or the time runs out). */
async function readEvents(
  apiKey: string,
  trigger: () => Promise<unknown>,
  until: (text: string) => boolean,
  ms = 3_000,
): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(`${w.url}/v1/events`, {
    headers: { authorization: `Bearer ${apiKey}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = res.body!.getReader();
  let text = "";
  const timer = setTimeout(() => controller.abort(), ms);
  await reader.read().then((c) => (text += new TextDecoder().decode(c.value))); // the stream is open
  await trigger();
  try {
    while (!until(text)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
  } catch {
    // aborted: the time ran out
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return text;
}

describe("inbox (happy path)", () => {
  it("an inbound message becomes a contact and a conversation with its window and unread count", async () => {
    const r = await inbound("+15550201001", { text: "Hi there", name: "Maya" });
    const c = await eventually(
      () => conversationOf("15550201001"),
      (x) => x !== undefined,
    );
    expect(c).toMatchObject({
      id: expect.stringMatching(/^con_/),
      contact: { waId: "15550201001", name: "Maya" },
      phoneNumberId: ids.phoneNumberId,
      unreadCount: 1,
      windowOpen: true,
    });
    expect(Date.parse(c.windowExpiresAt) - Date.parse(c.lastMessageAt)).toBe(24 * 3_600_000);
    expect((await h.api("GET", `/v1/conversations/${c.id}`, key())).body).toEqual(c);
    expect(r.wamid).toMatch(/^wamid\./);
    const contact = (await h.api("GET", "/v1/contacts/15550201001", key())).body;
    expect(contact).toMatchObject({ waId: "15550201001", name: "Maya", profileName: "Maya", marketingOptIn: null });
  });

  it("names a contact and records consent; an inbound STOP opts it out of marketing", async () => {
    const put = await h.api("PUT", "/v1/contacts/15550201002", key(), { name: "Noor (VIP)", marketingOptIn: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: "Noor (VIP)", marketingOptIn: true, consentSource: "api" });
    await inbound("+15550201002", { text: "STOP", name: "Noor" });
    const after = await eventually(
      () => h.api("GET", "/v1/contacts/15550201002", key()),
      (r) => r.body.marketingOptIn === false,
    );
    expect(after.body).toMatchObject({
      name: "Noor (VIP)",
      profileName: "Noor",
      marketingOptIn: false,
      consentSource: "stop_keyword",
    });
  });

  it("fetches the bytes of media a customer sent, on demand, through the Graph client", async () => {
    const bytes = Buffer.from("\x89PNG fake image bytes for the test");
    await inbound("+15550201003", {
      media: { mimeType: "image/png", base64: bytes.toString("base64"), caption: "look" },
    });
    const c = await eventually(
      () => conversationOf("15550201003"),
      (x) => x !== undefined,
    );
    expect(c).toBeDefined();
    const state = await h.emulator("/inbound");
    const msg = state.data.find((m: Json) => m.from === "15550201003").message;
    const res = await fetch(`${w.url}/v1/media/inbound/${msg.image.id}`, {
      headers: { authorization: `Bearer ${key()}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/png");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it("streams new messages to the dashboard as server-sent events", async () => {
    const text = await readEvents(
      key(),
      () => inbound("+15550201004", { text: "live!" }),
      (t) => t.includes("event: message.received"),
    );
    const line = text.split("\n").find((l) => l.startsWith("data:") && l.includes("message.received"))!;
    expect(JSON.parse(line.slice(5))).toMatchObject({
      type: "message.received",
      data: { from: "15550201004", preview: "live!", type: "text" },
    });
  });

  it("pages conversations with a cursor", async () => {
    for (let i = 0; i < 3; i++) await inbound(`+1555020200${i}`, { text: `page ${i}` });
    await eventually(
      () => conversationOf("15550202002"),
      (x) => x !== undefined,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = (await h.api("GET", `/v1/conversations?limit=2${cursor ? `&cursor=${cursor}` : ""}`, key()))
        .body;
      seen.push(...page.data.map((c: Json) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await h.api("GET", "/v1/conversations?limit=200", key())).body.data.length);
  });
});

describe("inbox (errors)", () => {
  it("answers 404, 400 and 401 with the error envelope", async () => {
    expect((await h.api("GET", "/v1/conversations/con_doesnotexist", key())).status).toBe(404);
    expect((await h.api("GET", "/v1/contacts/15559999999", key())).body.error.code).toBe("NOT_FOUND");
    expect((await h.api("GET", "/v1/contacts/not-a-number", key())).body.error.code).toBe("VALIDATION_FAILED");
    expect((await h.api("GET", "/v1/conversations?cursor=garbage", key())).body.error.code).toBe("VALIDATION_FAILED");
    expect((await h.api("PUT", "/v1/contacts/15550201001", key(), { marketingOptIn: "yes" })).status).toBe(400);
    expect((await h.api("GET", "/v1/media/inbound/123456", key())).status).toBe(404);
    expect((await fetch(`${w.url}/v1/events`)).status).toBe(401);
    expect((await fetch(`${w.url}/v1/conversations`)).status).toBe(401);
  });
});

describe("inbox (security: another workspace learns nothing)", () => {
  it("B sees none of A's conversations, contacts, media or live events", async () => {
    const c = await eventually(
      () => conversationOf("15550201001"),
      (x) => x !== undefined,
    );
    expect((await h.api("GET", "/v1/conversations", other.apiKey)).body.data).toEqual([]);
    expect((await h.api("GET", `/v1/conversations/${c.id}`, other.apiKey)).status).toBe(404);
    expect((await h.api("GET", "/v1/contacts/15550201001", other.apiKey)).status).toBe(404);
    const media = (await h.emulator("/inbound")).data.find((m: Json) => m.from === "15550201003").message.image.id;
    expect((await h.api("GET", `/v1/media/inbound/${media}`, other.apiKey)).status).toBe(404);
    // B writing consent for the same customer number creates B's own contact; A's is untouched.
    await h.api("PUT", "/v1/contacts/15550201001", other.apiKey, { marketingOptIn: false });
    expect((await h.api("GET", "/v1/contacts/15550201001", key())).body.marketingOptIn).toBeNull();
    const text = await readEvents(
      other.apiKey,
      () => inbound("+15550201005", { text: "for A only" }),
      () => false,
      1_500,
    );
    expect(text).not.toContain("message.received");
    expect(text).not.toContain("15550201005");
  });
});
