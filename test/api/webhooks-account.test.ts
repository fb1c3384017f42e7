import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";
import { eventually, inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
const h = inboxHarness(() => w);
let ids: Awaited<ReturnType<typeof h.connect>>;

describeEachDialect("Meta's account webhooks end to end", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect });
    ids = await h.connect(w.demo.apiKey);
  }, 60_000);
  afterAll(() => w?.close());

  const accountChange = (wabaId: string, field: string, value: unknown) =>
    JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: wabaId, time: Math.floor(Date.now() / 1000), changes: [{ field, value }] }],
    });
  const number = async () =>
    (await h.api("GET", "/v1/phone-numbers", w.demo.apiKey)).body.data.find((n: Json) => n.id === ids.phoneNumberId);

  describe("template, number quality and account webhooks", () => {
    it("a template review at Meta changes the stored template's status", async () => {
      const created = await h.api("POST", "/v1/templates", w.demo.apiKey, {
        name: "shipping_notice",
        language: "en_US",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Your parcel {{1}} ships today.", example: { body_text: [["P-1"]] } }],
      });
      expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
      const tpl = (await h.emulator("/state")).templates.find((t: Json) => t.name === "shipping_notice");
      await h.emulator(`/templates/${tpl.id}/review`, { status: "REJECTED", reason: "INVALID_FORMAT" });
      const after = await eventually(
        () => h.api("GET", "/v1/templates", w.demo.apiKey),
        (r) => r.body.data.some((t: Json) => t.name === "shipping_notice" && t.status === "REJECTED"),
        10_000,
      );
      expect(after.body.data.find((t: Json) => t.name === "shipping_notice").status).toBe("REJECTED");
    });

    it("a quality update re-reads the number's health from Meta and keeps the new messaging limit", async () => {
      await fetch(`${w.url}/_meta/_emulator/phone-numbers/${ids.metaPhoneNumberId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ qualityRating: "RED" }),
      });
      expect((await number()).qualityRating).not.toBe("RED");
      const body = accountChange(ids.wabaId, "phone_number_quality_update", {
        display_phone_number: "15550783881",
        event: "DOWNGRADE",
        current_limit: "TIER_250",
        old_limit: "TIER_10K",
      });
      expect(await h.postSigned(body)).toBe(200);
      const n = await eventually(number, (x) => x.qualityRating === "RED", 10_000);
      expect(n).toMatchObject({ qualityRating: "RED", messagingLimit: "TIER_250" });
    });

    // Meta's webhook references: message_template_quality_update {previous_quality_score,
    // new_quality_score, message_template_id, ...}, template_category_update {previous_category,
    // new_category, ...}, account_update {event, ban_info}, business_capability_update
    // {max_daily_conversations_per_business, max_phone_numbers_per_business}. Sent through the
    // emulator's control route, stored by Wharf and shown by its API.
    it("template quality and category, account and capability changes are stored and shown", async () => {
      const created = await h.api("POST", "/v1/templates", w.demo.apiKey, {
        name: "quality_watch",
        language: "en_US",
        category: "MARKETING",
        components: [{ type: "BODY", text: "New offers for {{1}}.", example: { body_text: [["you"]] } }],
      });
      expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
      const tpl = (await h.emulator("/state")).templates.find((t: Json) => t.name === "quality_watch");
      const ref = {
        message_template_id: Number(tpl.id),
        message_template_name: "quality_watch",
        message_template_language: "en_US",
      };
      const send = (field: string, value: unknown) => h.emulator("/webhooks/account", { field, value });
      expect(
        (
          await send("message_template_quality_update", {
            ...ref,
            previous_quality_score: "GREEN",
            new_quality_score: "YELLOW",
          })
        ).webhook,
      ).toBe("queued");
      await send("template_category_update", { ...ref, previous_category: "MARKETING", new_category: "UTILITY" });
      await send("account_update", {
        event: "DISABLED_UPDATE",
        ban_info: { waba_ban_state: "SCHEDULE_FOR_DISABLE", waba_ban_date: "2026-12-31" },
      });
      await send("business_capability_update", { max_daily_conversations_per_business: "TIER_2K" });
      await send("business_capability_update", { max_phone_numbers_per_business: 20 });

      const template = await eventually(
        async () => (await h.api("GET", `/v1/templates/${created.body.id}`, w.demo.apiKey)).body,
        (t) => t.qualityScore === "YELLOW" && t.category === "UTILITY",
        10_000,
      );
      expect(template).toMatchObject({ qualityScore: "YELLOW", category: "UTILITY" });
      const conn = await eventually(
        async () => (await h.api("GET", "/v1/connection", w.demo.apiKey)).body,
        (c) => c.account?.capabilities?.max_phone_numbers_per_business === 20,
        10_000,
      );
      expect(conn.account).toMatchObject({
        event: "DISABLED_UPDATE",
        detail: { banInfo: { waba_ban_state: "SCHEDULE_FOR_DISABLE" } },
        capabilities: { max_daily_conversations_per_business: "TIER_2K", max_phone_numbers_per_business: 20 },
      });
      // The emulator's Graph agrees with what it announced.
      const state = (await h.emulator("/state")).templates.find((t: Json) => t.name === "quality_watch");
      expect(state).toMatchObject({ category: "UTILITY" });
    });

    it("an account update for a WABA nobody connected is kept and flagged, and reaches no workspace", async () => {
      const body = accountChange("555000555000", "account_update", {
        event: "DISABLED_UPDATE",
        ban_info: { waba_ban_state: "DISABLE" },
      });
      expect(await h.postSigned(body)).toBe(200);
      await h.settle();
      const flags = (await h.api("GET", "/v1/webhooks/meta/flags", w.adminToken)).body.data;
      expect(flags.find((f: Json) => f.wabaId === "555000555000")).toMatchObject({
        kind: "unknown_waba",
        field: "account_update",
      });
      expect((await h.api("GET", "/v1/webhooks/meta/flags", w.demo.apiKey)).status).toBe(401);
      const n = Number(
        (
          await sql<{ n: number }>`select count(*) as n from webhook_events where body like '%555000555000%'`.execute(
            w.wharf.database.db,
          )
        ).rows[0]!.n,
      );
      expect(n).toBe(1);
    });
  });
});
