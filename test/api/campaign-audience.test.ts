import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { createApprovedTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { recordConsent, upsertContact } from "../../src/modules/inbox/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";

/**
 * Issue 17, acceptance 3: a campaign to a segment whose audience holds 5,000 entries, 3 of them
 * duplicates and 10 opted out, sends exactly 4,987 and reports the other 13 with their reasons.
 * The segment (tag `spring`) has 4,997 contacts; the campaign also lists 3 of them again as
 * pasted recipients, written differently (the union is the audience, each customer once).
 */
const TEMPLATE = "spring_sale";
const MEMBERS = 4_997;
const phone = (i: number) => `+1555740${String(i).padStart(4, "0")}`;

describeEachDialect("a campaign to a segment", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    await createApprovedTemplate(api, {
      name: TEMPLATE,
      language: "en_US",
      category: "MARKETING",
      components: [{ type: "BODY", text: "Spring sale: 20% off everything this week." }],
    });
    // The contacts as an import would leave them: tagged, opted in, the last 10 opted out since.
    const ws = asWorkspaceId(w.demo.workspaceId);
    const clock = { now: () => Date.now() };
    // Five transactions at a time (PostgreSQL's pool; SQLite takes them in turn): one contact per
    // statement group took ~8 minutes on PostgreSQL on the loaded machine when run one by one.
    const seed = (from: number, to: number) =>
      w.wharf.database.db.transaction().execute(async (trx) => {
        for (let i = from; i < to; i++) {
          const c = await upsertContact(trx, { clock }, ws, { phone: phone(i) }, { tags: ["spring"] });
          await recordConsent(trx, { clock }, ws, c.waId, {
            marketing: i >= MEMBERS - 10 ? "opted_out" : "opted_in",
            source: "import",
          });
        }
      });
    const slices = Array.from({ length: Math.ceil(MEMBERS / 500) }, (_, k) => [
      k * 500,
      Math.min(MEMBERS, k * 500 + 500),
    ]);
    for (let k = 0; k < slices.length; k += 5)
      await Promise.all(slices.slice(k, k + 5).map(([from, to]) => seed(from!, to!)));
    // Someone outside the segment, opted in: not sent to.
    await w.wharf.database.db
      .transaction()
      .execute((trx) => upsertContact(trx, { clock }, ws, { phone: "+15557499999" }, { tags: ["autumn"] }));
  }, 900_000);
  afterAll(() => w?.close());

  it("sends 4,987, skips 3 DUPLICATE_RECIPIENT and 10 RECIPIENT_OPTED_OUT, and nobody outside the segment", async () => {
    const segment = await api.call("POST", "/v1/segments", { name: "Spring", filter: { tags: ["spring"] } });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const created = await api.call("POST", "/v1/campaigns", {
      name: "Spring sale",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      audience: { segmentId: segment.body.id },
      recipients: [{ to: "15557400001" }, { to: "+1 (555) 740-2500" }, { to: phone(MEMBERS - 1) }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.audience).toEqual({ segmentId: segment.body.id });
    const id = created.body.id as string;
    const final = await eventually(
      async () => {
        const c = (await api.call("GET", `/v1/campaigns/${id}`)).body;
        return c.counts.total === 5_000 && c.counts.queued === 0 && c.funnel.sent + c.counts.skipped === 5_000
          ? c
          : null;
      },
      900_000,
      "campaign settled",
    );
    expect(final.funnel.sent).toBe(4_987);
    expect(final.counts).toMatchObject({ total: 5_000, skipped: 13, failed: 0 });
    expect(final.skippedReasons).toEqual({ DUPLICATE_RECIPIENT: 3, RECIPIENT_OPTED_OUT: 10 });
    expect(final.audienceTakenAt).not.toBeNull();
    const atMeta = (await api.emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`))
      .data as Array<{ waId: string }>;
    const perCustomer = new Map<string, number>();
    for (const m of atMeta) perCustomer.set(m.waId, (perCustomer.get(m.waId) ?? 0) + 1);
    expect(perCustomer.size).toBe(4_987);
    expect([...perCustomer.values()].every((n) => n === 1)).toBe(true);
    expect(perCustomer.has("15557499999")).toBe(false);
  }, 1_000_000);

  it("a segment of another workspace (or none) is refused before a campaign exists", async () => {
    const r = await api.call("POST", "/v1/campaigns", {
      name: "Nobody",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      audience: { segmentId: "seg_00000000000000000000" },
    });
    expect(r.status).toBe(404);
    expect((await api.call("GET", "/v1/campaigns")).body.data.map((c: { name: string }) => c.name)).not.toContain(
      "Nobody",
    );
  }, 120_000);

  it("a campaign whose segment was deleted before it started ends failed with the reason, once, and sends nothing", async () => {
    const segment = await api.call("POST", "/v1/segments", { name: "Autumn", filter: { tags: ["autumn"] } });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const created = await api.call("POST", "/v1/campaigns", {
      name: "Autumn sale",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      audience: { segmentId: segment.body.id },
      recipients: [{ to: "+15557499999" }],
      draft: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await api.call("DELETE", `/v1/segments/${segment.body.id}`)).status).toBe(204);
    const started = await api.call("POST", `/v1/campaigns/${id}/resume`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const final = await eventually(
      async () => {
        const c = (await api.call("GET", `/v1/campaigns/${id}`)).body;
        return c.status === "failed" ? c : null;
      },
      120_000,
      "campaign failed",
    );
    expect(final.failureReason).toBe(
      `The campaign's segment ${segment.body.id} was deleted before the campaign started; nothing was sent.`,
    );
    // The listed recipient is not sent to alone: the campaign was meant for the segment.
    expect(final.counts).toMatchObject({ total: 1, skipped: 1, queued: 0, sent: 0 });
    expect(final.skippedReasons).toEqual({ AUDIENCE_NOT_FOUND: 1 });
    expect(final.audienceTakenAt).toBeNull();
    // The job ended (its row is deleted on completion) instead of failing and being retried.
    await eventually(
      async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from jobs where dedupe_key = ${`campaign:${id}`}`.execute(
              w.wharf.database.db,
            )
          ).rows[0]!.n,
        ) === 0,
      60_000,
      "the expand job finished",
    );
    const atMeta = (await api.emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`))
      .data as Array<{ waId: string }>;
    expect(atMeta.some((m) => m.waId === "15557499999")).toBe(false);
  }, 300_000);
});
