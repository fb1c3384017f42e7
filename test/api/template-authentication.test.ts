import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";

/**
 * Meta, "Copy code authentication templates" (developers.facebook.com/documentation/business-messaging/
 * whatsapp/templates/authentication-templates/copy-code-button-authentication-templates): the template is
 * created with a text-less body and an OTP button; a send gives the code as a `body` parameter and as
 * the parameter of a `button` with `sub_type: "url"`, `index: "0"`. Wharf and the emulator both hold to it.
 */
let w: StartedWharf;
let api: ReturnType<typeof apiClient>;
let numbers: ConnectedNumbers;
const code = { type: "text", text: "482913" };
const send = (to: string, components: unknown[]) =>
  api.call("POST", "/v1/messages", {
    from: numbers.verified.id,
    to,
    type: "template",
    template: { name: "login_code", language: "en_US", components },
  });

describeEachDialect("authentication templates end to end", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    const created = await api.call("POST", "/v1/templates", {
      name: "login_code",
      language: "en_US",
      category: "AUTHENTICATION",
      messageSendTtlSeconds: 60,
      components: [
        { type: "body", add_security_recommendation: true },
        { type: "footer", code_expiration_minutes: 10 },
        { type: "buttons", buttons: [{ type: "otp", otp_type: "copy_code", text: "Copy code" }] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const state = await api.emulator("GET", "/state");
    const tpl = state.templates.find((t: { name: string }) => t.name === "login_code");
    await api.emulator("POST", `/templates/${tpl.id}/review`, { status: "APPROVED" });
    await eventually(
      async () =>
        (await api.call("GET", "/v1/templates")).body.data.find(
          (t: { name: string; status: string }) => t.name === "login_code" && t.status === "APPROVED",
        ),
      10_000,
      "template approved",
    );
  }, 60_000);
  afterAll(() => w?.close());

  describe("sending an authentication template (Meta: copy code authentication templates)", () => {
    it("Meta's documented send (code in the body and in url button 0) goes out and Meta accepts it", async () => {
      const r = await send("+15550003001", [
        { type: "body", parameters: [code] },
        { type: "button", sub_type: "url", index: "0", parameters: [code] },
      ]);
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      const done = await eventually(
        async () => {
          const m = (await api.call("GET", `/v1/messages/${r.body.id}`)).body;
          return ["sent", "delivered", "read", "failed"].includes(m.status) ? m : null;
        },
        10_000,
        "accepted by Meta",
      );
      expect(done.status).not.toBe("failed");
      expect(done.wamid).toMatch(/^wamid\./);
    });

    it("the code in the button only is refused before Meta sees it, as Meta would (132000)", async () => {
      const r = await send("+15550003002", [{ type: "button", sub_type: "url", index: "0", parameters: [code] }]);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("TEMPLATE_PARAMETERS_MISMATCH");
      expect(r.body.error.message).toContain("body takes 1");
    });
  });
});
