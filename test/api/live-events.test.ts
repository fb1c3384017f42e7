import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { openEventStream, type SseEvent } from "../support/sse.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

const preview = (e: SseEvent) => (JSON.parse(e.data) as { data: { preview: string } }).data.preview;
const received = (text: string) => (e: SseEvent) => e.event === "message.received" && preview(e) === text;

describeEachDialect("live events: a stream that comes back with Last-Event-ID gets what it missed", (dialect) => {
  let w: StartedWharf;
  let numbers: ConnectedNumbers;
  beforeAll(async () => {
    w = await startWharf({ dialect });
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
  }, 60_000);
  afterAll(() => w?.close());

  const customerWrites = (from: string, text: string) =>
    apiClient(w.url, w.demo.apiKey).emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from,
      text,
    });

  it("replays the events after the id it sent, once each and in order; without one, a stream starts now", async () => {
    const auth = { authorization: `Bearer ${w.demo.apiKey}` };
    // Open throughout: tells the test when the later messages were committed.
    const watcher = await openEventStream(w.url, auth);
    const first = await openEventStream(w.url, auth);
    expect(first.status).toBe(200);
    await customerWrites("+15550300001", "one");
    const one = await first.waitFor(received("one"), 10_000, "one");
    expect(one.id).toMatch(/^\d+$/);
    first.close();

    // The client is away while these arrive.
    await customerWrites("+15550300002", "two");
    await customerWrites("+15550300003", "three");
    await watcher.waitFor(received("two"), 10_000, "two on the watcher");
    await watcher.waitFor(received("three"), 10_000, "three on the watcher");

    const resumed = await openEventStream(w.url, { ...auth, "last-event-id": one.id! });
    await resumed.waitFor(received("two"), 10_000, "two after resuming");
    await resumed.waitFor(received("three"), 10_000, "three after resuming");
    // In commit order, which on PostgreSQL (webhook batches processed side by side) may not be arrival order.
    const messages = resumed.events.filter((e) => e.event === "message.received");
    expect(messages.map(preview).sort()).toEqual(["three", "two"]);
    // Every event the watcher saw after "one", the resumed stream got too, with the same ids.
    const after = watcher.events.filter((e) => Number(e.id) > Number(one.id)).map((e) => `${e.id} ${e.event}`);
    expect(resumed.events.map((e) => `${e.id} ${e.event}`).slice(0, after.length)).toEqual(after);
    const ids = resumed.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    const fresh = await openEventStream(w.url, auth);
    await customerWrites("+15550300004", "four");
    await fresh.waitFor(received("four"), 10_000, "four");
    expect(fresh.events.filter((e) => e.event === "message.received").map(preview)).toEqual(["four"]);

    // An id this workspace never reached (another database, a stale tab) is ignored: the stream starts now.
    const bogus = await openEventStream(w.url, { ...auth, "last-event-id": "999999999" });
    await customerWrites("+15550300005", "five");
    await bogus.waitFor(received("five"), 10_000, "five after a bogus id");
    for (const s of [watcher, resumed, fresh, bogus]) s.close();
  }, 60_000);
});
