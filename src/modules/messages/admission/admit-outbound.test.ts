import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../../test/support/databases.js";
import { senderPhone } from "../../../../test/support/sender-phone.js";
import { allMigrations } from "../../../main.js";
import type { SendMessageRequest } from "../../../channels/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { updateContact } from "../../inbox/index.js";
import type { TemplateForSend } from "../../templates/index.js";
import { insertMessages, newMessageRow } from "../messages.repo.js";
import { admitOutbound, type OutboundIntent, type SendRule } from "./index.js";
import { SEND_RULES } from "./rules.js";

const WS = "ws_adm" as WorkspaceId;
const PHONE = senderPhone("adm");
const T0 = Date.UTC(2026, 11, 1);
const template = (category: string, bodyParameterCount = 0) =>
  ({
    name: "promo",
    language: "en_US",
    category,
    bodyParameterCount,
    headerParameterCount: 0,
    buttonParameterCounts: [],
  }) as unknown as TemplateForSend;

function intent(
  waId: string,
  kind: { text?: true; template?: TemplateForSend; params?: number; campaignId?: string },
): OutboundIntent {
  const body = (
    kind.text
      ? {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: `+${waId}`,
          type: "text",
          text: { body: "hi" },
        }
      : {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: `+${waId}`,
          type: "template",
          template: {
            name: "promo",
            language: { code: "en_US" },
            ...(kind.params
              ? {
                  components: [
                    {
                      type: "body",
                      parameters: Array.from({ length: kind.params }, () => ({ type: "text", text: "x" })),
                    },
                  ],
                }
              : {}),
          },
        }
  ) as SendMessageRequest;
  return {
    workspaceId: WS,
    phone: PHONE,
    to: `+${waId}`,
    waId,
    body,
    template: kind.text ? null : kind.template!,
    campaignId: kind.campaignId ?? null,
    contextWamid: null,
    idempotencyKey: null,
    requestHash: null,
    now: T0,
  };
}

describeEachDialect("admitOutbound: every send rule once, for any batch", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    // 15550000001 wrote an hour ago (window open); 15550000002 opted in to marketing; 15550000003 opted out.
    const inbound = newMessageRow({
      id: "msg_in1",
      workspace_id: WS,
      direction: "inbound",
      phone_number_id: PHONE.id,
      wa_id: "15550000001",
      type: "text",
      content: "{}",
      status: "received",
      status_rank: 9,
      wamid: "wamid.in1",
      meta_timestamp: T0 - 3_600_000,
      created_at: T0 - 3_600_000,
    });
    await insertMessages(tdb.db, [inbound]);
    const clock = { now: () => T0 };
    await updateContact({ db: tdb.db, clock }, WS, "15550000002", { marketingOptIn: true });
    await updateContact({ db: tdb.db, clock }, WS, "15550000003", { marketingOptIn: false });
  });
  afterEach(() => tdb.cleanup());

  const admit = (intents: OutboundIntent[], rules?: readonly SendRule[]) =>
    tdb.db.transaction().execute((trx) => admitOutbound(trx, { dialect, ...(rules ? { rules } : {}) }, intents));
  const codes = (results: Awaited<ReturnType<typeof admit>>) =>
    results.map((r) => (r.kind === "refused" ? r.error.code : r.kind));

  it("one mixed batch: window, template parameters and consent each refuse with their code; the rest are written with their outbox rows", async () => {
    const results = await admit([
      intent("15550000001", { text: true }), // in the window: a service reply
      intent("15550000004", { text: true }), // never wrote
      intent("15550000002", { template: template("UTILITY", 1) }), // takes 1 parameter, 0 given
      intent("15550000002", { template: template("MARKETING") }), // opted in
      intent("15550000003", { template: template("MARKETING") }), // opted out
      intent("15550000004", { template: template("MARKETING") }), // never said
    ]);
    expect(codes(results)).toEqual([
      "admitted",
      "WINDOW_CLOSED",
      "TEMPLATE_PARAMETERS_MISMATCH",
      "admitted",
      "RECIPIENT_OPTED_OUT",
      "RECIPIENT_NOT_OPTED_IN",
    ]);
    const written = await tdb.db
      .selectFrom("messages")
      .select(["id", "wa_id", "business_initiated"])
      .where("direction", "=", "outbound")
      .orderBy("wa_id")
      .execute();
    expect(written.map((m) => [m.wa_id, Number(m.business_initiated)])).toEqual([
      ["15550000001", 0],
      ["15550000002", 1],
    ]);
    const outbox = await tdb.db.selectFrom("outbox").select("message_id").execute();
    expect(outbox.map((o) => o.message_id).sort()).toEqual(written.map((m) => m.id).sort());
  });

  it("reports the first rule that refuses, in the table's order", async () => {
    // Opted out AND wrong parameters: parameters come first in SEND_RULES.
    const [result] = await admit([intent("15550000003", { template: template("MARKETING", 2) })]);
    expect(result?.kind === "refused" && result.error.code).toBe("TEMPLATE_PARAMETERS_MISMATCH");
  });

  it("a rule added to the table applies to single sends and campaign recipients alike, and refused messages take no limit", async () => {
    const monthlyQuota: SendRule = {
      name: "monthly-quota",
      apply(_trx, _ctx, candidates) {
        candidates.forEach((c, n) => {
          if (n >= 1) c.refusal = new AppError("VALIDATION_FAILED", "quota used up");
        });
      },
    };
    const rules = [...SEND_RULES.slice(0, -1), monthlyQuota, SEND_RULES[SEND_RULES.length - 1]!];
    const results = await admit(
      [
        intent("15550000010", { template: template("UTILITY") }),
        intent("15550000011", { template: template("UTILITY"), campaignId: "cmp_1" }),
      ],
      rules,
    );
    expect(codes(results)).toEqual(["admitted", "VALIDATION_FAILED"]);
    const reach = await tdb.db
      .selectFrom("portfolio_reach")
      .select("reached")
      .where("portfolio_key", "=", "business:biz_adm")
      .executeTakeFirst();
    expect(Number(reach?.reached)).toBe(1);
  });

  it("a single send opens its conversation in the inbox; a campaign recipient does not (as before)", async () => {
    await admit([
      intent("15550000020", { template: template("UTILITY") }),
      intent("15550000021", { template: template("UTILITY"), campaignId: "cmp_2" }),
    ]);
    const conversations = await tdb.db.selectFrom("conversations").select("wa_id").execute();
    expect(conversations.map((c) => c.wa_id)).toEqual(["15550000020"]);
  });
});
