import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { SANDBOX_META_FILE } from "../../src/sandbox-emulator.js";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";

/**
 * Issue 14, item 15: `npm start` in sandbox mode stopped and started again on the same data folder.
 * The emulator used to forget everything (the token Wharf holds, the WABA's subscription, the
 * registered numbers, the templates), so the connection broke, inbound messages were dropped as
 * `not_subscribed` and template sends failed. Its state now lives in the data folder too.
 */
describeEachDialect("a restarted sandbox keeps working", (dialect) => {
  let w: StartedWharf | null = null;
  afterEach(async () => {
    await w?.close();
    w = null;
  });

  it("send, inbound and template sends work after a stop and start on the same data folder", async () => {
    w = await startWharf({ dialect });
    let api = apiClient(w.url, w.demo.apiKey);
    const numbers = await connectAndActivate(w.url, w.demo.apiKey);
    const created = await api.call("POST", "/v1/templates", {
      name: "restart_notice",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Your order {{1}} is ready.", example: { body_text: [["A-1"]] } }],
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const tpl = (await api.emulator("GET", "/state")).templates.find((t: Json) => t.name === "restart_notice");
    await api.emulator("POST", `/templates/${tpl.id}/review`, { status: "APPROVED" });
    await eventually(
      async () =>
        (await api.call("GET", "/v1/templates")).body.data.some(
          (t: Json) => t.name === "restart_notice" && t.status === "APPROVED",
        ),
      10_000,
      "template approved",
    );
    const customer = "15550007001";
    const first = await api.emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: customer,
      text: "before the restart",
    });
    expect(first.webhook).toBe("queued");

    const before = w;
    await before.close({ keep: true });
    w = null;
    expect(fs.existsSync(path.join(before.dataDir, SANDBOX_META_FILE))).toBe(true);
    w = await startWharf({ restartOf: before });
    api = apiClient(w.url, w.demo.apiKey);

    // The same Meta: the number is still registered, the WABA subscribed, the template approved.
    const state = await api.emulator("GET", "/state");
    const meta = state.wabas[0];
    expect(meta.subscribedApps.length).toBeGreaterThan(0);
    expect(meta.phoneNumbers.find((n: Json) => n.id === numbers.verified.metaPhoneNumberId).registered).toBe(true);
    expect(state.templates.find((t: Json) => t.name === "restart_notice").status).toBe("APPROVED");
    expect((await api.call("POST", "/v1/connection/check")).body.status).toBe("connected");

    // Inbound reaches Wharf (not dropped as not_subscribed).
    const again = await api.emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: customer,
      text: "after the restart",
    });
    expect(again.webhook).toBe("queued");
    await eventually(
      async () => {
        const conv = (await api.call("GET", `/v1/conversations?waId=${customer}`)).body.data[0];
        if (!conv) return null;
        const messages = (await api.call("GET", `/v1/conversations/${conv.id}/messages`)).body;
        return JSON.stringify(messages).includes("after the restart") ? messages : null;
      },
      10_000,
      "inbound after the restart",
    );

    // A free-form reply (the window the customer opened is remembered) and a template send reach read.
    for (const body of [
      { type: "text", text: { body: "still here" } },
      { type: "template", template: { name: "restart_notice", language: "en_US", parameters: ["B-2"] } },
    ]) {
      const sent = await api.call("POST", "/v1/messages", { from: numbers.verified.id, to: `+${customer}`, ...body });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      const done = await eventually(
        async () => {
          const m = (await api.call("GET", `/v1/messages/${sent.body.id}`)).body;
          return m.status === "read" || m.status === "failed" ? m : null;
        },
        10_000,
        `${body.type} settled`,
      );
      expect(done.status, JSON.stringify(done)).toBe("read");
    }
  }, 90_000);
});
