import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import type { Json } from "../support/json.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let numbers: ConnectedNumbers;
let api: ReturnType<typeof apiClient>;
const logLines: string[] = [];
const logs = (): Json[] => logLines.map((l) => JSON.parse(l));

beforeAll(async () => {
  w = await startWharf({ logLines });
  api = apiClient(w.url, w.demo.apiKey);
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
});
afterAll(() => w?.close());

describe("request logging", () => {
  it("logs each request at info with method, route pattern, status, ms and request id; no query, no body", async () => {
    const res = await fetch(`${w.url}/v1/messages/msg_nope?token=sekret-in-query`, {
      headers: { authorization: `Bearer ${w.demo.apiKey}` },
    });
    expect(res.status).toBe(404);
    const requestId = res.headers.get("x-request-id");
    const line = await eventually(async () => logs().find((l) => l.msg === "request" && l.requestId === requestId));
    expect(line).toMatchObject({ level: 30, method: "GET", route: "/v1/messages/:id", status: 404 });
    expect(typeof line.ms).toBe("number");
    const raw = logLines.find((l) => l.includes(requestId!))!;
    expect(raw).not.toContain("sekret-in-query");
    expect(raw).not.toContain("msg_nope");
    expect(raw).not.toContain(w.demo.apiKey);
  });
});

describe("when a workspace's sending pauses", () => {
  it("Meta's rate limit on a number: one phone_number.sending_paused event and a warning in the log", async () => {
    const customer = "15550501001";
    await api.emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: customer,
      text: "Hi",
    });
    await eventually(async () => (await api.call("GET", "/v1/conversations")).body.data?.length > 0 || null);
    await api.emulator("POST", "/faults", {
      method: "POST",
      path: "/v23.0/*/messages",
      status: 400,
      code: 130429,
      message: "Rate limit hit",
      count: 2,
    });
    for (const body of ["one", "two"]) {
      const sent = await api.call("POST", "/v1/messages", {
        from: numbers.verified.id,
        to: `+${customer}`,
        type: "text",
        text: { body },
      });
      expect(sent.status).toBe(202);
    }
    const warning = await eventually(
      async () => logs().find((l) => l.msg === "sending paused: Meta's rate limit paused a number"),
      20_000,
    );
    expect(warning).toMatchObject({
      level: 40,
      workspaceId: w.demo.workspaceId,
      phoneNumberId: numbers.verified.id,
      metaCode: 130429,
    });
    // The messages go out once the pause is over.
    await eventually(
      async () => {
        const page = (await api.call("GET", `/v1/messages?to=%2B${customer}`)).body.data as Json[];
        return page.filter((m) => m.direction === "outbound" && m.status !== "queued").length === 2 || null;
      },
      30_000,
      "sent after the pause",
    );
    // The warning follows the event (main.ts logs what the bus records): one per pause, not per batch.
    expect(logs().filter((l) => l.msg === "sending paused: Meta's rate limit paused a number")).toHaveLength(1);
  }, 60_000);

  it("a token lapse: connection.needs_reconnect and a warning naming the workspace", async () => {
    await api.emulator("POST", "/tokens/revoke", {});
    await api.call("POST", "/v1/connection/check");
    const warning = await eventually(
      async () => logs().find((l) => typeof l.msg === "string" && l.msg.startsWith("sending paused: Meta refused")),
      20_000,
    );
    expect(warning).toMatchObject({ level: 40, workspaceId: w.demo.workspaceId });
  }, 60_000);
});
