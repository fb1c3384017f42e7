import { afterEach, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { approveInDialog } from "../support/meta-dialog.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";

/**
 * Meta, "Securing Graph API Requests" (developers.facebook.com/docs/graph-api/securing-requests): an
 * app with "Require App Secret" on refuses every user- or system-user-token call without a valid
 * `appsecret_proof`. Wharf sends it on all of them unless WHARF_META_APPSECRET_PROOF=false.
 */
let w: StartedWharf | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describeEachDialect("appsecret_proof end to end", (dialect) => {
  describe("Require App Secret at Meta (Meta: securing Graph API requests)", () => {
    it("Wharf connects, activates numbers, syncs and sends with the proof on every call", async () => {
      w = await startWharf({ dialect });
      const api = apiClient(w.url, w.demo.apiKey);
      expect((await api.emulator("PATCH", "/app", { requireAppSecret: true })).requireAppSecret).toBe(true);
      const numbers = await connectAndActivate(w.url, w.demo.apiKey);
      expect((await api.call("POST", "/v1/phone-numbers/sync")).status).toBe(200);
      await api.emulator("POST", "/inbound", {
        phoneNumberId: numbers.verified.metaPhoneNumberId,
        from: "15550004001",
        text: "hi",
      });
      // The customer's message reaches Wharf through the webhook, which opens the window.
      const sent = await eventually(
        async () => {
          const r = await api.call("POST", "/v1/messages", {
            from: numbers.verified.id,
            to: "+15550004001",
            type: "text",
            text: { body: "hello" },
          });
          return r.status === 202 ? r : null;
        },
        10_000,
        "window open",
      );
      const accepted = await eventually(
        async () => {
          const m = (await api.call("GET", `/v1/messages/${sent.body.id}`)).body;
          return m.wamid ? m : null;
        },
        10_000,
        "accepted by Meta",
      );
      expect(accepted?.status).not.toBe("failed");
    });

    it("with the proof turned off, Meta refuses the connection's first token call", async () => {
      w = await startWharf({ dialect, env: { WHARF_META_APPSECRET_PROOF: "false" } });
      const api = apiClient(w.url, w.demo.apiKey);
      await api.emulator("PATCH", "/app", { requireAppSecret: true });
      const prep = await api.call("POST", "/v1/connection/prepare");
      const { code, state } = await approveInDialog(prep.body.authorizationUrl, {});
      const connected = await api.call("POST", "/v1/connection/connect", { code, state });
      expect(connected.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(connected.body)).toContain("appsecret_proof");
      expect((await api.call("GET", "/v1/connection")).body.status).toBe("disconnected");
    });
  });
});
