import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { approveInDialog } from "../support/meta-dialog.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";

/**
 * Meta, "Access tokens" / "Long-lived access tokens" (developers.facebook.com/docs/facebook-login/guides/
 * access-tokens/get-long-lived): a login without an Embedded Signup configuration gives a user token that
 * lasts about two hours; `GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&
 * fb_exchange_token` gives one of about 60 days. Business system-user tokens (Embedded Signup with a
 * configuration) do not expire (debug_token `expires_at: 0`).
 */
let w: StartedWharf | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function connect(wharf: StartedWharf) {
  const api = apiClient(wharf.url, wharf.demo.apiKey);
  const prep = await api.call("POST", "/v1/connection/prepare");
  expect(prep.status).toBe(200);
  const { code, state } = await approveInDialog(prep.body.authorizationUrl, {});
  const connected = await api.call("POST", "/v1/connection/connect", { code, state });
  expect(connected.status, JSON.stringify(connected.body)).toBe(200);
  return { api, prep };
}

describeEachDialect("token lifetimes end to end", (dialect) => {
  describe("the token Wharf keeps (Meta: short- and long-lived tokens)", () => {
    it("without an Embedded Signup configuration, trades the 2-hour user token for the 60-day one and still works after 2 hours", async () => {
      w = await startWharf({ dialect });
      const { api, prep } = await connect(w);
      expect(prep.body.authorizationUrl).not.toContain("config_id");
      const connection = (await api.call("GET", "/v1/connection")).body;
      const expiresIn = Date.parse(connection.tokenExpiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(55 * DAY);
      expect(expiresIn).toBeLessThan(61 * DAY);
      const tokens = (await api.emulator("GET", "/state")).tokens as { type: string; expiresAt: number }[];
      expect(tokens.filter((t) => t.type === "USER").length).toBe(2); // the short one and its exchange

      // Three hours later at Meta: the short-lived token would have died (190/463).
      await api.emulator("POST", "/clock", { advanceMs: 3 * HOUR });
      const sync = await api.call("POST", "/v1/phone-numbers/sync");
      expect(sync.status, JSON.stringify(sync.body)).toBe(200);
      expect((await api.call("GET", "/v1/connection")).body.status).toBe("connected");
    });

    it("with an Embedded Signup configuration, keeps the business token, which never expires, without an exchange", async () => {
      w = await startWharf({ dialect, env: { WHARF_META_CONFIG_ID: "1234567890" } });
      const { api, prep } = await connect(w);
      expect(prep.body.authorizationUrl).toContain("config_id=1234567890");
      expect((await api.call("GET", "/v1/connection")).body.tokenExpiresAt).toBeNull();
      const tokens = (await api.emulator("GET", "/state")).tokens as { type: string; expiresAt: number }[];
      expect(tokens.map((t) => [t.type, t.expiresAt])).toEqual([["SYSTEM_USER", 0]]);
    });
  });
});
