import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { apiClient } from "../../support/api-client.js";
import { SEED_WABA_ID, addEmulatorWaba, connectAndActivate } from "../../support/connect.js";
import { describeEachDialect } from "../../support/databases.js";
import { approveInDialog } from "../../support/meta-dialog.js";
import { addMember } from "../../support/team.js";
import { startWharf, type StartedWharf } from "../../support/wharf.js";

// Issue 11, findings 2 and 4: a WABA and its numbers belong to one workspace at a time, and an
// OAuth state completes only for whoever started it.
describeEachDialect("security: one owner per WABA, OAuth states bound to their creator", (dialect) => {
  let w: StartedWharf;
  beforeAll(async () => {
    w = await startWharf({ dialect });
    await connectAndActivate(w.url, w.demo.apiKey);
  });
  afterAll(() => w?.close());

  const api = (method: string, path: string, token: string, body?: unknown) =>
    apiClient(w.url, token).call(method, path, body);

  const workspace = async (name: string) =>
    (await api("POST", "/v1/workspaces", w.adminToken, { name })).body as { id: string; apiKey: string };
  const codeFor = async (token: string, wabaId = SEED_WABA_ID) => {
    const prep = await api("POST", "/v1/connection/prepare", token);
    return { ...(await approveInDialog(prep.body.authorizationUrl, { wabaIds: [wabaId] })), prep: prep.body };
  };
  const rowsOf = async (workspaceId: string) => {
    const db = w.wharf.database.db;
    const secrets = await sql<{
      n: number;
    }>`select count(*) as n from secrets where workspace_id = ${workspaceId}`.execute(db);
    const numbers = await sql<{
      n: number;
    }>`select count(*) as n from phone_numbers where workspace_id = ${workspaceId}`.execute(db);
    return { secrets: Number(secrets.rows[0]!.n), numbers: Number(numbers.rows[0]!.n) };
  };

  it("a second workspace cannot connect a WABA another one holds, and learns nothing of who", async () => {
    const b = await workspace("Intruder");
    const { code, state } = await codeFor(b.apiKey);
    const res = await api("POST", "/v1/connection/connect", b.apiKey, { code, state });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("WABA_ALREADY_CONNECTED");
    expect(res.body.error.message).not.toContain(w.demo.workspaceName);
    expect(res.body.error.message).not.toContain(w.demo.workspaceId);
    expect(await rowsOf(b.id)).toEqual({ secrets: 0, numbers: 0 });
    expect((await api("GET", "/v1/connection", b.apiKey)).body.status).toBe("disconnected");
    // A customer's message to the held number reaches its one owner.
    const numbers = (await api("GET", "/v1/phone-numbers", w.demo.apiKey)).body.data as Array<{
      metaPhoneNumberId: string;
    }>;
    await fetch(`${w.url}/_meta/_emulator/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phoneNumberId: numbers[0]!.metaPhoneNumberId, from: "15550001111", text: "only for A" }),
    });
    await expect
      .poll(async () => (await api("GET", "/v1/conversations", w.demo.apiKey)).body.data.length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect((await api("GET", "/v1/conversations", b.apiKey)).body.data).toEqual([]);
  });

  it("two workspaces racing to connect the same free WABA: exactly one wins", async () => {
    const added = await addEmulatorWaba(w.url);
    const [x, y] = [await workspace("Racer X"), await workspace("Racer Y")];
    const [cx, cy] = [await codeFor(x.apiKey, added.wabaId), await codeFor(y.apiKey, added.wabaId)];
    const results = await Promise.all([
      api("POST", "/v1/connection/connect", x.apiKey, { code: cx.code, state: cx.state }),
      api("POST", "/v1/connection/connect", y.apiKey, { code: cy.code, state: cy.state }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results[0].status === 409 ? x : y;
    expect(await rowsOf(loser.id)).toEqual({ secrets: 0, numbers: 0 });
  });

  it("disconnecting releases the WABA and its numbers; the owner's own reconnect keeps working", async () => {
    const owner = await workspace("Releases");
    const added = await addEmulatorWaba(w.url);
    const first = await codeFor(owner.apiKey, added.wabaId);
    expect(
      (await api("POST", "/v1/connection/connect", owner.apiKey, { code: first.code, state: first.state })).status,
    ).toBe(200);
    const ours = (await api("GET", "/v1/phone-numbers", owner.apiKey)).body.data[0];
    expect(
      (await api("POST", `/v1/phone-numbers/${ours.id}/activate`, owner.apiKey, { pin: added.phoneNumbers[0]!.pin }))
        .status,
    ).toBe(200);
    // Reconnecting one's own WABA (after a token lapse, say) is not a conflict.
    const again = await codeFor(owner.apiKey, added.wabaId);
    expect(
      (await api("POST", "/v1/connection/connect", owner.apiKey, { code: again.code, state: again.state })).status,
    ).toBe(200);
    const next = await workspace("Takes over");
    const refused = await codeFor(next.apiKey, added.wabaId);
    expect(
      (await api("POST", "/v1/connection/connect", next.apiKey, { code: refused.code, state: refused.state })).status,
    ).toBe(409);
    expect((await api("DELETE", "/v1/connection", owner.apiKey)).status).toBe(200);
    const taken = await codeFor(next.apiKey, added.wabaId);
    expect(
      (await api("POST", "/v1/connection/connect", next.apiKey, { code: taken.code, state: taken.state })).status,
    ).toBe(200);
    const theirs = (await api("GET", "/v1/phone-numbers", next.apiKey)).body.data[0];
    expect(
      (await api("POST", `/v1/phone-numbers/${theirs.id}/activate`, next.apiKey, { pin: added.phoneNumbers[0]!.pin }))
        .status,
    ).toBe(200);
    // The first owner cannot come back while the other holds it.
    const back = await codeFor(owner.apiKey, added.wabaId);
    expect(
      (await api("POST", "/v1/connection/connect", owner.apiKey, { code: back.code, state: back.state })).body.error
        .code,
    ).toBe("WABA_ALREADY_CONNECTED");
  });

  it("an API key's state does not complete in a browser, nor a session's state in another session", async () => {
    const ws = await workspace("OAuth CSRF");
    const added = await addEmulatorWaba(w.url);
    // The key's state, approved by whoever opens the URL, lands at the callback in a fresh browser.
    const { location } = await codeFor(ws.apiKey, added.wabaId);
    const callback = await fetch(location, { redirect: "manual" });
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toContain("code=OAUTH_STATE_INVALID");
    expect(await rowsOf(ws.id)).toEqual({ secrets: 0, numbers: 0 });
    // A session's state with another member's session cookie.
    const alice = await addMember(w.url, ws.apiKey, { email: "alice@oauth.test", role: "admin" });
    const mallory = await addMember(w.url, ws.apiKey, { email: "mallory@oauth.test", role: "admin" });
    const prep = (await (
      await fetch(`${w.url}/v1/connection/prepare`, { method: "POST", headers: alice.headers })
    ).json()) as { authorizationUrl: string };
    const approved = await approveInDialog(prep.authorizationUrl, { wabaIds: [added.wabaId] });
    const wrong = await fetch(approved.location, { redirect: "manual", headers: { cookie: mallory.cookie } });
    expect(wrong.headers.get("location")).toContain("code=OAUTH_STATE_INVALID");
    expect(await rowsOf(ws.id)).toEqual({ secrets: 0, numbers: 0 });
  });

  it("an API key's one-time browser link binds the first browser that opens it, and only that one", async () => {
    const ws = await workspace("Browser link");
    const added = await addEmulatorWaba(w.url);
    const prep = (await api("POST", "/v1/connection/prepare", ws.apiKey, { browser: true })).body;
    expect(prep.browserUrl).toContain("/oauth/meta/start?");
    const opened = await fetch(prep.browserUrl, { redirect: "manual" });
    expect(opened.status).toBe(302);
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^wharf_oauth=/);
    // The link works once.
    expect((await fetch(prep.browserUrl, { redirect: "manual" })).status).toBe(400);
    const { location } = await approveInDialog(opened.headers.get("location")!, { wabaIds: [added.wabaId] });
    // Another browser (no cookie) cannot complete it; the bound one can.
    expect((await fetch(location, { redirect: "manual" })).headers.get("location")).toContain(
      "code=OAUTH_STATE_INVALID",
    );
    const prep2 = (await api("POST", "/v1/connection/prepare", ws.apiKey, { browser: true })).body;
    const opened2 = await fetch(prep2.browserUrl, { redirect: "manual" });
    const cookie2 = opened2.headers.get("set-cookie")!.split(";")[0]!;
    const second = await approveInDialog(opened2.headers.get("location")!, { wabaIds: [added.wabaId] });
    expect(cookie2).not.toBe(cookie);
    const done = await fetch(second.location, { redirect: "manual", headers: { cookie: cookie2 } });
    expect(done.headers.get("location")).toContain("connect=ok");
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("connected");
  });
});
