import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";

/**
 * A send that timed out may have been accepted (issue 14 item 6). Meta's `/messages` takes no
 * idempotency key (Cloud API messages reference; meta-cloud-api.md), so a retried send can reach the
 * customer twice. Meta echoes `biz_opaque_callback_data` in every status webhook of the message
 * ("Arbitrary string, useful for tracking ... included in statuses object within webhook payloads",
 * Cloud API messages reference): Wharf puts its message id there and recognises the message by it.
 */
let w: StartedWharf;
let api: ReturnType<typeof apiClient>;
let numbers: ConnectedNumbers;
const TIMEOUT_MS = 500;

describeEachDialect("unknown sends end to end", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect, env: { WHARF_GRAPH_TIMEOUT_MS: String(TIMEOUT_MS) } });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
  }, 60_000);
  afterAll(() => w?.close());

  describe("a send Meta answers after the client's timeout", () => {
    it("is held as unknown, never sent again, and settled by Meta's statuses that echo Wharf's id", async () => {
      const customer = "15550002001";
      await api.emulator("POST", "/inbound", {
        phoneNumberId: numbers.verified.metaPhoneNumberId,
        from: customer,
        text: "Hello?",
        name: "Bo",
      });
      await eventually(
        async () => (await api.call("GET", "/v1/conversations")).body.data?.length > 0 || null,
        10_000,
        "inbound stored",
      );
      const sentBefore = (await api.emulator("GET", "/state")).counts.messages as number;
      // Meta takes 8 s to answer, sixteen times the client's limit; it accepts the message all the
      // same. The margin leaves a loaded machine time to see the message unknown before Meta answers.
      await api.emulator("POST", "/faults", { method: "POST", path: "/**/messages", latencyMs: 8000, count: 1 });
      const res = await api.call("POST", "/v1/messages", {
        from: numbers.verified.id,
        to: `+${customer}`,
        type: "text",
        text: { body: "Your order shipped" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const id = res.body.id as string;

      const unknown = await eventually(
        async () => {
          const m = (await api.call("GET", `/v1/messages/${id}`)).body;
          return m.status === "unknown" ? m : null;
        },
        7_000,
        "held as unknown",
      );
      expect(unknown.wamid).toBeNull();
      expect(unknown.error).toMatchObject({ code: "SEND_OUTCOME_UNKNOWN" });

      // Meta's statuses arrive with Wharf's id in biz_opaque_callback_data: the message takes its
      // wamid and moves on to read, its error gone.
      const settled = await eventually(
        async () => {
          const m = (await api.call("GET", `/v1/messages/${id}`)).body;
          return m.status === "read" ? m : null;
        },
        30_000,
        "settled by Meta's statuses",
      );
      expect(settled.wamid).toMatch(/^wamid\./);
      expect(settled.error ?? null).toBeNull();
      expect(settled.events.map((e: { status: string }) => e.status)).toEqual(
        expect.arrayContaining(["unknown", "sent", "delivered", "read"]),
      );
      // Exactly one message reached Meta: nothing was sent again.
      expect((await api.emulator("GET", "/state")).counts.messages).toBe(sentBefore + 1);
    }, 60_000);
  });
});
