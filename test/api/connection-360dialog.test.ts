import { afterAll, beforeAll, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";
import { eventually } from "./support/inbox-harness.js";
import { addMember } from "../support/team.js";
import { D360_SEED } from "../../src/emulator/index.js";
import type { Json } from "../support/json.js";

/**
 * Connecting by yourself through 360dialog (issue 15): a pasted key, the Connect button's redirect,
 * the tenant and role rules, and a revoked key behaving like a lapsed Meta token (acceptance 3).
 */
let w: StartedWharf;
const logLines: string[] = [];

describeEachDialect("connecting through 360dialog", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect, logLines });
  }, 60_000);
  afterAll(() => w?.close());

  async function api(method: string, path: string, auth: string | Record<string, string>, body?: unknown) {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: {
        ...(typeof auth === "string" ? { authorization: `Bearer ${auth}` } : auth),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const emulator = async (path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${w.url}/_meta/_emulator${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Json;
  };
  /** The client's own "Generate API Key" in 360dialog's Hub (revokes the channel's older keys). */
  const hubKey = async (channel: string = D360_SEED.channelIds[0]): Promise<string> =>
    ((await emulator(`/360dialog/channels/${channel}/api-key`, {})) as { apiKey: string }).apiKey;
  const newWorkspace = async (name: string) =>
    (await api("POST", "/v1/workspaces", w.adminToken, { name })).body as { id: string; apiKey: string };
  const numbersOf = async (key: string) => (await api("GET", "/v1/phone-numbers", key)).body.data as Json[];

  let a: { id: string; apiKey: string };
  let metaPhoneNumberId: string;
  let phoneNumberId: string;
  let aKey: string;

  /** Prepares for `token`'s workspace and grants the first seeded channel on 360dialog's page (the stand-in's). */
  async function grantOnConnectPage(token: string) {
    const prep = await api("POST", "/v1/connection/360dialog/prepare", token);
    expect(prep.status).toBe(200);
    const page = new URL(prep.body.url);
    const redirectUrl = page.searchParams.get("redirect_url")!;
    expect(new URL(redirectUrl).searchParams.get("state")).toBe(prep.body.state);
    const granted = await fetch(`${page.origin}${page.pathname}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        redirect_url: redirectUrl,
        [`channel_${D360_SEED.channelIds[0]}`]: "1",
        decision: "approve",
      }).toString(),
    });
    expect(granted.status).toBe(302);
    const back = new URL(granted.headers.get("location")!);
    return {
      state: back.searchParams.get("state")!,
      client: back.searchParams.get("client")!,
      channels: back.searchParams.get("channels")!,
    };
  }
  const keyWorks = async (key: string) =>
    (
      await fetch(`${w.url}/_meta/_360dialog/waba-v2/health_status`, { headers: { "D360-API-KEY": key } }).then(
        async (r) => (await r.arrayBuffer(), r),
      )
    ).status === 200;

  it("connects with a pasted key: stored encrypted, number claimed and active, webhook registered", async () => {
    a = await newWorkspace("D360 A");
    const key = await hubKey();
    const res = await api("POST", "/v1/connection/360dialog", a.apiKey, { apiKey: key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "connected", channel: "360dialog", waba: { id: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toContain(key);
    const numbers = await numbersOf(a.apiKey);
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toMatchObject({ active: true });
    metaPhoneNumberId = numbers[0].metaPhoneNumberId;
    phoneNumberId = numbers[0].id;
    // The key is in the vault, never in clear in the database.
    const rows = JSON.stringify(
      await w.wharf.database.db
        .selectFrom("connections" as never)
        .selectAll()
        .execute(),
    );
    expect(rows).not.toContain(key);
    expect(logLines.join("\n")).not.toContain(key);
  });

  it("an inbound message arrives through the registered webhook, and a text reply goes out through 360dialog", async () => {
    const customer = "15550360001";
    await emulator("/inbound", { phoneNumberId: metaPhoneNumberId, from: customer, text: "hi via 360", name: "Dee" });
    const conversation = await eventually(
      async () => (await api("GET", `/v1/conversations?waId=${customer}`, a.apiKey)).body.data?.[0],
      (c) => c !== undefined,
      20_000,
    );
    expect(conversation).toBeDefined();
    const deliveries = ((await emulator("/webhooks")) as { deliveries: Json[] }).deliveries;
    expect(deliveries.some((d: Json) => d.via === "360dialog")).toBe(true);
    const sent = await api("POST", "/v1/messages", a.apiKey, {
      from: phoneNumberId,
      to: `+${customer}`,
      type: "text",
      text: { body: "hello back" },
    });
    expect(sent.status).toBe(202);
    const done = await eventually(
      async () => (await api("GET", `/v1/messages/${sent.body.id}`, a.apiKey)).body,
      (m) => ["sent", "delivered", "read"].includes(m.status),
      20_000,
    );
    expect(done.wamid).toMatch(/^wamid\./);
    const atMeta = (await emulator(`/messages?phoneNumberId=${metaPhoneNumberId}`)).data as Json[];
    expect(atMeta.some((m: Json) => m.wamid === done.wamid)).toBe(true);
  });

  it("a revoked key pauses sending (needs_reconnect, nothing lost) and a new key resumes it", async () => {
    const customer = "15550360002";
    await emulator("/inbound", { phoneNumberId: metaPhoneNumberId, from: customer, text: "window", name: "Eve" });
    await eventually(
      async () => (await api("GET", `/v1/conversations?waId=${customer}`, a.apiKey)).body.data?.[0],
      (c) => c !== undefined,
      20_000,
    );
    const revoked = await emulator("/360dialog/api-keys/revoke", { channelId: D360_SEED.channelIds[0] });
    expect(revoked.revoked).toBeGreaterThan(0);
    const held = await api("POST", "/v1/messages", a.apiKey, {
      from: phoneNumberId,
      to: `+${customer}`,
      type: "text",
      text: { body: "held while the key is revoked" },
    });
    expect(held.status).toBe(202);
    const paused = await eventually(
      async () => (await api("GET", "/v1/connection", a.apiKey)).body,
      (c) => c.status === "needs_reconnect",
      20_000,
    );
    expect(paused.lastError).toBeTruthy();
    const kept = (await api("GET", `/v1/messages/${held.body.id}`, a.apiKey)).body;
    expect(["queued", "sending"]).toContain(kept.status);
    expect(kept.wamid ?? null).toBeNull();

    aKey = await hubKey();
    const again = await api("POST", "/v1/connection/360dialog", a.apiKey, { apiKey: aKey });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("connected");
    const resumed = await eventually(
      async () => (await api("GET", `/v1/messages/${held.body.id}`, a.apiKey)).body,
      (m) => ["sent", "delivered", "read"].includes(m.status),
      30_000,
    );
    expect(resumed.wamid).toMatch(/^wamid\./);
  });

  it("refuses a bad key with 422 and stores nothing", async () => {
    const ws = await newWorkspace("D360 bad key");
    const unknown = await api("POST", "/v1/connection/360dialog", ws.apiKey, { apiKey: "not-a-real-key-123456" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("CHANNEL_KEY_REJECTED");
    const malformed = await api("POST", "/v1/connection/360dialog", ws.apiKey, { apiKey: "short" });
    expect(malformed.status).toBe(422);
    expect((await api("POST", "/v1/connection/360dialog", ws.apiKey, {})).status).toBe(400);
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("disconnected");
    expect(await numbersOf(ws.apiKey)).toHaveLength(0);
  });

  it("another workspace cannot take the number: 409, and the holder keeps its connection", async () => {
    const b = await newWorkspace("D360 B");
    const key = await hubKey(D360_SEED.channelIds[1]);
    const res = await api("POST", "/v1/connection/360dialog", b.apiKey, { apiKey: key });
    expect(res.status).toBe(409);
    expect((await api("GET", "/v1/connection", b.apiKey)).body.status).toBe("disconnected");
    expect(await numbersOf(b.apiKey)).toHaveLength(0);
    expect((await api("GET", "/v1/connection", a.apiKey)).body.status).toBe("connected");
  });

  it("only owners and admins connect; an agent is refused, a signed-out caller too", async () => {
    const ws = await newWorkspace("D360 roles");
    const agent = await addMember(w.url, ws.apiKey, { email: "agent@d360.test", role: "agent" });
    const key = await hubKey(D360_SEED.channelIds[1]);
    expect((await api("POST", "/v1/connection/360dialog", agent.headers, { apiKey: key })).status).toBe(403);
    expect((await api("POST", "/v1/connection/360dialog/prepare", agent.headers)).status).toBe(403);
    expect((await api("POST", "/v1/connection/360dialog", {}, { apiKey: key })).status).toBe(401);
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("disconnected");
  });

  it("a redirect naming a channel whose WABA another workspace holds is 409, and the holder's key is not revoked", async () => {
    expect(await keyWorks(aKey)).toBe(true);
    const thief = await newWorkspace("D360 forged redirect");
    const redirect = await grantOnConnectPage(thief.apiKey);
    const res = await api("POST", "/v1/connection/360dialog/redirect", thief.apiKey, redirect);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("WABA_ALREADY_CONNECTED");
    expect(await keyWorks(aKey)).toBe(true);
    expect((await api("GET", "/v1/connection", a.apiKey)).body.status).toBe("connected");
    expect((await api("GET", "/v1/connection", thief.apiKey)).body.status).toBe("disconnected");
  });

  it("the Connect button: prepare, grant on 360dialog's page, the redirect generates a key and connects", async () => {
    // The holder lets the number go, so this workspace can take it through the partner flow.
    expect((await api("DELETE", "/v1/connection", a.apiKey)).status).toBe(200);
    const ws = await newWorkspace("D360 partner");
    const redirect = await grantOnConnectPage(ws.apiKey);
    // Another workspace's key cannot complete this state.
    const other = await newWorkspace("D360 thief");
    expect((await api("POST", "/v1/connection/360dialog/redirect", other.apiKey, redirect)).status).toBe(400);
    const done = await api("POST", "/v1/connection/360dialog/redirect", ws.apiKey, redirect);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "connected", channel: "360dialog" });
    expect((await numbersOf(ws.apiKey))[0]).toMatchObject({ metaPhoneNumberId, active: true });
    // Single use.
    expect((await api("POST", "/v1/connection/360dialog/redirect", ws.apiKey, redirect)).status).toBe(400);
    // The partner's key replaced the client's: the old one no longer works.
    expect(await keyWorks(aKey)).toBe(false);
  });
});
