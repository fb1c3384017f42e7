import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { addMember, type SessionAuth } from "../support/team.js";
import { inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

/** A team working its inbox: paging, search, filters, status, assignment, labels, notes, canned replies. */
describeEachDialect("inbox work", (dialect) => {
  let w: StartedWharf;
  const h = inboxHarness(() => w);
  let ids: Awaited<ReturnType<typeof h.connect>>;
  let agent: SessionAuth;
  let other: { id: string; apiKey: string };
  const key = () => w.demo.apiKey;

  const asAgent = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: { ...agent.headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const inbound = (from: string, text: string, name?: string) =>
    h.emulator("/inbound", { phoneNumberId: ids.metaPhoneNumberId, from, text, ...(name ? { name } : {}) });
  const list = async (query: string, apiKey = key()) => {
    const res = await h.api("GET", `/v1/conversations?${query}`, apiKey);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { data: Json[]; nextCursor: string | null };
  };
  const settles = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 50 });
  const conversationOf = async (waId: string) => (await list(`waId=${waId}`)).data[0];

  beforeAll(async () => {
    w = await startWharf({ dialect });
    ids = await h.connect(key());
    const pin = (await h.emulator("/state")).wabas[0].phoneNumbers[0].pin as string;
    expect((await h.api("POST", `/v1/phone-numbers/${ids.phoneNumberId}/activate`, key(), { pin })).status).toBe(200);
    agent = await addMember(w.url, key(), { email: "agent@work.test", role: "agent" });
    other = (await h.api("POST", "/v1/workspaces", w.adminToken, { name: "Other tenant" })).body;
    await inbound("15550301001", "Where is my parcel 100%_done?", "Ana Lima");
    await inbound("15550301002", "hello there", "Bruno");
    await inbound("15550301003", "I want a refund", "Carla");
    await settles(async () => expect((await list("limit=10")).data.length).toBe(3));
  }, 90_000);
  afterAll(() => w?.close());

  it("pages with a cursor and shows each conversation's last message as one line", async () => {
    const first = await list("limit=2");
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.data, ...second.data].map((c) => c.contact.waId);
    expect(new Set(all).size).toBe(3);
    const ana = await conversationOf("15550301001");
    expect(ana.lastMessage).toMatchObject({
      direction: "inbound",
      type: "text",
      preview: "Where is my parcel 100%_done?",
    });
    expect(ana.status).toBe("open");
    expect(ana.assigneeId).toBeNull();
    expect(ana.labels).toEqual([]);

    // An agent's reply becomes the last message.
    const reply = await h.api("POST", `/v1/conversations/${ana.id}/messages`, key(), {
      type: "text",
      text: { body: "It ships today" },
    });
    expect(reply.status).toBe(202);
    await settles(async () =>
      expect((await conversationOf("15550301001")).lastMessage).toMatchObject({
        direction: "outbound",
        preview: "It ships today",
      }),
    );
  });

  it("searches names, numbers and message text, with LIKE's wildcards taken literally", async () => {
    const names = async (q: string) =>
      (await list(`q=${encodeURIComponent(q)}`)).data.map((c) => c.contact.name as string).sort();
    expect(await names("bru")).toEqual(["Bruno"]);
    expect(await names("301003")).toEqual(["Carla"]);
    expect(await names("REFUND")).toEqual(["Carla"]);
    expect(await names("100%_d")).toEqual(["Ana Lima"]);
    // `%` and `_` are not wildcards: "a%" would match every name containing an a.
    expect(await names("a%")).toEqual([]);
    expect(await names("_")).toEqual(["Ana Lima"]);
    // Another workspace finds nothing of ours.
    expect((await list("q=bruno", other.apiKey)).data).toEqual([]);
  });

  it("status, assignment and labels: set by an agent, filtered, and a customer's message reopens", async () => {
    const bruno = await conversationOf("15550301002");
    const set = await asAgent("PATCH", `/v1/conversations/${bruno.id}`, {
      status: "resolved",
      assigneeId: agent.userId,
      labels: ["VIP", "shipping", "vip"],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ status: "resolved", assigneeId: agent.userId, labels: ["vip", "shipping"] });

    const mine = await asAgent("GET", "/v1/conversations?assignee=me");
    expect(mine.body.data.map((c: Json) => c.id)).toEqual([bruno.id]);
    expect((await list("assignee=none")).data.map((c) => c.id)).not.toContain(bruno.id);
    expect((await list("label=vip")).data.map((c) => c.id)).toEqual([bruno.id]);
    expect((await list("label=vi")).data).toEqual([]);
    expect((await list("status=resolved")).data.map((c) => c.id)).toEqual([bruno.id]);
    // assignee=me needs a user: an API key is told what to pass instead.
    const meWithKey = await h.api("GET", "/v1/conversations?assignee=me", key());
    expect(meWithKey.status).toBe(400);

    await inbound("15550301002", "one more thing");
    await settles(async () => expect((await conversationOf("15550301002")).status).toBe("open"));
    expect((await conversationOf("15550301002")).assigneeId).toBe(agent.userId);
  });

  it("refuses a non-member assignee, bad labels and another workspace's conversation", async () => {
    const carla = await conversationOf("15550301003");
    const stranger = await h.api("PATCH", `/v1/conversations/${carla.id}`, key(), { assigneeId: "usr_nobody" });
    expect(stranger.status).toBe(404);
    const badLabel = await h.api("PATCH", `/v1/conversations/${carla.id}`, key(), { labels: ['x"%'] });
    expect(badLabel.status).toBe(400);
    const empty = await h.api("PATCH", `/v1/conversations/${carla.id}`, key(), {});
    expect(empty.status).toBe(400);
    const foreign = await h.api("PATCH", `/v1/conversations/${carla.id}`, other.apiKey, { status: "resolved" });
    expect(foreign.status).toBe(404);
    expect((await conversationOf("15550301003")).status).toBe("open");
    // A member of another workspace cannot be assigned here either.
    const outsider = await addMember(w.url, other.apiKey, { email: "outsider@other.test", role: "agent" });
    const cross = await h.api("PATCH", `/v1/conversations/${carla.id}`, key(), { assigneeId: outsider.userId });
    expect(cross.status).toBe(404);
  });

  it("internal notes: written by the logged-in agent, listed oldest first, private to the workspace", async () => {
    const carla = await conversationOf("15550301003");
    const a = await asAgent("POST", `/v1/conversations/${carla.id}/notes`, { body: "Refund approved by Sam" });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.authorUserId).toBe(agent.userId);
    const b = await h.api("POST", `/v1/conversations/${carla.id}/notes`, key(), { body: "Paid back on 3 Dec" });
    expect(b.body.authorUserId).toBeNull();
    const notes = await h.api("GET", `/v1/conversations/${carla.id}/notes`, key());
    expect(notes.body.data.map((n: Json) => n.body)).toEqual(["Refund approved by Sam", "Paid back on 3 Dec"]);
    expect((await h.api("GET", `/v1/conversations/${carla.id}/notes`, other.apiKey)).status).toBe(404);
    expect((await h.api("POST", `/v1/conversations/${carla.id}/notes`, other.apiKey, { body: "x" })).status).toBe(404);
    expect((await h.api("POST", `/v1/conversations/${carla.id}/notes`, key(), { body: "  " })).status).toBe(400);
    // A note is not a message: nothing went to Meta, the last message is unchanged.
    expect((await conversationOf("15550301003")).lastMessage.preview).toBe("I want a refund");
  });

  it("canned replies: managers save them, agents read them, shortcuts are unique per workspace", async () => {
    const made = await h.api("POST", "/v1/canned-replies", key(), {
      shortcut: "Thanks",
      text: "Thank you for writing!",
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.shortcut).toBe("thanks");
    expect((await h.api("POST", "/v1/canned-replies", key(), { shortcut: "thanks", text: "again" })).status).toBe(409);
    expect((await asAgent("POST", "/v1/canned-replies", { shortcut: "mine", text: "x" })).status).toBe(403);
    expect((await asAgent("GET", "/v1/canned-replies")).body.data.map((r: Json) => r.shortcut)).toEqual(["thanks"]);
    // The other workspace may use the same shortcut, and sees none of ours.
    expect((await h.api("GET", "/v1/canned-replies", other.apiKey)).body.data).toEqual([]);
    expect((await h.api("POST", "/v1/canned-replies", other.apiKey, { shortcut: "thanks", text: "hi" })).status).toBe(
      201,
    );
    expect((await h.api("PATCH", `/v1/canned-replies/${made.body.id}`, other.apiKey, { text: "x" })).status).toBe(404);
    expect((await h.api("DELETE", `/v1/canned-replies/${made.body.id}`, other.apiKey)).status).toBe(404);
    const changed = await h.api("PATCH", `/v1/canned-replies/${made.body.id}`, key(), { text: "Thanks a lot!" });
    expect(changed.body.text).toBe("Thanks a lot!");
    expect((await h.api("DELETE", `/v1/canned-replies/${made.body.id}`, key())).status).toBe(204);
    expect((await h.api("GET", "/v1/canned-replies", key())).body.data).toEqual([]);
  });

  it("counts unread conversations and messages for the badge; reading clears them", async () => {
    const before = await h.api("GET", "/v1/conversations/unread-count", key());
    expect(before.status).toBe(200);
    expect(before.body.conversations).toBe(3);
    expect(before.body.messages).toBe(4);
    const carla = await conversationOf("15550301003");
    await h.api("POST", `/v1/conversations/${carla.id}/read`, key());
    const after = (await h.api("GET", "/v1/conversations/unread-count", key())).body;
    expect(after).toEqual({ conversations: 2, messages: 3 });
    expect((await h.api("GET", "/v1/conversations/unread-count", other.apiKey)).body).toEqual({
      conversations: 0,
      messages: 0,
    });
  });
});
