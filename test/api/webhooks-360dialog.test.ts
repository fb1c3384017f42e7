import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { eventually, inboxHarness, messagesValue, textMessage } from "./support/inbox-harness.js";
import { D360_SECRET_HEADER, issueD360WebhookSecret } from "../../src/modules/meta-inbound/index.js";
import { D360_SEED } from "../../src/emulator/index.js";
import type { WorkspaceId } from "../../src/platform/workspace-id.js";

/**
 * `POST /webhooks/360dialog/{number}`: 360dialog posts Meta's payload without Meta's signature,
 * with the headers Wharf gave when it registered the webhook (docs.360dialog.com "Receiving
 * messages"). A wrong or missing secret, or a body about another number, is 401 and nothing is
 * stored; a right one goes through the same pipeline as Meta's own webhooks.
 */
let w: StartedWharf;
const h = inboxHarness(() => w);
let ids: Awaited<ReturnType<typeof h.connect>>;
let registration: { url: string; headers: Record<string, string> };

beforeAll(async () => {
  w = await startWharf();
  ids = await h.connect(w.demo.apiKey);
  registration = await issueD360WebhookSecret(
    { vault: w.wharf.vault },
    w.wharf.database.db,
    w.demo.workspaceId as WorkspaceId,
    {
      publicUrl: w.url,
      metaPhoneNumberId: ids.metaPhoneNumberId,
    },
  );
}, 60_000);
afterAll(() => w?.close());

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${w.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
};
const stored = async () => {
  const stats = await h.api("GET", "/v1/webhooks/meta/stats", w.adminToken);
  return Object.values(stats.body.events as Record<string, number>).reduce((a, b) => a + b, 0);
};
const conversationOf = async (waId: string) =>
  (await h.api("GET", `/v1/conversations?waId=${waId}`, w.demo.apiKey)).body.data[0];

describe("360dialog webhooks: authentication", () => {
  it("refuses a missing or wrong secret, an unknown number and a body about another number, storing nothing", async () => {
    const path = new URL(registration.url).pathname;
    const body = messagesValue(ids, { messages: [textMessage("15550301001", "wamid.d360-refused-1", "hi")] });
    const before = await stored();
    expect(await post(path, body)).toBe(401);
    expect(await post(path, body, { [D360_SECRET_HEADER]: "guess" })).toBe(401);
    expect(await post("/webhooks/360dialog/999999999", body, registration.headers)).toBe(401);
    expect(await post("/webhooks/360dialog/..%2F..%2Fv1", body, registration.headers)).toBe(401);
    const foreign = messagesValue(
      { wabaId: ids.wabaId, metaPhoneNumberId: "113269274970227" },
      { messages: [textMessage("15550301001", "wamid.d360-refused-2", "hi")] },
    );
    expect(await post(path, foreign, registration.headers)).toBe(401);
    const otherWaba = messagesValue(
      { wabaId: "999000999", metaPhoneNumberId: ids.metaPhoneNumberId },
      { messages: [textMessage("15550301001", "wamid.d360-refused-3", "hi")] },
    );
    expect(await post(path, otherWaba, registration.headers)).toBe(401);
    expect(await stored()).toBe(before);
  });

  it("stores a body with the right secret, and the message reaches the inbox like Meta's", async () => {
    const path = new URL(registration.url).pathname;
    const body = messagesValue(ids, {
      contacts: [{ profile: { name: "Via 360" }, wa_id: "15550301002" }],
      messages: [textMessage("15550301002", "wamid.d360-accepted-1", "hello through 360dialog")],
    });
    expect(await post(path, body, registration.headers)).toBe(200);
    const conversation = await eventually(
      () => conversationOf("15550301002"),
      (c) => c !== undefined,
      15_000,
    );
    expect(conversation).toBeDefined();
  });

  it("accepts what the emulator's 360dialog stand-in posts once Wharf's URL and header are registered", async () => {
    const made = await fetch(`${w.url}/_meta/_emulator/360dialog/channels/${D360_SEED.channelIds[0]}/api-key`, {
      method: "POST",
    });
    const { apiKey } = (await made.json()) as { apiKey: string };
    const config = await fetch(`${w.url}/_meta/_360dialog/waba-v2/v1/configs/webhook`, {
      method: "POST",
      headers: { "D360-API-KEY": apiKey, "content-type": "application/json" },
      body: JSON.stringify(registration),
    });
    expect(config.status).toBe(200);
    await h.emulator("/inbound", {
      phoneNumberId: ids.metaPhoneNumberId,
      from: "15550301003",
      text: "from the stand-in",
    });
    const deliveries = await eventually(
      async () => (await h.emulator("/webhooks")).deliveries as { via?: string; attempts: { status?: number }[] }[],
      (d) => d.some((x) => x.via === "360dialog" && x.attempts.some((a) => a.status === 200)),
      15_000,
    );
    expect(deliveries.some((x) => x.via === "360dialog" && x.attempts.some((a) => a.status === 200))).toBe(true);
    const conversation = await eventually(
      () => conversationOf("15550301003"),
      (c) => c !== undefined,
      15_000,
    );
    expect(conversation).toBeDefined();
  });
});
