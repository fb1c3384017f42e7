import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { approvedTemplate, enabledAutomation, steppingClock } from "../support/automations.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { listJourneys, sweepSchedules, type JourneyDeps } from "../../src/modules/journeys/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";

/**
 * Issue 18, the tag_added and schedule triggers end to end on the emulator with Wharf's clock:
 * a tag added through the API starts its automation's journey and the template goes out; a
 * schedule in a non-UTC time zone fires at its time (not before), once, with sweeps racing.
 */
const MIN = 60_000;

type Sent = { waId: string; type: string; body: { template?: { name: string } } };

describeEachDialect("the tag_added and schedule triggers", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;
  const clock = steppingClock();
  const ws = () => asWorkspaceId(w.demo.workspaceId);

  const templatesTo = async (waId: string) => {
    const all: Sent[] = [];
    for (const n of [numbers.verified, numbers.unverified])
      all.push(...((await api.emulator("GET", `/messages?phoneNumberId=${n.metaPhoneNumberId}`)).data as Sent[]));
    return all.filter((m) => m.waId === waId).map((m) => (m.type === "template" ? m.body.template!.name : m.type));
  };
  const journeysOf = async (automationId: string, waId?: string) =>
    (await listJourneys(w.wharf.database.db, ws(), { automationId, ...(waId ? { waId } : {}) })).data;
  const contact = async (phone: string, tags: string[] = []) => {
    const res = await api.call("POST", "/v1/contacts", { phone: `+${phone}`, name: "Ana Souza", tags });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const advance = async (ms: number) => {
    clock.advance(ms);
    await api.emulator("POST", "/clock", { advanceMs: ms });
  };
  const firstName = { path: "contact.firstName", fallback: "there" };

  beforeAll(async () => {
    w = await startWharf({ dialect, clock });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    for (const name of ["vip_welcome", "weekly_digest"]) await approvedTemplate(w, name);
  }, 180_000);
  afterAll(() => w?.close(), 120_000);

  describe("tag_added", () => {
    it("adding the tag through the API starts the journey and its template goes out; adding it again starts nothing", async () => {
      const vip = await enabledAutomation(w, {
        trigger: { kind: "tag_added", tag: "vip" },
        steps: [
          {
            id: "hello",
            kind: "send_template",
            template: { name: "vip_welcome", language: "en_US", body: [firstName] },
          },
        ],
      });
      const waId = "5511944440001";
      const other = "5511944440002";
      await contact(waId);
      await contact(other, ["regular"]);
      const patched = await api.call("PATCH", `/v1/contacts/+${waId}`, { addTags: ["VIP"] });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      await eventually(async () => (await templatesTo(waId)).includes("vip_welcome"), 30_000, "vip_welcome sent");
      const [journey] = await journeysOf(vip.id, waId);
      expect(journey).toMatchObject({ triggerKey: "tag:vip" });

      // The tag is already there: no second event, no second journey. Another tag starts nothing.
      expect((await api.call("PATCH", `/v1/contacts/+${waId}`, { addTags: ["vip"] })).status).toBe(200);
      expect((await api.call("PATCH", `/v1/contacts/+${other}`, { addTags: ["gold"] })).status).toBe(200);
      // Then a second contact gets the tag (set through `tags`): it enters too; the first did not re-enter.
      expect((await api.call("PATCH", `/v1/contacts/+${other}`, { tags: ["vip", "gold"] })).status).toBe(200);
      await eventually(
        async () => (await templatesTo(other)).includes("vip_welcome"),
        30_000,
        "vip_welcome to the second",
      );
      expect(await journeysOf(vip.id, waId)).toHaveLength(1);
      expect((await templatesTo(waId)).filter((t) => t === "vip_welcome")).toHaveLength(1);
    }, 120_000);
  });

  describe("schedule", () => {
    it("fires at its time in America/Sao_Paulo, not before, once with two sweeps racing; the audience is its tag", async () => {
      const digest = await enabledAutomation(w, {
        trigger: {
          kind: "schedule",
          cron: "30 9 * * *",
          timeZone: "America/Sao_Paulo",
          audience: { tag: "weekly" },
        },
        steps: [
          {
            id: "digest",
            kind: "send_template",
            template: { name: "weekly_digest", language: "en_US", body: [firstName] },
          },
        ],
      });
      const members = ["5511955550001", "5511955550002"];
      for (const m of members) await contact(m, ["weekly"]);
      const outsider = "5511955550003";
      await contact(outsider, ["monthly"]);

      // São Paulo is UTC-3 all year (no daylight saving since 2019): 09:30 there is 12:30 UTC.
      const now = clock.now();
      const d = new Date(now);
      let fireAt = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12, 30);
      if (fireAt <= now + 5 * MIN) fireAt += 24 * 60 * MIN;

      const deps: JourneyDeps = {
        db: w.wharf.database.db,
        clock,
        events: w.wharf.events,
        jobs: w.wharf.jobs.queue,
        send: () => Promise.reject(new Error("the sweep does not send")),
      };
      const ticks = async () =>
        (await w.wharf.database.db
          .selectFrom("journey_schedule_ticks" as never)
          .select(["tick_at" as never])
          .where("automation_id" as never, "=", digest.id as never)
          .execute()) as Array<{ tick_at: number | string }>;

      // A minute before: nothing is due (the worker's own sweep runs on this clock too).
      await advance(fireAt - MIN - clock.now());
      expect((await sweepSchedules(deps)).filter((c) => c.automationId === digest.id)).toEqual([]);
      expect(await ticks()).toEqual([]);

      await advance(fireAt + 5_000 - clock.now());
      const [a, b] = await Promise.all([sweepSchedules(deps), sweepSchedules(deps)]);
      const mine = [...a, ...b].filter((c) => c.automationId === digest.id);
      expect(mine.length).toBeLessThanOrEqual(1); // the worker's sweep may have claimed it first
      await eventually(async () => (await ticks()).length === 1, 30_000, "the fire time claimed");
      expect((await ticks()).map((t) => Number(t.tick_at))).toEqual([fireAt]);
      for (const m of members)
        await eventually(async () => (await templatesTo(m)).includes("weekly_digest"), 30_000, `digest to ${m}`);

      // More sweeps later the same day claim nothing more; each member entered once and got one message.
      await advance(2 * MIN);
      await Promise.all([sweepSchedules(deps), sweepSchedules(deps)]);
      expect(await ticks()).toHaveLength(1);
      for (const m of members) {
        const js = await journeysOf(digest.id, m);
        expect(js).toHaveLength(1);
        expect(js[0]).toMatchObject({ triggerKey: `tick:${fireAt}` });
        expect((await templatesTo(m)).filter((t) => t === "weekly_digest")).toHaveLength(1);
      }
      expect(await journeysOf(digest.id, outsider)).toHaveLength(0);
      expect(await templatesTo(outsider)).toEqual([]);
    }, 180_000);
  });
});
