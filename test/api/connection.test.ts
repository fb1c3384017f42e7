import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { addEmulatorWaba } from "../support/connect.js";
import { approveInDialog } from "../support/meta-dialog.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
const logLines: string[] = [];
const responses: string[] = [];

describeEachDialect("connecting a WABA end to end", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect, logLines });
  });
  afterAll(() => w?.close());

  async function api(method: string, path: string, token: string, body?: unknown) {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const emulator = (path: string, body?: unknown) =>
    fetch(`${w.url}/_meta/_emulator${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    }).then((r) => r.json() as Promise<Json>);

  async function connect(token: string, decline?: string[], wabaIds?: string[]) {
    const prep = await api("POST", "/v1/connection/prepare", token);
    expect(prep.status).toBe(200);
    const { code, state } = await approveInDialog(prep.body.authorizationUrl, { decline, wabaIds });
    expect(state).toBe(prep.body.state);
    return { code, state, result: await api("POST", "/v1/connection/connect", token, { code, state }) };
  }
  /** A WABA of another business in the emulator: a WABA belongs to one workspace at a time. */
  const ownWaba = async (): Promise<string> => (await addEmulatorWaba(w.url)).wabaId;
  const newWorkspace = async (name: string) =>
    (await api("POST", "/v1/workspaces", w.adminToken, { name })).body as { id: string; apiKey: string };

  describe("connecting a WABA (happy path)", () => {
    it("connects, lists the numbers, activates one with its PIN, survives a revoke by reconnecting", async () => {
      const key = w.demo.apiKey;
      expect((await api("GET", "/v1/connection", key)).body.status).toBe("disconnected");
      const first = await connect(key);
      expect(first.result.status).toBe(200);
      expect(first.result.body).toMatchObject({
        status: "connected",
        channel: "meta",
        waba: { id: expect.any(String) },
        scopes: expect.arrayContaining(["whatsapp_business_management", "whatsapp_business_messaging"]),
      });

      const numbers = (await api("GET", "/v1/phone-numbers", key)).body.data;
      expect(numbers.length).toBe(2);
      const state = await emulator("/state");
      const seeded = state.wabas[0].phoneNumbers[0];
      const ours = numbers.find((n: { metaPhoneNumberId: string }) => n.metaPhoneNumberId === seeded.id);

      const wrongPin = await api("POST", `/v1/phone-numbers/${ours.id}/activate`, key, {
        pin: seeded.pin === "000000" ? "111111" : "000000",
      });
      expect(wrongPin.status).toBe(422);
      expect(wrongPin.body.error.code).toBe("META_REQUEST_FAILED");
      const activated = await api("POST", `/v1/phone-numbers/${ours.id}/activate`, key, { pin: seeded.pin });
      expect(activated.status).toBe(200);
      expect(activated.body).toMatchObject({ active: true, sendingPaused: false });
      // Cloud API "Registration": a registered number's node reads status CONNECTED; Wharf shows it
      // right after activating, without a manual sync.
      expect(ours.status).toBe("PENDING");
      expect(activated.body.status).toBe("CONNECTED");
      const listed = (await api("GET", "/v1/phone-numbers", key)).body.data.find(
        (n: { id: string }) => n.id === ours.id,
      );
      expect(listed.status).toBe("CONNECTED");

      // Meta revokes the token: the next call that meets a 190 marks the workspace and pauses sending.
      await emulator("/tokens/revoke", {});
      const sync = await api("POST", "/v1/phone-numbers/sync", key);
      expect(sync.status).toBe(409);
      expect(sync.body.error.code).toBe("CONNECTION_NEEDS_RECONNECT");
      expect((await api("GET", "/v1/connection", key)).body.status).toBe("needs_reconnect");
      const paused = (await api("GET", "/v1/phone-numbers", key)).body.data.find(
        (n: { id: string }) => n.id === ours.id,
      );
      expect(paused).toMatchObject({ active: true, sendingPaused: true });

      const again = await connect(key);
      expect(again.result.body.status).toBe("connected");
      const resumed = (await api("GET", "/v1/phone-numbers", key)).body.data.find(
        (n: { id: string }) => n.id === ours.id,
      );
      expect(resumed).toMatchObject({ active: true, sendingPaused: false });
      expect((await api("POST", "/v1/connection/check", key)).body.status).toBe("connected");
    });
  });

  describe("each connection names its channel (docs/channels.md)", () => {
    it("says which provider it goes through, and a Meta connect names Meta again", async () => {
      const ws = await newWorkspace("Channel");
      expect((await api("GET", "/v1/connection", ws.apiKey)).body.channel).toBe("meta");
      const first = await connect(ws.apiKey, undefined, [await ownWaba()]);
      expect(first.result.status).toBe(200);
      await sql`update connections set channel = '360dialog' where workspace_id = ${ws.id}`.execute(
        w.wharf.database.db,
      );
      expect((await api("GET", "/v1/connection", ws.apiKey)).body.channel).toBe("360dialog");
      // Connecting through Meta's dialog again moves the connection back to Meta's adapter.
      expect((await connect(ws.apiKey, undefined, [first.result.body.waba.id])).result.status).toBe(200);
      expect((await api("GET", "/v1/connection", ws.apiKey)).body.channel).toBe("meta");
    });
  });

  describe("connecting a WABA (errors)", () => {
    it("a replayed code fails cleanly and leaves the connection as it was", async () => {
      const ws = await newWorkspace("Replay");
      const first = await connect(ws.apiKey, undefined, [await ownWaba()]);
      expect(first.result.status).toBe(200);
      const prep = await api("POST", "/v1/connection/prepare", ws.apiKey);
      const replay = await api("POST", "/v1/connection/connect", ws.apiKey, {
        code: first.code,
        state: prep.body.state,
      });
      expect(replay.status).toBe(422);
      expect(replay.body.error.code).toBe("OAUTH_CODE_REJECTED");
      expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("connected");
      // The same state twice: single-use.
      const reuse = await api("POST", "/v1/connection/connect", ws.apiKey, { code: "anything", state: first.state });
      expect(reuse.status).toBe(400);
      expect(reuse.body.error.code).toBe("OAUTH_STATE_INVALID");
    });

    it("refuses a state issued to another workspace, without spending it", async () => {
      const a = await newWorkspace("State A");
      const b = await newWorkspace("State B");
      const prepB = await api("POST", "/v1/connection/prepare", b.apiKey);
      const { code } = await approveInDialog(prepB.body.authorizationUrl, { wabaIds: [await ownWaba()] });
      const stolen = await api("POST", "/v1/connection/connect", a.apiKey, { code, state: prepB.body.state });
      expect(stolen.status).toBe(400);
      expect(stolen.body.error.code).toBe("OAUTH_STATE_INVALID");
      expect((await api("GET", "/v1/connection", a.apiKey)).body.status).toBe("disconnected");
      expect(
        (await api("POST", "/v1/connection/connect", b.apiKey, { code, state: prepB.body.state })).body.status,
      ).toBe("connected");
    });

    it("refuses an expired state", async () => {
      const ws = await newWorkspace("Expired");
      const prep = await api("POST", "/v1/connection/prepare", ws.apiKey);
      await sql`update oauth_states set expires_at = 0 where workspace_id = ${ws.id}`.execute(w.wharf.database.db);
      const { code } = await approveInDialog(prep.body.authorizationUrl);
      const res = await api("POST", "/v1/connection/connect", ws.apiKey, { code, state: prep.body.state });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: "OAUTH_STATE_INVALID",
        message: expect.stringContaining("expired"),
      });
    });

    it("refuses a token without the WABA permission and stores nothing", async () => {
      const ws = await newWorkspace("No WABA");
      const { result } = await connect(ws.apiKey, ["whatsapp_business_management"]);
      expect(result.status).toBe(422);
      expect(result.body.error.code).toBe("MISSING_PERMISSION");
      expect(result.body.error.message).toContain("whatsapp_business_management");
      expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("disconnected");
      const stored = await sql<{ n: number }>`select count(*) as n from secrets where workspace_id = ${ws.id}`.execute(
        w.wharf.database.db,
      );
      expect(Number(stored.rows[0]!.n)).toBe(0);
      expect((await api("GET", "/v1/phone-numbers", ws.apiKey)).body.data).toEqual([]);
    });

    it("validates input with the error envelope", async () => {
      const res = await api("POST", "/v1/phone-numbers/pn_x/activate", w.demo.apiKey, { pin: "12" });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(
        (await api("POST", "/v1/phone-numbers/pn_missing/activate", w.demo.apiKey, { pin: "123456" })).status,
      ).toBe(404);
    });
  });

  describe("connection security", () => {
    it("one workspace cannot see or act on another's numbers (404)", async () => {
      const other = await newWorkspace("Other");
      const demoNumbers = (await api("GET", "/v1/phone-numbers", w.demo.apiKey)).body.data;
      expect(demoNumbers.length).toBeGreaterThan(0);
      const res = await api("POST", `/v1/phone-numbers/${demoNumbers[0].id}/deactivate`, other.apiKey);
      expect(res.status).toBe(404);
    });

    it("the token never appears in plain text in the database, a log line or an API response", async () => {
      const state = await emulator("/state");
      const tokens: string[] = JSON.stringify(state).match(/EAA[A-Za-z0-9]{20,}/g) ?? [];
      expect(tokens.length).toBeGreaterThan(0);
      const db = await sql<Record<string, unknown>>`select * from secrets`.execute(w.wharf.database.db);
      const haystacks = {
        db: JSON.stringify(db.rows) + (await dumpTables()),
        logs: logLines.join("\n"),
        responses: responses.join("\n"),
      };
      for (const token of tokens)
        for (const [where, text] of Object.entries(haystacks))
          expect(text.includes(token), `token found in ${where}`).toBe(false);
    });
  });

  async function dumpTables(): Promise<string> {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const file = path.join(w.dataDir, "wharf.db");
    return [file, `${file}-wal`]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString("latin1"))
      .join("");
  }
});
