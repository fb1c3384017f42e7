import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

// Acceptance 3 of issue 19: a number whose health_status says it cannot send is paused without any
// failed message, and resumes once Meta (the emulator) says it can send again.
describeEachDialect("numbers: a blocked number pauses and resumes with Meta's health_status", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;
  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
  }, 90_000);
  afterAll(() => w?.close());

  const health = async () => (await api.call("GET", `/v1/phone-numbers/${numbers.verified.id}/health`)).body;
  const message = async (id: string) => (await api.call("GET", `/v1/messages/${id}`)).body;

  it("holds queued messages while BLOCKED, none fails, and sends them once AVAILABLE", async () => {
    const meta = numbers.verified.metaPhoneNumberId;
    const customer = "15550007001";
    await api.emulator("POST", "/inbound", { phoneNumberId: meta, from: customer, text: "Hi", name: "Kim" });
    // The window is open once the inbound message is stored: a first reply is accepted and sent.
    const first = await eventually(
      async () => {
        const r = await api.call("POST", "/v1/messages", {
          from: numbers.verified.id,
          to: `+${customer}`,
          type: "text",
          text: { body: "hello" },
        });
        return r.status === 202 ? (r.body.id as string) : null;
      },
      10_000,
      "window open",
    );
    await eventually(async () => ((await message(first)).status !== "queued" ? true : null), 10_000, "first sent");
    expect(await health()).toMatchObject({ canSend: true, paused: false, limit: { scope: "portfolio" } });

    const blocked = await api.emulator("POST", `/phone-numbers/${meta}/health`, {
      canSend: "BLOCKED",
      errors: [{ error_code: 141000, error_description: "Messaging restricted after policy review." }],
    });
    expect(blocked.webhook).toBe("queued");
    const paused = await eventually(async () => ((await health()).paused ? await health() : null), 15_000, "paused");
    expect(paused).toMatchObject({ canSend: false, metaCanSend: "BLOCKED" });
    expect(paused.reasons.join(" ")).toContain("Messaging restricted after policy review.");

    const before = (await api.emulator("GET", `/messages?phoneNumberId=${meta}`)).data.length as number;
    const ids: string[] = [];
    for (const text of ["one", "two", "three"]) {
      const r = await api.call("POST", "/v1/messages", {
        from: numbers.verified.id,
        to: `+${customer}`,
        type: "text",
        text: { body: text },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      ids.push(r.body.id as string);
    }
    // The dispatcher tries, is told the number is paused, and puts them back (every 5 s): across two
    // such turns nothing reaches Meta and nothing fails.
    await new Promise((r) => setTimeout(r, 6_000));
    for (const id of ids) expect((await message(id)).status).toBe("queued");
    expect((await api.emulator("GET", `/messages?phoneNumberId=${meta}`)).data.length).toBe(before);

    await api.emulator("POST", `/phone-numbers/${meta}/health`, { canSend: "AVAILABLE" });
    await eventually(async () => ((await health()).canSend ? true : null), 15_000, "resumed");
    for (const id of ids)
      await eventually(
        async () => (["sent", "delivered", "read"].includes((await message(id)).status as string) ? true : null),
        20_000,
        `message ${id} sent after resuming`,
      );
    for (const id of ids) expect((await message(id)).status).not.toBe("failed");
  }, 90_000);
});
