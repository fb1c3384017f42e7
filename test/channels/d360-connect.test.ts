import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { D360_SEED, SEED_IDS, startEmulatorServer, type EmulatorServer } from "../../src/emulator/index.js";
import {
  createD360Channel,
  d360ConnectionFromKey,
  d360Endpoints,
  d360ConnectionsFromRedirect,
  registerD360Webhook,
  type D360Channel,
} from "../../src/channels/d360/index.js";
import { loadConfig } from "../../src/config/index.js";
import { SANDBOX_D360_PARTNER } from "../../src/sandbox.js";

/** Connecting by yourself through the emulator's 360dialog stand-in: a pasted key, and the Connect redirect. */
let server: EmulatorServer;
let adapter: D360Channel;

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0 });
  adapter = createD360Channel({ baseUrl: `${server.url}/_360dialog/waba-v2` });
});
afterAll(() => server.close());

const partner = () => ({
  hubUrl: `${server.url}/_360dialog/hub/api/v2`,
  partnerId: D360_SEED.partnerId,
  partnerApiKey: D360_SEED.partnerApiKey,
  fetch: globalThis.fetch,
  timeoutMs: 10_000,
});

describe("connect by yourself: a pasted key", () => {
  it("names the key's number and WABA; a revoked or malformed key is refused", async () => {
    const made = await fetch(`${server.url}/_emulator/360dialog/channels/${D360_SEED.channelIds[1]}/api-key`, {
      method: "POST",
    });
    const { apiKey } = (await made.json()) as { apiKey: string };
    const connection = await d360ConnectionFromKey(adapter.transport, `  ${apiKey}\n`);
    expect(connection).toEqual({
      apiKey,
      channelId: null,
      phoneNumberId: SEED_IDS.unverifiedPhoneNumberId,
      wabaId: SEED_IDS.wabaId,
    });
    await registerD360Webhook(adapter.transport, apiKey, {
      url: "http://127.0.0.1:9/webhooks/360dialog/x",
      headers: { "x-wharf-webhook-secret": "s" },
    });
    await fetch(`${server.url}/_emulator/360dialog/api-keys/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ apiKey }),
    });
    await expect(d360ConnectionFromKey(adapter.transport, apiKey)).rejects.toMatchObject({ kind: "auth_lapsed" });
    await expect(d360ConnectionFromKey(adapter.transport, "short")).rejects.toMatchObject({ kind: "refused" });
  });
});

describe("connect by yourself: the Connect button's redirect", () => {
  it("generates a key per granted channel; a cancelled or empty redirect is refused", async () => {
    const approve = await fetch(`${server.url}/_360dialog/hub/dashboard/app/${D360_SEED.partnerId}/permissions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        redirect_url: "http://localhost:3000/cb",
        [`channel_${D360_SEED.channelIds[0]}`]: "1",
        [`channel_${D360_SEED.channelIds[1]}`]: "1",
      }),
      redirect: "manual",
    });
    const back = new URL(approve.headers.get("location")!);
    const connections = await d360ConnectionsFromRedirect(adapter.transport, partner(), {
      client: back.searchParams.get("client") ?? undefined,
      channels: back.searchParams.get("channels") ?? undefined,
    });
    expect(connections.map((c) => [c.channelId, c.phoneNumberId])).toEqual([
      [D360_SEED.channelIds[0], SEED_IDS.verifiedPhoneNumberId],
      [D360_SEED.channelIds[1], SEED_IDS.unverifiedPhoneNumberId],
    ]);
    await expect(
      d360ConnectionsFromRedirect(adapter.transport, partner(), { error: "cancelled" }),
    ).rejects.toMatchObject({ kind: "refused" });
    await expect(d360ConnectionsFromRedirect(adapter.transport, partner(), { channels: "[]" })).rejects.toMatchObject({
      kind: "refused",
    });
  });
});

describe("sandbox: the 360dialog endpoints", () => {
  it("point at the stand-in under /_meta with the partner the stand-in is seeded with", () => {
    expect(SANDBOX_D360_PARTNER).toEqual({ id: D360_SEED.partnerId, apiKey: D360_SEED.partnerApiKey });
    const e = d360Endpoints(loadConfig({}), { publicUrl: "http://127.0.0.1:8080/", partner: SANDBOX_D360_PARTNER });
    expect(e.url).toBe("http://127.0.0.1:8080/_meta/_360dialog/waba-v2");
    expect(e.hubUrl).toBe("http://127.0.0.1:8080/_meta/_360dialog/hub/api/v2");
    expect(e.connectUrl).toBe("http://127.0.0.1:8080/_meta/_360dialog/hub/dashboard");
    expect(d360Endpoints(loadConfig({}), null).url).toBe("https://waba-v2.360dialog.io");
  });
});
