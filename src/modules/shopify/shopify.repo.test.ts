import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { shopifyMigrations } from "./shopify.migrations.js";
import { pruneWebhookIds, takeWebhookId } from "./shopify.repo.js";

const A = asWorkspaceId("ws_a");
const B = asWorkspaceId("ws_b");

describeEachDialect("shopify: webhook ids taken once per workspace, forgotten after the retention", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, shopifyMigrations);
  });
  afterEach(() => tdb.cleanup());

  const take = (ws: typeof A, id: string, at: number) =>
    tdb.db
      .transaction()
      .execute((trx) =>
        takeWebhookId(trx, ws, { webhook_id: id, topic: "orders/create", outcome: "recorded", received_at: at }),
      );

  it("the first delivery of an id takes it; a redelivery, also a concurrent one, does not; another workspace's same id is its own", async () => {
    const racing = await Promise.all(Array.from({ length: 5 }, () => take(A, "wh-1", 1_000)));
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect(await take(A, "wh-1", 2_000)).toBe(false);
    expect(await take(B, "wh-1", 2_000)).toBe(true);
    expect(await pruneWebhookIds(tdb.db, 1_500)).toBe(1);
    // Forgotten after the retention: a (very) late resend would be processed again.
    expect(await take(A, "wh-1", 3_000)).toBe(true);
  });
});
