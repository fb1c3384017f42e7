import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { getAutomationVersion } from "../../src/modules/automations/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";

/** Issue 18: the automations API: recipes, save-time checks, versions, enable/pause, the dry run. */
describeEachDialect("automations API", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;

  /** A template with `params` body variables; approved by the emulator's review unless `pending`. */
  async function template(name: string, params: number, pending = false) {
    const vars = Array.from({ length: params }, (_, i) => `{{${i + 1}}}`).join(" and ");
    const created = await api.call("POST", "/v1/templates", {
      name,
      language: "en",
      category: "MARKETING",
      components: [
        {
          type: "BODY",
          text: `Hi, ${vars} are waiting.`,
          example: { body_text: [Array.from({ length: params }, (_, i) => `v${i}`)] },
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    if (pending) return;
    await api.emulator("POST", `/templates/${created.body.metaTemplateId}/review`, { status: "APPROVED" });
    await eventually(
      async () =>
        (await api.call("GET", "/v1/templates")).body.data.find(
          (t: { name: string; status: string }) => t.name === name && t.status === "APPROVED",
        ),
      30_000,
      `${name} approved`,
    );
  }

  async function recipe(id: string) {
    const r = await api.call("GET", "/v1/automations/recipes");
    return structuredClone(r.body.data.find((x: { id: string }) => x.id === id).automation);
  }

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    await connectAndActivate(w.url, w.demo.apiKey);
    for (const n of [1, 2, 3]) await template(`cart_reminder_${n}`, 2);
    await template("cart_in_review", 2, true);
  }, 180_000);
  afterAll(() => w?.close());

  it("lists the four recipes", async () => {
    const r = await api.call("GET", "/v1/automations/recipes");
    expect(r.status).toBe(200);
    expect(r.body.data.map((x: { id: string }) => x.id).sort()).toEqual([
      "abandoned_cart",
      "keyword_reply",
      "order_confirmation",
      "unread_reminder",
    ]);
    const cart = r.body.data.find((x: { id: string }) => x.id === "abandoned_cart").automation;
    expect(
      cart.steps.filter((s: { kind: string }) => s.kind === "wait").map((s: { seconds: number }) => s.seconds),
    ).toEqual([900, 2700, 82800]);
    expect(cart.exit).toEqual({ onReply: true, events: [{ type: "checkout.completed", sameKey: true }] });
  });

  it("creates the abandoned-cart recipe as a draft; edits of a draft keep its version; enabling freezes it; the next edit is version 2", async () => {
    const created = await api.call("POST", "/v1/automations", await recipe("abandoned_cart"));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: "draft",
      version: 1,
      recipe: "abandoned_cart",
      name: "Abandoned cart",
    });
    const id = created.body.id as string;
    expect(id).toMatch(/^aut_/);

    const renamed = await api.call("PATCH", `/v1/automations/${id}`, { name: "Cart", limits: { perContactPerDay: 2 } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Cart", version: 1, limits: { perContactPerDay: 2 } });

    expect((await api.call("POST", `/v1/automations/${id}/pause`)).status).toBe(409); // a draft is not running
    const enabled = await api.call("POST", `/v1/automations/${id}/enable`);
    expect(enabled.body).toMatchObject({ status: "enabled", version: 1 });
    expect(enabled.body.enabledAt).not.toBeNull();

    const edited = await api.call("PATCH", `/v1/automations/${id}`, { limits: { perContactPerDay: 1 } });
    expect(edited.body).toMatchObject({ status: "enabled", version: 2, limits: { perContactPerDay: 1 } });
    // Version 1, which running journeys keep, is unchanged.
    const v1 = await getAutomationVersion(w.wharf.database.db, asWorkspaceId(w.demo.workspaceId), id, 1);
    expect(v1?.definition.limits.perContactPerDay).toBe(2);

    const paused = await api.call("POST", `/v1/automations/${id}/pause`);
    expect(paused.body.status).toBe("paused");
    const archived = await api.call("DELETE", `/v1/automations/${id}`);
    expect(archived.body.status).toBe("archived");
    expect((await api.call("PATCH", `/v1/automations/${id}`, { name: "x" })).status).toBe(409);
    const list = await api.call("GET", "/v1/automations");
    expect(list.body.data.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(
      (await api.call("GET", "/v1/automations?status=archived")).body.data.map((a: { id: string }) => a.id),
    ).toContain(id);
  });

  it("refuses at save what a send would refuse, naming the step: a missing or unapproved template, wrong parameter counts", async () => {
    const cart = await recipe("abandoned_cart");
    cart.steps[1].template.name = "no_such_template";
    const missing = await api.call("POST", "/v1/automations", cart);
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe("TEMPLATE_NOT_FOUND");
    expect(missing.body.error.message).toContain('Step "remind_15m"');

    const fewer = await recipe("abandoned_cart");
    fewer.steps[1].template.body = [{ path: "contact.firstName" }];
    const mismatch = await api.call("POST", "/v1/automations", fewer);
    expect(mismatch.body.error.code, JSON.stringify(mismatch.body)).toBe("TEMPLATE_PARAMETERS_MISMATCH");
    expect(mismatch.body.error.message).toContain("body takes 2 parameter(s), 1 given");

    // A template still in review is accepted (it is checked again when enabled).
    const pending = await recipe("abandoned_cart");
    pending.steps[1].template.name = "cart_in_review";
    expect((await api.call("POST", "/v1/automations", pending)).status).toBe(201);
  });

  it("refuses untyped event paths, unknown event types, unsafe regexes, bad cron, bad time zones and backward jumps", async () => {
    const badPath = await recipe("abandoned_cart");
    badPath.steps[1].template.body[1] = { path: "event.recoveryLink" };
    const r1 = await api.call("POST", "/v1/automations", badPath);
    expect(r1.status).toBe(400);
    expect(r1.body.error.message).toContain('"event.recoveryLink" is not a field of checkout.created');

    const badExit = await recipe("abandoned_cart");
    badExit.exit.events[0].type = "checkout.vanished";
    expect((await api.call("POST", "/v1/automations", badExit)).body.error.code).toBe("EVENT_TYPE_UNKNOWN");

    const kw = await recipe("keyword_reply");
    kw.trigger.match = { type: "regex", pattern: "(a+)+$" };
    const r3 = await api.call("POST", "/v1/automations", kw);
    expect(r3.status).toBe(400);
    expect(r3.body.error.message).toContain("repeats a group");
    kw.trigger.match = { type: "regex", pattern: "^(hours|opening)\\b" };
    expect((await api.call("POST", "/v1/automations", kw)).status).toBe(201);

    const sched = await recipe("keyword_reply");
    sched.trigger = { kind: "schedule", cron: "0 9 31 2 *", timeZone: "Europe/Paris", audience: { tag: "vip" } };
    expect((await api.call("POST", "/v1/automations", sched)).body.error.message).toContain("never fires");
    sched.trigger = { kind: "schedule", cron: "0 25 * * *", audience: { tag: "vip" } };
    expect((await api.call("POST", "/v1/automations", sched)).status).toBe(400);
    sched.trigger = { kind: "schedule", cron: "0 9 * * 1", timeZone: "Mars/Olympus", audience: { tag: "vip" } };
    expect((await api.call("POST", "/v1/automations", sched)).status).toBe(400);
    sched.trigger = { kind: "schedule", cron: "0 9 * * 1-5", timeZone: "Europe/Paris", audience: { tag: "vip" } };
    expect((await api.call("POST", "/v1/automations", sched)).status).toBe(201);

    const jump = await recipe("unread_reminder");
    jump.steps[0].onTimeout = "wait_read";
    expect((await api.call("POST", "/v1/automations", jump)).body.error.message).toContain("not a later step");
  });

  it("dry-runs the cart recipe on a contact and a sample checkout: times, rendered templates, exits; sends and writes nothing", async () => {
    const created = await api.call("POST", "/v1/automations", await recipe("abandoned_cart"));
    const id = created.body.id as string;
    const ev = await api.call("POST", "/v1/events", {
      type: "customer.created",
      contact: { phone: "+15557400001" },
      data: { firstName: "Ana" },
    });
    expect(ev.status).toBe(202);
    await api.call("PUT", "/v1/contacts/15557400001", { name: "Ana Lima", marketingOptIn: true });
    const before = (await api.emulator("GET", "/messages")).data?.length ?? 0;

    const dry = await api.call("POST", `/v1/automations/${id}/dry-run`, {
      contact: "+15557400001",
      event: { data: { checkoutToken: "chk_1", recoveryUrl: "https://shop.example/r/chk_1" } },
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.enters).toBe(true);
    expect(dry.body.trigger.key).toBe("checkout.created:chk_1");
    const sends = dry.body.steps.filter((s: { kind: string }) => s.kind === "send_template");
    expect(sends.map((s: { afterSeconds: number }) => s.afterSeconds)).toEqual([900, 3600, 86400]);
    expect(sends[0].message.template).toEqual({
      name: "cart_reminder_1",
      language: { code: "en" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana" },
            { type: "text", text: "https://shop.example/r/chk_1" },
          ],
        },
      ],
    });
    expect(dry.body.exits).toContain("a checkout.completed event for the same key arrives");

    // A sample event that misses its schema is refused; a contact without consent does not enter.
    const bad = await api.call("POST", `/v1/automations/${id}/dry-run`, {
      contact: "+15557400001",
      event: { data: {} },
    });
    expect(bad.status).toBe(400);
    await api.call("POST", "/v1/events", { type: "customer.created", contact: { phone: "+15557400003" }, data: {} });
    await api.call("PUT", "/v1/contacts/15557400003", { marketingOptIn: false });
    const out = await api.call("POST", `/v1/automations/${id}/dry-run`, {
      contact: "+15557400003",
      event: { data: { checkoutToken: "chk_1" } },
    });
    expect(out.body.enters).toBe(false);
    expect(out.body.conditions[0].passed).toBe(false);

    expect((await api.emulator("GET", "/messages")).data?.length ?? 0).toBe(before);
    expect((await api.call("GET", `/v1/automations/${id}/journeys`)).body.data).toEqual([]);
    expect((await api.call("GET", `/v1/automations/${id}/stats`)).body).toMatchObject({ entered: 0 });
  });

  it("free-form steps render inside the window and fall back outside it", async () => {
    const kw = await api.call("POST", "/v1/automations", await recipe("keyword_reply"));
    const run = (windowOpen: boolean, text: string) =>
      api.call("POST", `/v1/automations/${kw.body.id}/dry-run`, {
        contact: "+15557400001",
        message: { text },
        windowOpen,
      });
    const inside = await run(true, "  HOURS ");
    expect(inside.status, JSON.stringify(inside.body)).toBe(200);
    expect(inside.body.enters, JSON.stringify(inside.body)).toBe(true);
    expect(inside.body.trigger.matches).toBe(true);
    expect(inside.body.steps[0].message).toEqual({
      type: "text",
      text: { body: "Hi Ana, we are open Monday to Friday, 9:00 to 18:00." },
    });
    const outside = await run(false, "hours");
    expect(outside.body.steps[0]).toMatchObject({ outcome: "skipped", reason: "window_closed" });
    expect((await run(true, "price?")).body.trigger.matches).toBe(false);
  });

  it("a time-of-day wait that names no zone counts in the workspace's time zone, one that names one in its own", async () => {
    const base = await recipe("keyword_reply");
    const morning = { ...base, steps: [{ id: "morning", kind: "wait_until", time: "09:00" }, ...base.steps] };
    const created = await api.call("POST", "/v1/automations", morning);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.steps[0].timeZone).toBeUndefined();
    const detail = async () =>
      (
        await api.call("POST", `/v1/automations/${created.body.id}/dry-run`, {
          contact: "+15557400001",
          message: { text: "hours" },
          windowOpen: true,
        })
      ).body.steps[0].detail as string;
    try {
      expect(await detail()).toBe("waits until 09:00 (UTC)");
      expect((await api.call("PATCH", "/v1/workspace", { timeZone: "America/Sao_Paulo" })).status).toBe(200);
      expect(await detail()).toBe("waits until 09:00 (America/Sao_Paulo)");
      const own = await api.call("PATCH", `/v1/automations/${created.body.id}`, {
        steps: [{ id: "morning", kind: "wait_until", time: "09:00", timeZone: "Asia/Tokyo" }, ...base.steps],
      });
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      expect(await detail()).toBe("waits until 09:00 (Asia/Tokyo)");
    } finally {
      await api.call("PATCH", "/v1/workspace", { timeZone: "UTC" });
    }
  });

  it("an unknown id is 404 on every route", async () => {
    for (const [m, p] of [
      ["GET", "/v1/automations/aut_nope"],
      ["PATCH", "/v1/automations/aut_nope"],
      ["POST", "/v1/automations/aut_nope/enable"],
      ["GET", "/v1/automations/aut_nope/stats"],
      ["GET", "/v1/journeys/jrn_nope"],
    ] as const)
      expect((await api.call(m, p, m === "PATCH" ? { name: "x" } : undefined)).status, `${m} ${p}`).toBe(404);
  });
});
