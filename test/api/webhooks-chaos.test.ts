import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";

/**
 * Meta does not promise order or single delivery: the status webhook reference says statuses of one
 * message may arrive out of order, and webhooks are retried (so delivered more than once). With the
 * emulator's chaos switch every webhook change is held a random while and each is posted twice;
 * one end-to-end flow (inbound, replies, statuses) must still end right, with nothing doubled.
 */
describeEachDialect("one flow under webhook chaos (reordered and duplicated webhooks)", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
  }, 60_000);
  afterAll(() => w?.close());

  it("send, statuses and inbound end right: each inbound once, statuses once each, never read before sending", async () => {
    const chaos = await api.emulator("PUT", "/chaos", { reorderMs: 1000, duplicateRate: 1, seed: 7 });
    expect(chaos.chaos).toMatchObject({ reorderMs: 1000, duplicateRate: 1 });
    const customer = "15550808001";
    for (const text of ["first", "second"])
      await api.emulator("POST", "/inbound", {
        phoneNumberId: numbers.verified.metaPhoneNumberId,
        from: customer,
        text,
      });
    const conversation = await eventually(
      async () => {
        const c = (await api.call("GET", `/v1/conversations?waId=${customer}`)).body.data[0];
        return c?.unreadCount === 2 ? c : null;
      },
      15_000,
      "both inbound messages",
    );

    const ids: string[] = [];
    for (const body of ["one", "two", "three", "four", "five"]) {
      const sent = await api.call("POST", "/v1/messages", {
        from: numbers.verified.id,
        to: `+${customer}`,
        type: "text",
        text: { body },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      ids.push(sent.body.id);
    }
    const done = await eventually(
      async () => {
        const ms = await Promise.all(ids.map(async (id) => (await api.call("GET", `/v1/messages/${id}`)).body));
        return ms.every((m: Json) => m.status === "read") ? ms : null;
      },
      20_000,
      "every reply read",
    );
    await eventually(async () => ((await api.emulator("GET", "/chaos")).chaos.duplicated >= 17 ? true : null), 5_000);
    // Let the last duplicates and reordered copies arrive before judging.
    await new Promise((r) => setTimeout(r, 1_500));

    for (const m of done) {
      const again = (await api.call("GET", `/v1/messages/${m.id}`)).body;
      expect(again.status).toBe("read");
      const timeline = again.events.map((e: Json) => e.status);
      expect(timeline.filter((s: string) => s !== "queued")).toEqual(["sending", "sent", "delivered", "read"]);
    }
    const messages = (await api.call("GET", `/v1/conversations/${conversation.id}/messages?limit=50`)).body.data;
    const wamids = messages.map((m: Json) => m.wamid);
    expect(new Set(wamids).size).toBe(wamids.length);
    expect(messages.filter((m: Json) => m.direction === "inbound")).toHaveLength(2);
    expect(messages.filter((m: Json) => m.direction === "outbound")).toHaveLength(5);
    expect((await api.call("GET", `/v1/conversations?waId=${customer}`)).body.data[0].unreadCount).toBe(2);

    // The chaos was real: every change went out twice, and some message's statuses reached Wharf out of
    // order (each of five messages keeps sent < delivered < read with a chance of about 1 in 5).
    const posts = (await api.emulator("GET", "/webhooks")).deliveries as Json[];
    const arrival = (wamid: string, status: string) =>
      posts.findIndex((d) =>
        d.body.entry.some((e: Json) =>
          e.changes.some((c: Json) => c.value.statuses?.some((s: Json) => s.id === wamid && s.status === status)),
        ),
      );
    const reordered = done.some((m: Json) => {
      const [s, d, r] = ["sent", "delivered", "read"].map((status) => arrival(m.wamid, status));
      return s! > d! || d! > r! || s! > r!;
    });
    expect(reordered).toBe(true);
    await api.emulator("DELETE", "/chaos");
  }, 60_000);
});
