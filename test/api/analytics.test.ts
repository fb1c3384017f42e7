import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { campaignMessageRow } from "../support/message-rows.js";
import type { WorkspaceId } from "../../src/platform/workspace-id.js";
import type { Json } from "../support/json.js";

const DAY = 24 * 3600_000;
const DEC_2 = Date.parse("2026-12-02T00:00:00Z");

/** GET /v1/analytics: the funnel and failures by Meta code per campaign, template or number, over dates. */
describeEachDialect("analytics", (dialect) => {
  let w: StartedWharf;
  let other: { id: string; apiKey: string };
  const get = async (query: string, apiKey = w.demo.apiKey) => {
    const res = await fetch(`${w.url}/v1/analytics?${query}`, { headers: { authorization: `Bearer ${apiKey}` } });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    w = await startWharf({ dialect });
    const res = await fetch(`${w.url}/v1/workspaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Other" }),
    });
    other = (await res.json()) as { id: string; apiKey: string };
    const ws = w.demo.workspaceId as WorkspaceId;
    const rows = [
      // Dec 1, late: outside a Dec 2 range.
      campaignMessageRow(ws, "a1", "cmp_a", { status: "read", status_rank: 4, created_at: DEC_2 - 1 }),
      // Dec 2: read, delivered, failed twice with 131026, once with 131049.
      campaignMessageRow(ws, "a2", "cmp_a", { status: "read", status_rank: 4, created_at: DEC_2 + 1 }),
      campaignMessageRow(ws, "a3", "cmp_a", { status: "delivered", status_rank: 3, created_at: DEC_2 + 2 }),
      ...["a4", "a5"].map((id, i) =>
        campaignMessageRow(ws, id, "cmp_a", {
          status: "failed",
          status_rank: 5,
          meta_error_code: 131026,
          error_code: "META_REJECTED",
          created_at: DEC_2 + 3 + i,
        }),
      ),
      campaignMessageRow(ws, "a6", "cmp_b", {
        status: "failed",
        status_rank: 5,
        meta_error_code: 131049,
        error_code: "META_REJECTED",
        template_name: "promo",
        created_at: DEC_2 + DAY - 1,
      }),
      // Dec 3: outside.
      campaignMessageRow(ws, "a7", "cmp_b", { status: "sent", status_rank: 2, created_at: DEC_2 + DAY }),
      // Another workspace's message in range: never counted here.
      campaignMessageRow(other.id as WorkspaceId, "b1", "cmp_a", {
        status: "read",
        status_rank: 4,
        created_at: DEC_2 + 5,
      }),
    ];
    await w.wharf.database.db
      .insertInto("messages" as never)
      .values(rows as never)
      .execute();
  }, 60_000);
  afterAll(() => w?.close());

  it("a date range covers whole days; groups by campaign with the funnel and failures by code", async () => {
    const res = await get("from=2026-12-02&to=2026-12-02&groupBy=campaign");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.from).toBe("2026-12-02T00:00:00.000Z");
    expect(res.body.to).toBe("2026-12-03T00:00:00.000Z");
    const byKey = Object.fromEntries(res.body.data.map((g: Json) => [g.key, g]));
    expect(byKey.cmp_a).toMatchObject({ total: 4, sent: 2, delivered: 2, read: 1, failed: 2 });
    expect(byKey.cmp_a.failuresByCode).toEqual([{ metaCode: 131026, code: "META_REJECTED", count: 2 }]);
    expect(byKey.cmp_b).toMatchObject({ total: 1, failed: 1 });
  });

  it("date-times still work, as do the other groupings; another workspace counts only its own", async () => {
    const res = await get("from=2026-12-01T00:00:00Z&to=2026-12-04T00:00:00Z&groupBy=template");
    const byKey = Object.fromEntries(res.body.data.map((g: Json) => [g.key, g]));
    expect(byKey.t.total).toBe(6);
    expect(byKey.promo.total).toBe(1);
    const theirs = await get("from=2026-12-02&to=2026-12-02", other.apiKey);
    expect(theirs.body.data).toEqual([expect.objectContaining({ key: "cmp_a", total: 1, read: 1 })]);
  });

  it("refuses what is not a date", async () => {
    expect((await get("from=yesterday&to=2026-12-02")).status).toBe(400);
    expect((await get("from=2026-12-02")).status).toBe(400);
  });
});
